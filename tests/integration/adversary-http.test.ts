import fs from "node:fs";
import http from "node:http";

import { io } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";

import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "~/runs/join-code";
import { CODE_GUESS_LIMIT } from "~/runs/code-guesses.server";

import { LOGGED_ROUTES } from "../../server/request-log";
import { signIn } from "../helpers/auth";
import { onPostgres } from "../helpers/backend";
import { pageScripts, readAssetManifest } from "../helpers/bundle";
import {
  closeAllClients,
  connect,
  connectDisplay,
  connectFacilitator,
  connectParticipant,
  connectRefusal,
  emit,
  goToPrompt,
  newDeviceSecret,
  nextEvent,
  type TestSocket,
} from "../helpers/clients";
import { storedCells } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { startRun } from "../helpers/server";

/**
 * Someone trying to learn about participants over plain HTTP: reading the server's log for a phone's visit or a
 * facilitator's secret, guessing join codes, reading an ended session's display, or slipping a script into a page.
 * Each test plays the attack against the real server and checks that it fails.
 */

const startServer = useTestServers("test");

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request from a chosen loopback address (a phone on its own network), with whatever headers it likes. */
function send(
  url: string,
  { from, method = "GET", form, headers = {} }: { from?: string; method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: body === undefined ? method : "POST",
        localAddress: from,
        headers: { ...(body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A well-formed join code that is not `code`, different for each `n`. */
function wrongCode(code: string, n: number): string {
  let wrong = "";
  for (let i = 0, rest = n; i < JOIN_CODE_LENGTH; i++, rest = Math.floor(rest / JOIN_CODE_ALPHABET.length)) {
    wrong += JOIN_CODE_ALPHABET[rest % JOIN_CODE_ALPHABET.length];
  }
  return wrong === code ? wrongCode(code, n + 1_000_000) : wrong;
}

const LOGIN_LINE = /^\S+ INFO request method="GET" path="\/login" status=200 ms=\d+$/;

/**
 * Everything the server process printed since `from`, read once two staff requests sent afterwards have been
 * logged: the output (stdout and stderr, two pipes) reaches the test a moment after the requests it tells of.
 * The last two lines are those requests'.
 */
async function printedSince(server: ServerProcess, from: number): Promise<string[]> {
  for (let round = 1; round <= 2; round++) {
    await send(`${server.url}/login`);
    await vi.waitFor(() => expect(server.output().slice(from).split('path="/login"').length).toBe(round + 1), { timeout: 10_000 });
  }
  return server.output().slice(from).split("\n").slice(0, -1);
}

/** Connects as a phone over HTTP long-polling, as a phone does before (or instead of) a WebSocket. */
function pollingPhone(url: string, code: string): TestSocket {
  return io(url, { auth: { role: "participant", code, device: newDeviceSecret() }, transports: ["polling"], forceNew: true, reconnection: false });
}

describe("the log, read by someone looking for participants", () => {
  // The real server process as an operator starts it (NODE_ENV unset), and everything it prints, stderr included.
  let server: ServerProcess;
  afterEach(async () => {
    closeAllClients();
    await server?.stop();
  });

  it("leaves no line for a phone's whole visit: the front door, the join form, the session page and its data, every script, the socket, answering, Get help under any spelling, and guessed paths", async () => {
    server = await startServerProcess({ LOG_LEVEL: "info", NODE_ENV: "" });
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    await goToPrompt(facilitator, state, "check-in");
    expect((await emit(facilitator, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
    const before = server.output().length;

    const manifest = readAssetManifest();
    const scripts = new Set(["routes/_index", "routes/join", "routes/j.$code", "routes/display.$code", "routes/help"].flatMap((id) => pageScripts(manifest, id)));
    const visit: Array<[string, Record<string, string>?]> = [
      ["/"],
      ["/join"],
      ["/join?_data=routes%2Fjoin"],
      ["/join", { code: code.toLowerCase() }],
      [`/j/${code}`],
      [`/j/${code.toLowerCase()}/`],
      [`/j/${code}?_data=routes%2Fj.%24code`],
      [`/j/${code}`, {}],
      [`/display/${code}`],
      ...[...scripts].map((url): [string] => [url]),
      ["/favicon.ico"],
      ["/favicon.svg"],
      ["/help"],
      ["/help/"],
      ["/HELP"],
      ["/%68elp"],
      ["/Help?from=" + code + "&locale=en-GB"],
      ["/help?_data=routes%2Fhelp"],
      ["/j/"],
      ["/admin"],
      ["/.env"],
      ["/build/nothing-here.js"],
      ["/join", { code: wrongCode(code, 1) }],
      ["/join", { code: "not a code" }],
      [`/j/${wrongCode(code, 2)}`],
    ];
    for (const [path, form] of visit) {
      const reply = await send(`${server.url}${path}`, { form });
      expect(reply.status, path).toBeLessThan(500);
    }
    expect(scripts.size).toBeGreaterThan(4);

    // The socket, over long-polling (plain HTTP requests) and WebSocket, and an answer.
    const polling = pollingPhone(server.url, code);
    await new Promise<void>((resolve, reject) => {
      polling.once("connect", resolve);
      polling.once("connect_error", reject);
    });
    expect(await emit(polling, "response:submit", { id: "polling-answer", promptId: "check-in", answer: { type: "scale", value: 3 } })).toMatchObject({ ok: true });
    polling.disconnect();
    const phone = await connectParticipant(server.url, code);
    expect((await phone.answer("check-in", { type: "pass" })).ok).toBe(true);
    expect((await emit(phone.socket, "signal:send", { kind: "pause" })).ok).toBe(true);

    // Nothing but the two staff requests that show the log is on.
    expect(await printedSince(server, before)).toEqual([expect.stringMatching(LOGIN_LINE), expect.stringMatching(LOGIN_LINE)]);
  });

  it("logs requests to staff pages only: every page in the build is either a staff page named in LOGGED_ROUTES or a participant's page", () => {
    // With the facilitator guide: public pages a visit to which is nobody's business.
    const participants = ["root", "routes/_index", "routes/join", "routes/j.$code", "routes/help", "routes/display.$code", "routes/guide._index", "routes/guide.$page"];
    const routes = Object.keys(readAssetManifest().routes);
    expect([...LOGGED_ROUTES].filter((id) => !routes.includes(id))).toEqual([]);
    expect(routes.filter((id) => !LOGGED_ROUTES.has(id) && !participants.includes(id))).toEqual([]);
    for (const id of participants) expect(LOGGED_ROUTES.has(id)).toBe(false);
  });

  it("never logs a facilitator link's secret, however the link is spelled", async () => {
    server = await startServerProcess({ LOG_LEVEL: "info", NODE_ENV: "" });
    const { facilitatorSecret: secret } = await startRun(server);
    const spellings = [`/f/${secret}`, `/F/${secret}`, `//f/${secret}`, `/%66/${secret}`, `/f/${secret}/`, `/F/${secret}?x=1`, `/f/${secret.slice(0, -2)}zz`];
    for (const path of spellings) await send(`${server.url}${path}`);
    await printedSince(server, 0);
    const log = server.output();
    expect(log).not.toContain(secret);
    expect(log).not.toContain(secret.slice(0, 16));
    // The ones routing takes as the facilitator link are logged by its route alone.
    expect(log).toContain(`path="/f/[secret]" status=302`);
    expect(log).toContain(`path="/f/[secret]" status=404`);
  });
});

describe("guessing join codes", () => {
  it("refuses a network address that got too many codes wrong, on the join form, /j, /display and the socket, while another address joins and a signed-in console connects; the count is in memory only", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server);
    const guesser = "127.0.0.61";
    const neighbour = "127.0.0.62";

    // A room mistyping behind one address gets at least the whole allowance (CODE_GUESS_LIMIT.burst) of wrong codes;
    // a script then hits the limit, whichever page or the handshake it uses. (Wrong codes come back one every
    // secondsPerGuess, so a slow machine may see a few more before the refusal: bounded, not timed.)
    let wrongBeforeRefusal = 0;
    let refusal: Reply | undefined;
    for (let n = 1; n <= 2 * CODE_GUESS_LIMIT.burst && !refusal; n++) {
      const wrong = wrongCode(code, n);
      const reply =
        n % 3 === 0
          ? await send(`${server.url}/j/${wrong}`, { from: guesser })
          : n % 3 === 1
            ? await send(`${server.url}/join`, { from: guesser, form: { code: wrong } })
            : await send(`${server.url}/display/${wrong}`, { from: guesser });
      if (reply.status === 429) refusal = reply;
      else {
        expect(reply.status).toBe(404);
        wrongBeforeRefusal++;
      }
    }
    expect(wrongBeforeRefusal).toBeGreaterThanOrEqual(CODE_GUESS_LIMIT.burst);
    expect(refusal).toBeDefined();
    expect(Number(refusal!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refusal!.text).toContain("Too many wrong codes came from this network");

    // Now even the right code is refused to the guesser, so its next tries tell it nothing; a made-up
    // X-Forwarded-For doesn't move it to another count.
    const asGuesser = { from: guesser, headers: { "X-Forwarded-For": neighbour } };
    const join = await send(`${server.url}/join`, { ...asGuesser, form: { code } });
    expect(join.status).toBe(429);
    expect(Number(join.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(join.text).toContain("Too many wrong codes came from this network");
    expect((await send(`${server.url}/j/${code}`, asGuesser)).status).toBe(429);
    expect((await send(`${server.url}/display/${code}`, asGuesser)).status).toBe(429);
    const socket = connect(server.url, { role: "display", code }, { localAddress: guesser, reconnection: false });
    expect(await connectRefusal(socket)).toBe("too-many");
    // The facilitator's console, signed in, on the same network as a room that mistyped, still connects.
    const console_ = connect(server.url, { role: "facilitator", code }, { cookie, localAddress: guesser });
    expect((await nextEvent(console_, "facilitator:state")).run.code).toBe(code);

    // Someone on another network joins as usual, by form, page and socket.
    expect((await send(`${server.url}/join`, { from: neighbour, form: { code } })).headers.location).toBe(`/j/${code}`);
    expect((await send(`${server.url}/j/${code}`, { from: neighbour })).status).toBe(200);
    await connectParticipant(server.url, code, { localAddress: neighbour });

    // The count is kept only in memory: the address is in neither the database (its files' bytes on SQLite, every
    // stored value on PostgreSQL) nor the log.
    const stored = onPostgres
      ? JSON.stringify(storedCells(server.dbFile))
      : ["", "-wal", "-shm"].map((end) => (fs.existsSync(server.dbFile + end) ? fs.readFileSync(server.dbFile + end, "latin1") : "")).join("");
    expect(stored).not.toContain("127.0.0.6");
    expect(server.logs.join("\n")).not.toContain("127.0.0.6");
  });
});

describe("an ended session's display, opened later", () => {
  it("shows only that the session ended, with no plan, slide or result in the page, its data or the socket, while screens open at the end got the last view", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    const phones = await Promise.all([1, 2, 3].map(() => connectParticipant(server.url, code)));
    for (const [i, phone] of phones.entries()) expect((await phone.answer("check-in", { type: "scale", value: i + 1 })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    await emit(facilitator, "prompt:reveal", { promptId: "check-in" });
    const { socket: openDisplay } = await connectDisplay(server.url, code);
    const last = new Promise<{ title: string; results: unknown }>((resolve) =>
      openDisplay.on("audience:state", (view) => view.run.state === "ended" && resolve({ title: view.slide.title, results: view.results })),
    );
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    // A display open at the end was sent the last slide with the run's end (what it had already shown).
    expect(await last).toMatchObject({ title: "Arriving", results: expect.anything() });

    const secrets = ["Every prompt type", "Arriving", "How are you arriving today?"];
    const page = await send(`${server.url}/display/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("This session has ended.");
    const data = await send(`${server.url}/display/${code}?_data=routes%2Fdisplay.%24code`);
    expect(JSON.parse(data.text).view).toMatchObject({ run: { state: "ended", planTitle: "" }, slide: { title: "", bodyHtml: "" }, results: null });
    const { view } = await connectDisplay(server.url, code);
    const later = await connectParticipant(server.url, code);
    const sync = await emit(later.socket, "run:sync", {});
    for (const text of [page.text, data.text, JSON.stringify(view), JSON.stringify(later.snapshot), JSON.stringify(sync)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(view).toMatchObject({ run: { state: "ended" }, results: null, comparison: null, spotlight: null });
    expect(later.snapshot.run.state).toBe("ended");
  });
});

describe("a script slipped into a page", () => {
  it("runs nowhere: every page's policy allows only this server's scripts and this response's fresh nonce, which every inline script carries", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server);
    const organiser = await signIn(server, "organiser");
    const pages: Array<[string, string?]> = [
      ["/"],
      ["/join"],
      [`/j/${code}`],
      [`/display/${code}`],
      [`/display/${code}?preview=1`, cookie],
      ["/help"],
      ["/login"],
      ["/no-such-page"],
      ["/library", organiser],
      ["/settings", organiser],
      [`/console/${code}`, cookie],
    ];
    for (const [path, session] of pages) {
      const nonces: string[] = [];
      for (const _ of [1, 2]) {
        const reply = await send(`${server.url}${path}`, { headers: session ? { Cookie: session } : {} });
        expect(reply.headers["content-type"], path).toContain("text/html");
        const policy = String(reply.headers["content-security-policy"]);
        const directives = new Map(policy.split(";").map((part) => {
          const [name = "", ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }));
        const scriptSrc = directives.get("script-src") ?? [];
        expect(scriptSrc, path).not.toContain("'unsafe-inline'");
        expect(scriptSrc.filter((source) => source !== "'self'"), path).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
        const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))!.slice("'nonce-".length, -1);
        nonces.push(nonce);
        const tags = [...reply.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(tags.length, path).toBeGreaterThan(0);
        for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
        // The rest of the policy as before, through helmet.
        expect(directives.get("default-src"), path).toEqual(["'self'"]);
        expect(directives.get("img-src"), path).toEqual(["'self'", "data:"]);
        expect(directives.get("connect-src"), path).toEqual(["'self'", `ws://${new URL(server.url).host}`, `wss://${new URL(server.url).host}`]);
        // Only the display may be framed, and only by Beside's own pages: the console's thumbnail (decision 027).
        const display = path.startsWith("/display/");
        expect(directives.get("frame-ancestors"), path).toEqual([display ? "'self'" : "'none'"]);
        expect(directives.get("form-action"), path).toEqual(["'self'"]);
        expect(directives.get("base-uri"), path).toEqual(["'self'"]);
        expect(reply.headers["referrer-policy"], path).toBe("same-origin");
        expect(reply.headers["x-content-type-options"], path).toBe("nosniff");
        expect(reply.headers["x-frame-options"], path).toBe(display ? "SAMEORIGIN" : "DENY");
        expect(reply.headers["strict-transport-security"], path).toBeUndefined();
      }
      expect(new Set(nonces).size, path).toBe(2);
    }
  });
});
