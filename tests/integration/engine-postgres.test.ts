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
import { postgresAvailable, startServices, stopServices } from "../../scripts/services-lib";

/**
 * Issue 20: the run engine on PostgreSQL. The scenario of app/runs/run-engine.server.test.ts (answers, commands and
 * the run's end under way at once) on PgStorage: every acknowledged answer stored, the rest refused, counts right,
 * no key kept after the end.
 */

const available = postgresAvailable();
if (!available) console.warn("engine-postgres: skipped, PostgreSQL's programs are missing (Debian package postgresql-15).");

describe.skipIf(!available)("RunEngine on PostgreSQL", () => {
  let dir: string;
  let storage: PgStorage;
  let raw: pg.Pool;
  let engine: RunEngine;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-engine-pg-"));
    const { databaseUrl } = await startServices({ dir, postgres: true });
    storage = await openPostgres(databaseUrl!, { max: 4, onProblem: (message) => problems.push(message) });
    raw = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const plans = await PlanLibrary.load(storage, new PlanFiles(path.resolve("tests/fixtures/plans")));
    engine = new RunEngine(storage, plans, { defaultK: () => 3, onProblem: (message) => problems.push(message) });
  });

  afterAll(async () => {
    await raw?.end();
    await storage?.close();
    if (dir) await stopServices(dir);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
  });

  const acknowledgedOf = (results: Array<{ ok: boolean }>) => results.filter((result) => result.ok).length;
  const storedOf = async (runId: string) =>
    (await raw.query<{ n: number }>("select count(*)::int as n from responses where run_id = $1 and prompt_id = 'check-in'", [runId])).rows[0]!.n;

  it("stores every answer acknowledged while the prompt closes, reveals and releases them, and ends the run with no key kept", async () => {
    const runId = await runOnCheckIn(engine);
    const started = performance.now();
    const [first, closed] = await Promise.all([answerCheckIn(engine, runId, phones(30)), engine.changePrompt(runId, "check-in", "close")]);
    console.info(`engine-postgres: 30 answers and a close under way at once took ${Math.round(performance.now() - started)} ms`);
    expect(closed.ok).toBe(true);
    const refused = first.filter((result) => !result.ok && result.error.code === "prompt-not-open").length;
    console.info(`engine-postgres: ${acknowledgedOf(first)} acknowledged, ${refused} refused as the prompt closed`);
    expect(acknowledgedOf(first) + refused).toBe(30);
    expect(await storedOf(runId)).toBe(acknowledgedOf(first));

    // Open again: answers while revealed are released on the server's clock, and count once each.
    expect((await engine.changePrompt(runId, "check-in", "open")).ok).toBe(true);
    expect((await engine.changePrompt(runId, "check-in", "reveal")).ok).toBe(true);
    const second = await answerCheckIn(engine, runId, phones(10, "again"), 4);
    expect(acknowledgedOf(second)).toBe(10);
    await engine.releaseDue(runId);
    const released = (await raw.query<{ n: number }>("select count(released_answer)::int as n from responses where run_id = $1", [runId])).rows[0]!.n;
    expect(released).toBeGreaterThanOrEqual(10);

    // The run ends while phones are still answering.
    const [third, ended] = await Promise.all([answerCheckIn(engine, runId, phones(30, "late"), 5), engine.endRun(runId)]);
    expect(ended).toEqual({ ok: true, data: { state: "ended" } });
    const acknowledged = acknowledgedOf(first) + acknowledgedOf(second) + acknowledgedOf(third);
    expect(await storedOf(runId)).toBe(acknowledged);
    const run = (await engine.loadRun(runId))!;
    expect(run.row.state).toBe("ended");
    expect(run.row.responseKeySalt).toBeNull();
    expect(run.row.endedAt).toBeInstanceOf(Date);
    const report = await engine.reportResults(run, run.plan.slides[1]!.prompt!);
    expect(report.status.phase).toBe("closed");
    expect(report.counts.responses).toBe(acknowledged);
    expect((await raw.query("select prompt_id from prompt_phases where run_id = $1 and phase = 'open'", [runId])).rows).toEqual([]);
    expect((await raw.query("select count(*)::int as n from responses where run_id = $1 and released_answer is not null", [runId])).rows[0].n).toBe(0);
    expect(await answerCheckIn(engine, runId, ["after"])).toEqual([{ ok: false, error: expect.objectContaining({ code: "run-ended" }) }]);
  });
});
