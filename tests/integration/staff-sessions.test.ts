import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";

import { signIn } from "../helpers/auth";
import { connectFacilitator, connectParticipants, connectRefusal, emit, type TestSocket } from "../helpers/clients";
import { execute, query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { startRun, type TestServer } from "../helpers/server";

/**
 * A console is a facilitator's, only while they are signed in: the realtime
 * connection needs the sign-in as much as the page does, and ends with it.
 */
const startServer = useTestServers("test");

function refusal(server: TestServer, code: string, cookie: string) {
  return connectRefusal(
    io(server.url, { auth: { role: "facilitator", code }, transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie } }),
  );
}

function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

const runCookieOf = (cookie: string) => cookie.split("; ").find((part) => part.startsWith("beside_f_"))!;

describe("the console's realtime connection", () => {
  it("opens only with a signed-in account and the run's secret, and closes when that browser signs out", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server);
    // The run's secret alone (a copied cookie, a shared laptop after sign-out) opens nothing.
    expect(await refusal(server, code, runCookieOf(cookie))).toBe("forbidden");
    expect(await refusal(server, code, (await signIn(server, "organiser")).concat("; beside_f_", code, "=", "A".repeat(43)))).toBe("forbidden");

    const { socket } = await connectFacilitator(server.url, code, cookie);
    const closed = disconnected(socket);
    const signedOut = await fetch(`${server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(signedOut.status).toBe(302);
    expect(await closed).toBe("io server disconnect");
    // Signing out also forgets the runs this browser facilitates.
    const cleared = signedOut.headers.getSetCookie();
    expect(cleared).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^beside_f_${code}=;.*Max-Age=0`, "i"))]));
    expect(cleared).toEqual(expect.arrayContaining([expect.stringMatching(/^beside_session=;.*Max-Age=0/i)]));
    expect(await refusal(server, code, cookie)).toBe("forbidden");
  });

  it("refuses a console's next command once its sign-in has ended elsewhere (the account command line, an expiry), and closes it", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server);
    const { socket } = await connectFacilitator(server.url, code, cookie);
    expect((await emit(socket, "slide:go", { index: 1 })).ok).toBe(true);
    // As another process would: the sign-in is gone from the database, and this server was told nothing.
    execute(server.dbFile, "delete from sessions");
    const closed = disconnected(socket);
    expect(await emit(socket, "slide:go", { index: 2 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await closed).toBe("io server disconnect");
    expect(query<{ slide: number }>(server.dbFile, "select current_slide as slide from runs where code = ?", code)).toEqual([{ slide: 1 }]);
  });

  it("closes every console of an account the moment an organiser disables it, and of no one else", async () => {
    const server = await startServer();
    const run = await startRun(server);
    const theirs = await connectFacilitator(server.url, run.code, run.cookie);
    const organiser = await signIn(server, "organiser");
    const ownRun = await fetch(`${server.url}/library?index`, {
      method: "POST",
      headers: { cookie: organiser },
      body: new URLSearchParams({ planId: "every-prompt", k: "5" }),
      redirect: "manual",
    });
    const mine = await connectFacilitator(
      server.url,
      ownRun.headers.get("location")!.split("/").pop()!,
      `${organiser}; ${ownRun.headers.get("set-cookie")!.split(";")[0]}`,
    );

    const closed = disconnected(theirs.socket);
    const [facilitator] = query<{ id: string }>(server.dbFile, "select id from accounts where role = 'facilitator'");
    const disabled = await fetch(`${server.url}/accounts`, {
      method: "POST",
      headers: { cookie: organiser },
      body: new URLSearchParams({ intent: "disable", accountId: facilitator!.id }),
      redirect: "manual",
    });
    expect(disabled.status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    // The organiser's own console carries on.
    expect((await emit(mine.socket, "run:sync", {})).ok).toBe(true);
  });
});

describe("run history while a run is live", () => {
  it("shows how many phones took part only once the run has ended", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket } = await connectFacilitator(server.url, code, cookie);
    await connectParticipants(server.url, code, 4);
    const organiser = await signIn(server, "organiser");
    const history = async () => (await (await fetch(`${server.url}/library/every-prompt/history`, { headers: { cookie: organiser } })).text());
    // A facilitator's change saves the peak, so the database already holds 4 while the run is live.
    expect((await emit(socket, "slide:go", { index: 1 })).ok).toBe(true);
    expect(query(server.dbFile, "select peak_participants as peak from runs where code = ?", code)).toEqual([{ peak: 4 }]);

    // Next to the console's answer count, a live phone count would be the "n of m answered" no screen may show.
    const live = await history();
    expect(live).toContain("when it ends");
    expect(live).not.toMatch(/<td>4<\/td>/);
    expect((await emit(socket, "run:end", {})).ok).toBe(true);
    expect(await history()).toMatch(/<td>4<\/td>/);
  });
});

describe("a run's size", () => {
  it("is kept when the server stops, though no facilitator change came after the phones joined", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    await connectFacilitator(server.url, code, cookie);
    await connectParticipants(server.url, code, 3);
    expect(query(server.dbFile, "select peak_participants as peak from runs where code = ?", code)).toEqual([{ peak: 0 }]);
    await server.stop();
    expect(query(server.dbFile, "select peak_participants as peak from runs where code = ?", code)).toEqual([{ peak: 3 }]);
  });
});

describe("what a page accepts", () => {
  it("refuses a post without its size, too large, or not a form, before reading it, and writes nothing", async () => {
    const server = await startServer();
    const cookie = await signIn(server, "organiser");
    const runs = () => query<{ n: number }>(server.dbFile, "select count(*) as n from runs")[0]!.n;
    const post = (headers: Record<string, string>, body: BodyInit) =>
      fetch(`${server.url}/library?index`, { method: "POST", headers: { cookie, ...headers }, body, redirect: "manual", duplex: "half" } as RequestInit);

    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("planId=every-prompt&k=5"));
        controller.close();
      },
    });
    expect((await post({ "content-type": "application/x-www-form-urlencoded" }, chunked)).status).toBe(411);
    expect((await post({ "content-type": "application/x-www-form-urlencoded" }, "k=5&planId=" + "x".repeat(1_000_001))).status).toBe(413);
    expect((await post({ "content-type": "application/json" }, JSON.stringify({ planId: "every-prompt", k: 5 }))).status).toBe(415);
    expect(runs()).toBe(0);
    // The same form, as a browser sends it, is taken.
    expect((await post({ "content-type": "application/x-www-form-urlencoded" }, "planId=every-prompt&k=5")).status).toBe(302);
    expect(runs()).toBe(1);
  });

  it("lets phones keep the app's scripts for a year, and no cache keep a page", async () => {
    const server = await startServer();
    const page = await fetch(`${server.url}/join`);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const script = /"(\/build\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("tells browsers to load nothing from another server, on every page", async () => {
    const server = await startServer();
    const { code } = await startRun(server);
    for (const path of ["/", "/join", `/j/${code}`, `/display/${code}`, "/help", "/login"]) {
      const policy = (await fetch(`${server.url}${path}`, { redirect: "manual" })).headers.get("content-security-policy") ?? "";
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).toContain("img-src 'self' data:");
      // The display alone may be framed, by this server's own pages (the console's thumbnail, decision 027).
      expect(policy, path).toContain(path.startsWith("/display/") ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
    }
  });
});
