import fs from "node:fs";
import http from "node:http";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Answer } from "~/realtime/events";

import { closeAllClients, connectFacilitator, connectParticipant, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { startRun } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

/**
 * The anonymity promise, checked on the bytes: after a run driven through the
 * real server process, neither its database files nor its log hold a
 * participant's address, user agent or device secret, and no stored value
 * links two answers of one device.
 */
const CLIENT_ADDRESS = "127.0.0.77";
const DRAFT = "a first draft nobody should ever read again";
const USER_AGENT = "Mozilla/5.0 (BesideAnonymityProbe; Phone 9000) Safari/999.1";

const skipped = sqliteOnly("anonymity", "it reads the SQLite file and its write-ahead log (tests/integration/anonymity-pg.test.ts is PostgreSQL's)");

let server: ServerProcess;
let phones: TestParticipant[];
let facilitatorSecret: string;
let salt: string;
let filesAfterEnd: string;

/** An HTTP GET from the participant's address with its user agent, as a phone's page load would be. */
function getAsPhone(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress: CLIENT_ADDRESS, headers: { "User-Agent": USER_AGENT, "X-Forwarded-For": CLIENT_ADDRESS } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  if (skipped) return;
  server = await startServerProcess({ LOG_LEVEL: "info" });
  const started = await startRun(server, "every-prompt", 3);
  const { code, cookie } = started;
  facilitatorSecret = started.facilitatorSecret;
  // The facilitator link is used once, as it would be on a second device.
  expect((await fetch(`${server.url}/f/${facilitatorSecret}`, { redirect: "manual" })).status).toBe(302);

  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  expect(await getAsPhone(`${server.url}/j/${code}`)).toBe(200);
  phones = await Promise.all(
    Array.from({ length: 4 }, () =>
      connectParticipant(server.url, code, { localAddress: CLIENT_ADDRESS, headers: { "User-Agent": USER_AGENT, "X-Forwarded-For": CLIENT_ADDRESS } }),
    ),
  );
  const answers: Array<[string, Answer]> = [
    ["check-in", { type: "scale", value: 4 }],
    ["small-ask", { type: "open-text", text: "ask for a hand with the shopping" }],
    ["strength", { type: "word-cloud", words: ["rest"] }],
  ];
  for (const [promptId, answer] of answers) {
    await goToPrompt(facilitator, state, promptId);
    await emit(facilitator, "prompt:open", { promptId });
    // One phone first writes a draft, then changes it: the draft must leave no trace.
    if (answer.type === "open-text") expect((await phones[0]!.answer(promptId, { type: "open-text", text: DRAFT })).ok).toBe(true);
    for (const phone of phones) expect((await phone.answer(promptId, answer)).ok).toBe(true);
    // A bad message is refused; its refusal must not log the sender either.
    await emit(phones[0]!.socket, "response:submit", { promptId, answer: "garbage" });
  }
  // The run ends while the server keeps running: the key behind the response keys must be gone from every file now.
  const db = new Database(server.dbFile, { readonly: true });
  salt = (db.prepare("select response_key_salt as salt from runs").get() as { salt: string }).salt;
  db.close();
  expect(salt).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  // The facilitator closes the free-text question, so the console is shown its entries, and approves the text:
  // approved text is kept after the run ends (until the retention purge). The other questions are left open for the end to close.
  expect((await emit(facilitator, "prompt:close", { promptId: "small-ask" })).ok).toBe(true);
  expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text: "ask for a hand with the shopping", action: "approve" })).ok).toBe(true);
  expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
  filesAfterEnd = databaseBytes();

  closeAllClients();
  expect(await server.stop("SIGTERM")).toBe(0);
}, 60_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
});

function databaseBytes(): string {
  return ["", "-wal", "-shm"]
    .map((suffix) => `${server.dbFile}${suffix}`)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString("latin1"))
    .join("\n");
}

describe.skipIf(skipped)("what Beside keeps about participants", () => {
  it("keeps no address, user agent or device secret in the database files", () => {
    const bytes = databaseBytes();
    expect(bytes).toContain("ask for a hand with the shopping"); // the probe reads the real file
    expect(bytes).not.toContain(CLIENT_ADDRESS);
    expect(bytes).not.toContain("BesideAnonymityProbe");
    for (const phone of phones) {
      expect(bytes).not.toContain(phone.device);
      expect(bytes).not.toContain(Buffer.from(phone.device, "base64url").toString("hex"));
      expect(bytes).not.toContain(Buffer.from(phone.device, "base64url").toString("latin1"));
    }
    expect(bytes).not.toContain(facilitatorSecret);
    // A changed answer leaves no copy of the earlier one in the files.
    expect(bytes).not.toContain(DRAFT);
  });

  it("destroys the run's response-key salt when the run ends, in the database and its write-ahead log", () => {
    expect(filesAfterEnd).toContain("ask for a hand with the shopping");
    expect(filesAfterEnd).not.toContain(salt);
    expect(databaseBytes()).not.toContain(salt);
  });

  it("logs no address, user agent, device secret, facilitator secret or answer", () => {
    const log = server.output();
    expect(log).not.toContain(" ERROR ");
    expect(log).toContain("request"); // the log is on and was captured
    expect(log).not.toContain(CLIENT_ADDRESS);
    expect(log).not.toContain("BesideAnonymityProbe");
    for (const phone of phones) expect(log).not.toContain(phone.device);
    expect(log).not.toContain(facilitatorSecret);
    expect(log).not.toContain("ask for a hand");
  });

  it("stores nothing that links two answers of one device", () => {
    const db = new Database(server.dbFile, { readonly: true });
    const rows = db.prepare("select prompt_id, response_key from responses").all() as Array<{ prompt_id: string; response_key: string }>;
    const columns = db.prepare("select name from pragma_table_info('responses')").all() as Array<{ name: string }>;
    const tables = db.prepare("select name, sql from sqlite_master where type = 'table'").all() as Array<{ name: string; sql: string }>;
    db.close();

    expect(rows).toHaveLength(12);
    // Four devices, three prompts: twelve keys, none repeated across prompts.
    expect(new Set(rows.map((row) => row.response_key)).size).toBe(12);
    // No time, order, device or participant column. (released_answer is the answer as last shown to the
    // room while the prompt is open, and is emptied when it closes.)
    expect(columns.map((c) => c.name).sort()).toEqual(["answer", "passed", "prompt_id", "released_answer", "response_key", "run_id"]);
    expect(tables.map((t) => t.name)).not.toContain("participants");
    // Without a rowid, not even insertion order is kept.
    expect(tables.find((t) => t.name === "responses")?.sql).toMatch(/WITHOUT ROWID/i);
  });
});
