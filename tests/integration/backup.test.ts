import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { emit, goToPrompt } from "../helpers/clients";
import { fileBytes, query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { answerRound, openRoom } from "../helpers/room";
import { startTestServer } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

const startServer = useTestServers();

/** `npm run backup [-- FILE]` as an organiser runs it, beside the server, on its database. */
function runBackup(databaseFile: string, out?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", ...(out ? [out] : [])], {
      env: { ...process.env, DATABASE_FILE: databaseFile },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe.skipIf(sqliteOnly("backup", "npm run backup copies the SQLite file (PostgreSQL's is pg_dump)"))("npm run backup", () => {
  it("copies a running server's database while a run is live, without that run's key or text, and the copy serves as the database again", async () => {
    const server = await startServer();
    const room = await openRoom(server, { k: 3, phones: 4 });
    await answerRound(room, "check-in", [1, 2, 3, 4].map((value) => ({ type: "scale" as const, value })));
    // Free text on a question still open when the backup is taken.
    await goToPrompt(room.facilitator, room.state, "small-ask");
    expect((await emit(room.facilitator, "prompt:open", { promptId: "small-ask" })).ok).toBe(true);
    const texts = room.phones.map((_, i) => `a lift to the clinic on day ${i + 7}`);
    for (const [i, phone] of room.phones.entries()) expect((await phone.answer("small-ask", { type: "open-text", text: texts[i]! })).ok).toBe(true);
    const salt = query<{ salt: string }>(server.dbFile, "select response_key_salt as salt from runs where id = ?", room.runId)[0]!.salt;
    const stored = query(server.dbFile, "select prompt_id, passed from responses where run_id = ? order by prompt_id, response_key", room.runId);
    expect(stored).toHaveLength(8);

    const out = path.join(server.dir, "backups", "tonight.db");
    const backup = await runBackup(server.dbFile, out);
    expect(backup.output).toContain(`Backed up 1 run to ${out}`);
    expect(backup.output).toContain("1 run was live: it is ended in the backup, without its key, words or text.");
    expect(backup.code).toBe(0);

    // The server goes on as if nothing happened: its run is live, with its key, and takes answers.
    expect((await room.phones[0]!.answer("small-ask", { type: "open-text", text: "changed my mind" })).ok).toBe(true);
    expect(query(server.dbFile, "select state from runs where id = ?", room.runId)).toEqual([{ state: "live" }]);

    // The backup: one file, whole, the run ended in it, every response kept, and neither its key nor its text anywhere.
    expect(fs.readdirSync(path.dirname(out))).toEqual(["tonight.db"]);
    expect(query(out, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(query(out, "select state, response_key_salt as salt from runs where id = ?", room.runId)).toEqual([{ state: "ended", salt: null }]);
    expect(query(out, "select prompt_id, passed from responses where run_id = ? order by prompt_id, response_key", room.runId)).toEqual(stored);
    const bytes = fileBytes(out);
    expect(bytes).not.toContain(salt);
    expect(bytes).not.toContain(Buffer.from(salt, "base64").toString("latin1"));
    for (const text of texts) expect(bytes).not.toContain(text);
    expect(bytes.startsWith("SQLite format 3")).toBe(true);
    // A backup never overwrites.
    const again = await runBackup(server.dbFile, out);
    expect(again.code).toBe(1);
    expect(again.output).toContain("already exists");

    // Restored (the server stopped, the file put in place of the database): it serves, the run ended with its counts.
    await server.stop();
    const restored = path.join(server.dir, "restored", "beside.db");
    fs.mkdirSync(path.dirname(restored));
    fs.copyFileSync(out, restored);
    const back = await startTestServer({ dbFile: restored });
    try {
      const response = await fetch(`${back.url}/j/${room.code}`);
      expect(response.status).toBe(410);
      expect(query(restored, "select count(*) as n from responses where run_id = ?", room.runId)).toEqual([{ n: 8 }]);
    } finally {
      await back.stop();
    }
  });

  it("writes beside the database, under backups/, when told no file, and says so plainly when there is no database", async () => {
    const server = await startServer();
    await openRoom(server, { k: 3, phones: 0 });
    const backup = await runBackup(server.dbFile);
    expect(backup.code).toBe(0);
    const [file] = fs.readdirSync(path.join(server.dir, "backups"));
    expect(file).toMatch(/^beside-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
    const missing = await runBackup(path.join(server.dir, "nowhere", "beside.db"));
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("There is no database at");
    expect(fs.existsSync(path.join(server.dir, "nowhere"))).toBe(false);
  });
});
