import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase, type DatabaseHandle } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";

import * as helpers from "../../tests/helpers/engine";

import { LocalMarks } from "./engine/marks.server";
import { RunEngine } from "./run-engine.server";

/**
 * The engine is asynchronous (decision 049): commands, answers and views of one run can be under way at once. These
 * drive them together against a real SQLite file and check that each still sees and leaves the run whole.
 */
let file: string;
let database: DatabaseHandle;
let storage: SqliteStorage;
let engine: RunEngine;
let marks: LocalMarks;
let problems: string[];
/** What else a test opened on the same file (a second process, say): closed after it. */
let others: Array<() => void>;

/** A run engine with its own storage on `file`, as another process would have. */
async function engineOn(file: string, options: { marks?: LocalMarks } = {}) {
  const handle = openDatabase(file);
  const own = new SqliteStorage(handle, { onProblem: (message) => problems.push(message) });
  const plans = await PlanLibrary.load(own, new PlanFiles(path.resolve("tests/fixtures/plans")));
  const opened = new RunEngine(own, plans, { defaultK: () => 3, onProblem: (message) => problems.push(message), ...options });
  return { engine: opened, storage: own, database: handle };
}

beforeEach(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-engine-")), "beside.db");
  problems = [];
  others = [];
  marks = new LocalMarks();
  ({ engine, storage, database } = await engineOn(file, { marks }));
});

afterEach(() => {
  for (const close of others) close();
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

describe("RunEngine, ready for several processes", () => {
  const seqOf = async (runId: string) => (await engine.loadRun(runId))!.row.publishSeq;

  it("moves the run's publish_seq on with every facilitator command and every release that released something, never with an answer", async () => {
    const runId = await runOnCheckIn();
    // Going to the slide and opening the prompt were two commands.
    expect(await seqOf(runId)).toBe(2);
    expect((await engine.changePrompt(runId, "check-in", "reveal")).ok).toBe(true);
    expect(await seqOf(runId)).toBe(3);
    // Two answers (fewer than k): stored, and nothing moves; nor does a release with nothing due.
    expect((await answer(runId, phones(2))).every((result) => result.ok)).toBe(true);
    expect(await engine.releaseDue(runId)).toBe(false);
    expect(await seqOf(runId)).toBe(3);
    // The third makes k: the release releases, and moves it.
    expect((await answer(runId, ["third"])).every((result) => result.ok)).toBe(true);
    expect(await seqOf(runId)).toBe(3);
    expect(await engine.releaseDue(runId)).toBe(true);
    expect(await seqOf(runId)).toBe(4);
    // A refused command moves nothing; the end does.
    expect((await engine.goToSlide(runId, 99)).ok).toBe(false);
    expect(await seqOf(runId)).toBe(4);
    expect((await engine.endRun(runId)).ok).toBe(true);
    expect(await seqOf(runId)).toBeGreaterThan(4);
  });

  it("keeps a question sent hidden from the console until it arrives, then shows it once, moving publish_seq", async () => {
    const runId = await runOnCheckIn();
    expect((await engine.setQuestionsOpen(runId, true)).ok).toBe(true);
    const before = await seqOf(runId);
    const sent = await engine.sendQuestion(runId, "Can we take a break?");
    if (!sent.ok) throw new Error("the question was refused");
    // A phone's question moves nothing screens see.
    expect(await seqOf(runId)).toBe(before);
    const consoleList = async () => {
      const run = (await engine.loadRun(runId))!;
      return (await engine.facilitatorTally(run, { connected: 0, displays: 0 })).questions.list.map((question) => question.text);
    };
    expect(await consoleList()).toEqual([]);
    expect(await engine.questionsArriving()).toEqual([{ runId, questionId: sent.data.id }]);
    // Not yet arrived, the console can't act on it, nor hide it with the others waiting.
    expect((await engine.setQuestion(runId, sent.data.id, "approve")).ok).toBe(false);
    expect(await engine.hideWaitingQuestions(runId)).toEqual({ ok: true, data: { hidden: 0 } });

    expect(await engine.questionArrived(runId, sent.data.id)).toBe(true);
    expect(await seqOf(runId)).toBe(before + 2);
    expect(await consoleList()).toEqual(["Can we take a break?"]);
    expect(await engine.questionsArriving()).toEqual([]);
    // Arriving twice changes nothing.
    expect(await engine.questionArrived(runId, sent.data.id)).toBe(false);
    expect(await seqOf(runId)).toBe(before + 2);
  });

  it("marks answers from connections made after the prompt opened late, before they are stored, and unmarks a late one refused with nothing stored", async () => {
    const runId = await runOnCheckIn();
    const openedAt = (await marks.openedAt(runId, "check-in"))!;
    expect(Math.abs(openedAt - Date.now())).toBeLessThan(60_000);
    const prepare = async (device: string, joinedAt: number) => {
      const prepared = await engine.prepareResponse(runId, device, "check-in", { type: "scale", value: 2 }, joinedAt);
      if (!prepared.ok) throw new Error("refused");
      return prepared.data.write;
    };
    const early = await prepare("early", openedAt - 1);
    const late = await prepare("late", openedAt + 1);
    expect(early.late).toBeUndefined();
    expect(late.late).toBe(true);
    expect(await engine.commitResponses([early, late])).toEqual([
      { ok: true, data: null },
      { ok: true, data: null },
    ]);
    expect(await marks.lateKeys(runId, "check-in")).toEqual([late.responseKey]);
    // Closed: a late answer from another phone is refused, and with nothing stored under its key it isn't marked.
    expect((await engine.changePrompt(runId, "check-in", "close")).ok).toBe(true);
    const refused = await prepare("late too", openedAt + 2);
    expect(await engine.commitResponses([refused])).toEqual([{ ok: false, error: expect.objectContaining({ code: "prompt-not-open" }) }]);
    expect(await marks.lateKeys(runId, "check-in")).toEqual([late.responseKey]);
    // Reopened, the first opening's moment holds.
    expect((await engine.changePrompt(runId, "check-in", "open")).ok).toBe(true);
    expect(await marks.openedAt(runId, "check-in")).toBe(openedAt);
    // The run ends: its marks go.
    expect((await engine.endRun(runId)).ok).toBe(true);
    expect(await marks.openedAt(runId, "check-in")).toBeUndefined();
    expect(await marks.lateKeys(runId, "check-in")).toEqual([]);
  });

  it("refuses an answer in a process that still holds the run's key when another process ended the run, storing nothing, and forgets the key when told", async () => {
    const other = await engineOn(file);
    others.push(() => {
      other.storage.close();
      other.database.close();
    });
    const runId = await runOnCheckIn();
    // Process B takes answers: its cache now holds the run's plan and key.
    expect((await helpers.answerCheckIn(other.engine, runId, ["before"])).every((result) => result.ok)).toBe(true);
    // Process A ends the run.
    expect((await engine.endRun(runId)).ok).toBe(true);
    // B's next answer is refused as the run having ended, and nothing is stored.
    expect(await helpers.answerCheckIn(other.engine, runId, ["after"])).toEqual([
      { ok: false, error: expect.objectContaining({ code: "run-ended" }) },
    ]);
    const stored = database.sqlite.prepare("select count(*) as n from responses where run_id = ?").get(runId) as { n: number };
    expect(stored.n).toBe(1);
    // Told that the run ended (twice, as a bus may), B forgets it, and still refuses.
    await other.engine.forgetRun(runId);
    await other.engine.forgetRun(runId);
    expect(await helpers.answerCheckIn(other.engine, runId, ["later"])).toEqual([
      { ok: false, error: expect.objectContaining({ code: "run-ended" }) },
    ]);
  });
});
