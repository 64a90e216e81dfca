import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { RunEngine } from "~/runs/run-engine.server";
import { openPostgres, type PgStorage } from "~/storage/postgres/storage.server";

import { answerCheckIn, phones, runOnCheckIn } from "../helpers/engine";
import { postgresAvailable, restartPostgres, startServices, stopServices } from "../../scripts/services-lib";

/**
 * Issue 20 part 4, decision 050: what PostgreSQL keeps of a run, read from the cluster's own files as someone holding
 * its disk would. The run engine runs on PgStorage; the test reads every file under the cluster's directory (as root
 * they belong to the postgres user, and root reads them anyway).
 */

const available = postgresAvailable();
if (!available) console.warn("anonymity-pg: skipped, PostgreSQL's programs are missing (Debian package postgresql-15).");

/** Every file under `root`. */
function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The files under `root` holding any of `needles`, relative to `root`. */
function filesHolding(root: string, needles: Buffer[]): string[] {
  return filesUnder(root)
    .filter((file) => {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        return false; // removed while listed (a recycled log segment, a checkpoint's unlink)
      }
      return needles.some((needle) => bytes.includes(needle));
    })
    .map((file) => path.relative(root, file));
}

/** A salt as the database holds it (its base64 text) and as the keyed hash uses it (its 32 bytes). */
const saltBytes = (salt: string) => [Buffer.from(salt, "utf8"), Buffer.from(salt, "base64")];

describe.skipIf(!available)("a run's traces in PostgreSQL's files", () => {
  let dir: string;
  /** The cluster's directory: its data directory (DIR/postgres/data) and its log. */
  let cluster: string;
  let data: string;
  let wal: string;
  let storage: PgStorage;
  let raw: pg.Pool;
  let plans: PlanLibrary;
  let engine: RunEngine;
  const problems: string[] = [];

  let databaseUrl: string;

  /** Opens the storage (as the server does at start) and the engine on it, and a connection of the test's own. */
  async function connect() {
    storage = await openPostgres(databaseUrl, { max: 4, onProblem: (message) => problems.push(message) });
    raw = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    // An idle connection a crash cuts is dropped; the next query opens another.
    raw.on("error", () => {});
    plans = await PlanLibrary.load(storage, new PlanFiles(path.resolve("tests/fixtures/plans")));
    engine = new RunEngine(storage, plans, { defaultK: () => 3, onProblem: (message) => problems.push(message) });
  }

  /** Beside and PostgreSQL stop; PostgreSQL starts again, cleanly stopped or after a crash; then Beside. */
  async function restart(mode: "fast" | "immediate") {
    await raw.end();
    await storage.close();
    restartPostgres(dir, mode);
    await connect();
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-anonymity-pg-"));
    databaseUrl = (await startServices({ dir, postgres: true })).databaseUrl!;
    cluster = path.join(dir, "postgres");
    data = path.join(cluster, "data");
    wal = path.join(data, "pg_wal");
    await connect();
  });

  afterAll(async () => {
    try {
      await raw?.end();
      await storage?.close();
    } finally {
      // The cluster stops even when closing failed (a test left the connections broken).
      if (dir) await stopServices(dir);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });

  const checkpoint = () => raw.query("checkpoint");
  const saltOf = async (runId: string) => (await engine.loadRun(runId))!.row.responseKeySalt;
  const storedOf = async (runId: string) =>
    (await raw.query<{ n: number }>("select count(*)::int as n from responses where run_id = $1", [runId])).rows[0]!.n;
  /** The run's end, and PgStorage's rewrite of run_salts that it sets off and doesn't wait for. */
  async function endAndForget(runId: string) {
    expect(await engine.endRun(runId)).toEqual({ ok: true, data: { state: "ended" } });
    await storage.settled();
  }

  it("never writes a live run's response-key salt to the write-ahead log: not when the run starts, nor with answers, a checkpoint or its end", async () => {
    const runId = await runOnCheckIn(engine);
    const salt = (await saltOf(runId))!;
    expect(salt).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // It lives in run_salts alone, never in the run's row.
    const row = (await raw.query("select response_key_salt from runs where id = $1", [runId])).rows;
    expect(row).toEqual([{ response_key_salt: null }]);
    expect((await raw.query("select salt from run_salts where run_id = $1", [runId])).rows).toEqual([{ salt }]);

    expect((await answerCheckIn(engine, runId, phones(8, "wal"))).every((result) => result.ok)).toBe(true);
    await checkpoint();
    // The probe reads the real log: the run's join code, written with its row, is there.
    const { code } = (await engine.loadRun(runId))!.row;
    expect(filesHolding(wal, [Buffer.from(code)])).not.toEqual([]);
    expect(filesHolding(wal, saltBytes(salt))).toEqual([]);

    await endAndForget(runId);
    await checkpoint();
    expect(await saltOf(runId)).toBeNull();
    expect(filesHolding(wal, saltBytes(salt))).toEqual([]);
  });

  it("leaves an ended run's salt in no file of the cluster, its log included, though the salt had reached the table's file", async () => {
    const runId = await runOnCheckIn(engine);
    const salt = (await saltOf(runId))!;
    await answerCheckIn(engine, runId, phones(5, "gone"));
    // A clean stop writes every page to its file, run_salts' too: the salt is now on disk, outside the log.
    await restart("fast");
    const saltFile = (await raw.query<{ f: string }>("select pg_relation_filepath('run_salts') as f")).rows[0]!.f;
    expect(filesHolding(data, saltBytes(salt))).toEqual([saltFile]);

    await endAndForget(runId);
    expect(filesHolding(cluster, saltBytes(salt))).toEqual([]);
    await checkpoint();
    expect(filesHolding(cluster, saltBytes(salt))).toEqual([]);
    await restart("fast");
    expect(filesHolding(cluster, saltBytes(salt))).toEqual([]);
    // The run's answers are all still there, and the run ended.
    expect(await storedOf(runId)).toBe(5);
    expect((await engine.loadRun(runId))!.row.state).toBe("ended");
  });

  it("writes a closed prompt's answers back in key order: their place in the table follows their keys and one transaction wrote them all, while the write-ahead log still holds the order they came in", async () => {
    const runId = await runOnCheckIn(engine);
    // Four rounds of four phones, each in one or more group commits: rows placed in the order they came.
    const rounds: string[][] = [];
    const keysOf = async () =>
      (await raw.query<{ key: string }>("select response_key as key from responses where run_id = $1", [runId])).rows.map((row) => row.key);
    for (let round = 0; round < 4; round++) {
      const before = new Set(await keysOf());
      await answerCheckIn(engine, runId, phones(4, `order-${round}`));
      rounds.push((await keysOf()).filter((key) => !before.has(key)));
    }
    const physical = async () =>
      (
        await raw.query<{ key: string; xmin: string }>(
          "select response_key as key, xmin::text as xmin from responses where run_id = $1 and prompt_id = 'check-in' order by ctid",
          [runId],
        )
      ).rows;
    const keyOrder = (rows: Array<{ key: string }>) => rows.map((row) => row.key).sort();
    const before = await physical();
    expect(before).toHaveLength(16);
    // While the prompt is open the table shows arrival: the place of each row, and which transaction wrote it.
    expect(new Set(before.map((row) => row.xmin)).size).toBeGreaterThanOrEqual(4);
    expect(before.map((row) => row.key)).not.toEqual(keyOrder(before));

    expect((await engine.changePrompt(runId, "check-in", "close")).ok).toBe(true);
    const after = await physical();
    expect(after.map((row) => row.key)).toEqual(keyOrder(before));
    expect(new Set(after.map((row) => row.xmin)).size).toBe(1);
    expect(before.map((row) => row.xmin)).not.toContain(after[0]!.xmin);

    // The log, read in order, still has each answer where it was first written: round after round.
    await checkpoint();
    const segments = filesUnder(wal).filter((file) => /^[0-9A-F]{24}$/.test(path.basename(file)));
    const log = Buffer.concat(segments.sort().map((file) => fs.readFileSync(file)));
    const firstWritten = rounds.map((keys) => keys.map((key) => log.indexOf(key)));
    expect(firstWritten.flat().every((offset) => offset >= 0)).toBe(true);
    for (let round = 1; round < rounds.length; round++) {
      expect(Math.min(...firstWritten[round]!)).toBeGreaterThan(Math.max(...firstWritten[round - 1]!));
    }
    await engine.endRun(runId);
  });

  it("still holds, in the write-ahead log after the end, the text of an answer the end deleted; a VACUUM FULL removes it from the tables' files but not from the log", async () => {
    const started = await engine.startRun("every-prompt");
    if (!started.ok) throw new Error("the run didn't start");
    const run = (await engine.loadRunByCode(started.data.code))!;
    const runId = run.row.id;
    const slide = run.plan.slides.findIndex((candidate) => candidate.prompt?.id === "small-ask");
    expect((await engine.goToSlide(runId, slide)).ok).toBe(true);
    expect((await engine.changePrompt(runId, "small-ask", "open")).ok).toBe(true);
    const text = `never approved, written in run ${started.data.code}`;
    const prepared = await engine.prepareResponse(runId, "a-phone", "small-ask", { type: "open-text", text });
    if (!prepared.ok) throw new Error("the answer was refused");
    expect(await engine.commitResponses([prepared.data.write])).toEqual([{ ok: true, data: null }]);

    expect((await engine.endRun(runId)).ok).toBe(true);
    await checkpoint();
    // Gone from the table: no query finds it.
    const found = await raw.query("select answer from responses where run_id = $1 and answer::text like '%never approved%'", [runId]);
    expect(found.rows).toEqual([]);
    expect(await storedOf(runId)).toBe(1);
    // In the log it stays, until PostgreSQL recycles the segment and writes over it.
    expect(filesHolding(wal, [Buffer.from(text)])).not.toEqual([]);

    // What an operator can do between sessions: VACUUM FULL rewrites every table without its dead rows.
    await raw.query("vacuum full");
    await checkpoint();
    expect(filesHolding(path.join(data, "base"), [Buffer.from(text)])).toEqual([]);
    expect(filesHolding(wal, [Buffer.from(text)])).not.toEqual([]);
  });

  it("after a crash, takes no more answers to a run that was live: its salt is gone, an answer is refused as ended, and none is stored under a new key", async () => {
    const runId = await runOnCheckIn(engine);
    expect((await answerCheckIn(engine, runId, phones(5, "crash"))).every((result) => result.ok)).toBe(true);
    await restart("immediate");

    expect((await raw.query("select salt from run_salts where run_id = $1", [runId])).rows).toEqual([]);
    const run = (await engine.loadRun(runId))!;
    expect(run.row.state).toBe("live");
    expect(run.row.responseKeySalt).toBeNull();
    // The phones that answered, and new ones: all refused as for an ended run, nothing stored.
    const results = await answerCheckIn(engine, runId, [...phones(5, "crash"), ...phones(3, "after-crash")], 4);
    expect(results.every((result) => !result.ok && result.error.code === "run-ended")).toBe(true);
    expect(await storedOf(runId)).toBe(5);
    // The facilitator can still end it.
    expect((await engine.endRun(runId)).ok).toBe(true);
    expect(await storedOf(runId)).toBe(5);
  });

  it("after a crash under a running server, which still holds the run's key in memory, takes no more answers to that run either", async () => {
    const runId = await runOnCheckIn(engine);
    expect((await answerCheckIn(engine, runId, phones(4, "kept"))).every((result) => result.ok)).toBe(true);
    // Only PostgreSQL crashes: the engine and its pool stay up, their idle connections cut (reported as lost).
    restartPostgres(dir, "immediate");
    // Until the pool has found every connection the crash cut, a query may meet one and fail; phones send again.
    let results = await answerCheckIn(engine, runId, phones(2, "kept"), 5);
    for (let tries = 0; tries < 20 && results.some((result) => !result.ok && result.error.code === "server-error"); tries++) {
      results = await answerCheckIn(engine, runId, phones(2, "kept"), 5);
    }
    expect(results.every((result) => !result.ok && result.error.code === "run-ended")).toBe(true);
    problems.splice(0, problems.length, ...problems.filter((problem) => !problem.includes("PostgreSQL connection was lost")));
    await restart("fast");
    expect(await storedOf(runId)).toBe(4);
  });

  it("leaves live runs' salts out of a pg_dump --no-unlogged-table-data, which a plain pg_dump would hold", async () => {
    const runId = await runOnCheckIn(engine);
    const salt = (await saltOf(runId))!;
    const services = JSON.parse(fs.readFileSync(path.join(dir, "services.json"), "utf8")) as { postgres: { bin: string } };
    const { bin } = services.postgres;
    const url = new URL((raw.options as { connectionString: string }).connectionString);
    const dump = (...options: string[]) => {
      const args = [...options, "-h", url.hostname, "-p", url.port, "-U", "beside", "beside"];
      const result = spawnSync(path.join(bin, "pg_dump"), args, { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const withoutSalts = dump("--no-unlogged-table-data");
    expect(withoutSalts).toContain("CREATE UNLOGGED TABLE public.run_salts");
    expect(withoutSalts).toContain(runId);
    expect(withoutSalts).not.toContain(salt);
    expect(dump()).toContain(salt);
    await engine.endRun(runId);
  });
});
