import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readiness } from "../../server/app";
import { signIn } from "../helpers/auth";
import { connectFacilitator, emit } from "../helpers/clients";
import { query } from "../helpers/database";
import { runServerExpectingExit } from "../helpers/process";
import { useTestServers } from "../helpers/lifecycle";
import { FIXTURE_PLANS, startRun, type TestServer } from "../helpers/server";

let server: TestServer;
let plansDir: string;

const BROKEN_PLAN = `---
id: broken
title: A plan with a mistake
summary: Used to show how errors are listed.
duration: 10
audience: testers
---

# Only slide

\`\`\`prompt
id: feeling
type: scale
question: How are you?
min: 1
max: 20
min-label: low
max-label: high
\`\`\`
`;

const startServer = useTestServers("file");

beforeAll(async () => {
  plansDir = fs.mkdtempSync(path.join(FIXTURE_PLANS, "..", ".tmp-plans-"));
  fs.copyFileSync(path.join(FIXTURE_PLANS, "every-prompt.md"), path.join(plansDir, "every-prompt.md"));
  fs.writeFileSync(path.join(plansDir, "broken.md"), BROKEN_PLAN);
  server = await startServer({ plansDir });
});

afterAll(() => fs.rmSync(plansDir, { recursive: true, force: true }));

const page = async (pathname: string, init?: RequestInit) => {
  const response = await fetch(`${server.url}${pathname}`, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

describe("the server", () => {
  it("answers /healthz when the database is open, and /livez while the process runs", async () => {
    expect(await page("/healthz")).toMatchObject({ status: 200, text: "ok" });
    expect(await page("/livez")).toMatchObject({ status: 200, text: "ok" });
  });

  it("is not ready while the database or Redis can't be reached, and says which", async () => {
    const up = { ping: async () => {} };
    const down = { ping: async () => Promise.reject(new Error("connection refused")) };
    expect(await readiness(up, undefined)).toBeUndefined();
    expect(await readiness(down, undefined)).toBe("database unavailable");
    expect(await readiness(up, { ready: () => true })).toBeUndefined();
    expect(await readiness(up, { ready: () => false })).toBe("redis unavailable");
    expect(await readiness(down, { ready: () => false })).toBe("database unavailable");
  });

  it("lists every plan, and a broken one with its errors at their lines, never startable", async () => {
    const signedIn = { headers: { Cookie: await signIn(server) } };
    const library = await page("/library", signedIn);
    expect(library.status).toBe(200);
    expect(library.text).toContain("Every prompt type");
    expect(library.text).toMatch(/broken\.md:16/);
    expect(library.text).toContain("must be a whole number from 2 to 10");
    // Only the valid plan has a start form.
    expect(library.text.match(/name="planId"/g)).toHaveLength(1);

    const refused = await page("/library?index", { ...form({ planId: "broken", k: "5" }), ...signedIn });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("has errors to fix");
    expect(query(server.dbFile, "select count(*) as n from runs")).toEqual([{ n: 0 }]);
  });

  it("refuses a privacy threshold below 3", async () => {
    const refused = await page("/library?index", { ...form({ planId: "every-prompt", k: "2" }), headers: { Cookie: await signIn(server) } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("privacy threshold");
  });

  it("gives the facilitator a 256-bit secret link, stored only as a hash, that sets an HttpOnly cookie", async () => {
    const { code, cookie, facilitatorSecret: secret } = await startRun(server, "every-prompt", 5);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);

    const [row] = query<{ hash: string }>(server.dbFile, "select facilitator_secret_hash as hash from runs where code = ?", code);
    expect(row!.hash).toBe(createHash("sha256").update(secret).digest("hex"));

    // On another device, the link sets the cookie and leaves the address bar for the console.
    const link = await page(`/f/${secret}`);
    expect(link.status).toBe(302);
    expect(link.headers.get("location")).toBe(`/console/${code}`);
    const setCookie = link.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain(`beside_f_${code}=${secret}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    // The console needs both: a signed-in account and the run's secret.
    expect((await page(`/console/${code}`)).headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/console/${code}`)}`);
    expect((await page(`/console/${code}`, { headers: { cookie: await signIn(server) } })).status).toBe(403);
    const console_ = await page(`/console/${code}`, { headers: { cookie } });
    expect(console_.status).toBe(200);
    expect(console_.text).toContain(code);
    expect((await page(`/f/${"x".repeat(43)}`)).status).toBe(404);

    // The library offers to continue the runs this browser facilitates.
    expect((await page("/library", { headers: { cookie } })).text).toContain(`/console/${code}`);

    const { socket } = await connectFacilitator(server.url, code, cookie);
    await emit(socket, "run:end", {});
    expect((await page(`/f/${secret}`)).status).toBe(410);
  });

  it("joins by typed code or link, with a clear message for a wrong or ended code", async () => {
    const { code, cookie } = await startRun(server);
    const typed = await page("/join", form({ code: ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} ` }));
    expect(typed.status).toBe(302);
    expect(typed.headers.get("location")).toBe(`/j/${code}`);
    expect((await page("/join", form({ code: code.toLowerCase() }))).headers.get("location")).toBe(`/j/${code}`);

    // Codes hold the letters O and I, never the digits: typed as 0 and 1, they are read as the letters, and the form says so.
    expect((await page("/join")).text).toContain("typing 0 is read as the letter O, and 1 as the letter I");
    let withLetters = code;
    for (let tries = 0; !/[OI]/.test(withLetters) && tries < 40; tries++) withLetters = (await startRun(server)).code;
    expect(withLetters).toMatch(/[OI]/);
    const asDigits = withLetters.replace(/O/g, "0").replace(/I/g, "1");
    expect((await page("/join", form({ code: asDigits }))).headers.get("location")).toBe(`/j/${withLetters}`);

    const malformed = await page("/join", form({ code: "12" }));
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("6 letters and numbers");

    const unknown = await page("/join", form({ code: "ZZZZZZ" }));
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("No session is running with the code ZZZZZZ");

    const joinPage = await page(`/j/${code}`);
    expect(joinPage.status).toBe(200);
    expect(joinPage.text).toContain("Welcome");
    expect((await page("/j/ZZZZZZ")).text).toContain("couldn");

    const { socket } = await connectFacilitator(server.url, code, cookie);
    await emit(socket, "run:end", {});
    const ended = await page("/join", form({ code }));
    expect(ended.status).toBe(410);
    expect(ended.text).toContain("ended");
    expect((await page(`/j/${code}`)).text).toContain("This session has ended");
  });

  it("serves the display to anyone with the code, without facilitator notes", async () => {
    const { code } = await startRun(server);
    const display = await page(`/display/${code}`);
    expect(display.status).toBe(200);
    expect(display.text).toContain(code);
    expect(display.text).not.toContain("Keep it short");
    expect((await page("/display/ZZZZZZ")).status).toBe(404);
  });
});

describe("what a phone on slow data loads", () => {
  const encoding = async (pathname: string, cookie?: string) =>
    (await page(pathname, { headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) } })).headers.get("content-encoding");

  it("comes gzipped, with the stylesheet in the page: the public pages and the build's files", async () => {
    const { code } = await startRun(server);
    for (const pathname of ["/join", `/j/${code}`, "/help", `/display/${code}`]) expect(await encoding(pathname), pathname).toBe("gzip");
    const html = (await page("/join")).text;
    // Every script the page loads, but those under 1 KB (which compression leaves as they are: gzip would save nothing).
    const scripts = [...html.matchAll(/href="(\/build\/[^"]+\.js)"/g)].map((match) => match[1]!);
    const sizable: string[] = [];
    for (const script of scripts) if ((await page(script)).text.length > 1024) sizable.push(script);
    expect(sizable.length).toBeGreaterThan(3);
    for (const script of sizable) expect(await encoding(script), script).toBe("gzip");
    // The page paints with its first response: Beside's styles are in it, not behind another request.
    expect(html).toMatch(/<style data-href="\/build\/_assets\/app-[A-Z0-9]+\.css">[^<]*\.phone\b/);
    expect(html).not.toMatch(/<link rel="stylesheet" href="\/build\/_assets\/app-/);
  });

  it("carries only a phone's styles in a participant's pages, and the room's after them in every other page (decision 045)", async () => {
    const { code, cookie } = await startRun(server);
    /** The stylesheets in the page, in order: the start of each one's address and its text. */
    const stylesheets = async (pathname: string, init: RequestInit = {}) => {
      const { status, text } = await page(pathname, init);
      expect(text, pathname).not.toMatch(/<link rel="stylesheet" href="\/build\/_assets\/(app|room)-/);
      const found = [...text.matchAll(/<style data-href="\/build\/_assets\/([a-z]+)-[A-Z0-9]+\.css">([^<]*)<\/style>/g)];
      return { status, sheets: found.map(([, name]) => name), css: found.map(([, , css]) => css!).join("") };
    };
    const entered = { method: "POST", body: new URLSearchParams({ intent: "enter" }) };
    const ended = await startRun(server);
    await emit((await connectFacilitator(server.url, ended.code, ended.cookie)).socket, "run:end", {});
    const phonePages: Array<[string, RequestInit?]> = [
      ["/join"],
      ["/join", form({ code: "ZZZZZZ" })],
      ["/help"],
      [`/help?from=${code}`],
      [`/j/${code}`],
      [`/j/${code}`, entered],
      ["/j/ZZZZZZ"],
      [`/j/${ended.code}`],
    ];
    for (const [pathname, init] of phonePages) {
      const { sheets, css } = await stylesheets(pathname, init);
      expect(sheets, pathname).toEqual(["app"]);
      // What a phone shows is in it; what only the console, the display and the staff's pages show is not.
      expect(css).toMatch(/\.safety-bar\b[^{]*\{/);
      expect(css).toMatch(/\.bars__fill\b[^{]*\{/);
      for (const roomOnly of [".console", ".display", ".moderation", ".staff-header", ".plan-card", ".join-panel", ".timers", ".guide"]) {
        expect(css, `${pathname}: ${roomOnly}`).not.toMatch(new RegExp(`\\${roomOnly}(?![\\w-])|\\${roomOnly}(__|--)`));
      }
    }
    const otherPages: Array<[string, RequestInit?]> = [
      [`/display/${code}`],
      [`/console/${code}`, { headers: { cookie } }],
      ["/library", { headers: { cookie } }],
      ["/login"],
      ["/display/ZZZZZZ"],
    ];
    for (const [pathname, init] of otherPages) {
      const { sheets, css } = await stylesheets(pathname, init);
      expect(sheets, pathname).toEqual(["app", "room"]);
      expect(css).toMatch(/\.console__grid\s*\{/);
      expect(css).toMatch(/\.display__slide\s*\{/);
    }
  });

  it("lets a phone enter before its scripts arrive: \"Join the session\" is a plain form, and the server remembers the choice", async () => {
    const { code } = await startRun(server);
    const gate = await page(`/j/${code}`);
    expect(gate.text).toContain("Before you join");
    expect(gate.text).toMatch(
      new RegExp(`<form method="post" action="/j/${code}"><input type="hidden" name="intent" value="enter"/><button type="submit"[^>]*>Join the session</button></form>`),
    );

    // The session comes back from the post itself, with the cookies that remember the choice and the phone's secret.
    const entered = await page(`/j/${code}`, { method: "POST", body: new URLSearchParams({ intent: "enter" }) });
    expect(entered.status).toBe(200);
    expect(entered.text).not.toContain("Before you join");
    expect(entered.text).toContain("Welcome");
    const cookies = entered.headers.getSetCookie();
    expect(cookies).toEqual([
      expect.stringMatching(new RegExp(`^beside_device_${code}=[A-Za-z0-9_-]{43}; Path=/j/${code}; Max-Age=86400; SameSite=Lax$`)),
      expect.stringMatching(new RegExp(`^beside_entered_${code}=\\d{13}\\.[A-Za-z0-9_-]{43}; Path=/j/${code}; Max-Age=86400; SameSite=Lax$`)),
    ]);
    const session = await page(`/j/${code}`, { headers: { cookie: cookies.map((cookie) => cookie.split(";")[0]!).join("; ") } });
    expect(session.text).not.toContain("Before you join");
    expect(session.text).toContain("Welcome");

    expect((await page("/j/ZZZZZZ", { method: "POST", body: new URLSearchParams() })).headers.get("set-cookie")).toBeNull();
  });

  it("is the only thing compressed: a signed-in page holds secrets next to others' text, and compression could leak them", async () => {
    const { code, cookie } = await startRun(server);
    expect(await encoding(`/console/${code}`, cookie)).toBeNull();
    expect(await encoding("/library", cookie)).toBeNull();
    expect(await encoding("/login")).toBeNull();
  });
});

describe("start-up", () => {
  it("stops with a message naming the variable when a setting is bad", async () => {
    const port = await runServerExpectingExit({ PORT: "eighty", DATABASE_FILE: path.join(server.dir, "x.db") });
    expect(port.code).toBe(1);
    expect(port.output).toContain("PORT");

    const k = await runServerExpectingExit({ DEFAULT_K: "2", PORT: "0", DATABASE_FILE: path.join(server.dir, "y.db") });
    expect(k.code).toBe(1);
    expect(k.output).toContain("DEFAULT_K");
  });

  it("checks plans with npm run plans:check, failing with file:line on a broken plan", async () => {
    const run = promisify(execFile);
    const failed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", plansDir]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/broken\.md:16: prompt: "max" must be a whole number from 2 to 10/);

    const passed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", FIXTURE_PLANS]);
    expect(passed.stdout).toContain("ok");
  });
});
