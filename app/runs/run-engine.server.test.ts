import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase, type DatabaseHandle } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";

import * as helpers from "../../tests/helpers/engine";

import { RunEngine } from "./run-engine.server";

/**
 * The engine is asynchronous (decision 049): commands, answers and views of one run can be under way at once. These
 * drive them together against a real SQLite file and check that each still sees and leaves the run whole.
 */
let database: DatabaseHandle;
let storage: SqliteStorage;
let engine: RunEngine;
let problems: string[];

beforeEach(async () => {
  database = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-engine-")), "beside.db"));
  problems = [];
  storage = new SqliteStorage(database, { onProblem: (message) => problems.push(message) });
  const plans = await PlanLibrary.load(storage, new PlanFiles(path.resolve("tests/fixtures/plans")));
  engine = new RunEngine(storage, plans, { defaultK: () => 3, onProblem: (message) => problems.push(message) });
});

afterEach(() => {
  storage.close();
  database.close();
  expect(problems).toEqual([]);
});

const runOnCheckIn = () => helpers.runOnCheckIn(engine);
const answer = (runId: string, devices: string[], value?: number) => helpers.answerCheckIn(engine, runId, devices, value);
const { phones } = helpers;

describe("RunEngine, with calls under way at once", () => {
  it("stores every answer acknowledged before a close that was asked for at the same moment, and none after it", async () => {
    const runId = await runOnCheckIn();
    const [results, closed] = await Promise.all([answer(runId, phones(40)), engine.changePrompt(runId, "check-in", "close")]);
    expect(closed.ok).toBe(true);
    const acknowledged = results.filter((result) => result.ok).length;
    const refused = results.filter((result) => !result.ok && result.error.code === "prompt-not-open").length;
    expect(acknowledged + refused).toBe(40);
    const run = (await engine.loadRun(runId))!;
    const report = await engine.reportResults(run, run.plan.slides[1]!.prompt!);
    expect(report.counts.responses).toBe(acknowledged);
  });

  it("ends a run whose phones are still answering: every acknowledged answer counted, no prompt left open, no key kept", async () => {
    const runId = await runOnCheckIn();
    const [first, ended, second] = await Promise.all([answer(runId, phones(30)), engine.endRun(runId), answer(runId, phones(30, "late"))]);
    expect(ended).toEqual({ ok: true, data: { state: "ended" } });
    const acknowledged = [...first, ...second].filter((result) => result.ok).length;
    const run = (await engine.loadRun(runId))!;
    expect(run.row.state).toBe("ended");
    expect(run.row.responseKeySalt).toBeNull();
    const report = await engine.reportResults(run, run.plan.slides[1]!.prompt!);
    expect(report.status.phase).toBe("closed");
    expect(report.counts.responses).toBe(acknowledged);
    // Answers after the end are refused as such.
    expect(await answer(runId, ["after"])).toEqual([{ ok: false, error: expect.objectContaining({ code: "run-ended" }) }]);
  });
});
