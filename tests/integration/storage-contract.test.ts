import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "~/models/db.server";
import { openPostgres } from "~/storage/postgres/storage.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import type { Queries, Storage } from "~/storage/storage";

import { postgresAvailable, startServices, stopServices } from "../../scripts/services-lib";

/**
 * Issue 20: the storage contract. The same scenario (every query of every model module, reads and writes) runs on
 * SQLite and on PostgreSQL; each backend must hold to what the queries promise, and the two must answer alike.
 */

const available = postgresAvailable();
if (!available) console.warn("storage-contract: PostgreSQL half skipped, PostgreSQL's programs are missing (Debian package postgresql-15).");

/** Every model query, on one backend; its Storage (for transactions); its tables' rows as stored; closing. */
interface Backend {
  q: Queries;
  storage: Storage;
  rows(table: string): Promise<unknown[]>;
  close(): Promise<void>;
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-contract-"));
  dirs.push(dir);
  return dir;
};


async function openSqlite(): Promise<Backend> {
  const database = openDatabase(path.join(tempDir(), "beside.db"));
  const storage = new SqliteStorage(database);
  return {
    q: storage.queries,
    storage,
    rows: async (table) => database.sqlite.prepare(`select * from "${table}"`).all(),
    close: () => storage.close(),
  };
}

async function openPg(): Promise<Backend> {
  const dir = tempDir();
  const { databaseUrl } = await startServices({ dir, postgres: true });
  const storage = await openPostgres(databaseUrl!, { max: 4 });
  const raw = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  return {
    q: storage.queries,
    storage,
    rows: async (table) => (await raw.query(`select * from "${table}"`)).rows,
    close: async () => {
      await raw.end();
      await storage.close();
      await stopServices(dir);
    },
  };
}

/** Order-free results (a map, a set, rows whose query has no order) sorted, so both backends' compare. */
const sorted = <T>(values: Iterable<T>) => [...values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

const at = (iso: string) => new Date(`2026-12-07T${iso}Z`);
const RUN = "run-1";
const WORDS = ["hope", "calm", 'say "hi"', "naïve 🌱", "hidden-word", "日本語"];
const TEXTS = ['I feel "ok" — ünïcødé 🎉', "another", "not approved"];

/** The scenario: every query, in an order a run might call them, each result recorded under a name. */
async function scenario({ q, storage, rows }: Backend) {
  const seen: Record<string, unknown> = {};
  const record = async <T>(name: string, value: Promise<T> | T): Promise<T> => {
    const result = await value;
    seen[name] = result instanceof Map || result instanceof Set ? sorted(result) : result;
    return result;
  };

  // Accounts and sessions (names whose order differs by case and accents: byte order on both).
  const organiser = await record("insertAccount", q.insertAccount({ id: "a1", email: "zoe@example.org", name: "Zoë", role: "organiser", passwordHash: "scrypt$x", createdAt: at("01:00:00.001") }));
  await q.insertAccount({ id: "a2", email: "anna@example.org", name: "anna", role: "facilitator", passwordHash: "scrypt$y", createdAt: at("01:00:00.002") });
  await q.insertAccount({ id: "a3", email: "emile@example.org", name: "Émile", role: "organiser", passwordHash: "scrypt$z", createdAt: at("01:00:00.003") });
  await q.insertAccount({ id: "a4", email: "bob@example.org", name: "Bob", role: "organiser", passwordHash: "scrypt$w", createdAt: at("01:00:00.004") });
  await q.updateAccount("a3", { disabledAt: at("02:00:00.000"), language: "fr" });
  await record("countAccounts", q.countAccounts());
  await record("countActiveOrganisers", q.countActiveOrganisers());
  await record("getAccountById", q.getAccountById("a3"));
  await record("getAccountByEmail", q.getAccountByEmail("anna@example.org"));
  await record("getAccountByEmail missing", q.getAccountByEmail("nobody@example.org"));
  await record("listAccounts", q.listAccounts());
  await q.insertSession({ tokenHash: "t-live", accountId: "a1", expiresAt: at("23:00:00.000") });
  await q.insertSession({ tokenHash: "t-old", accountId: "a1", expiresAt: at("03:00:00.000") });
  await q.insertSession({ tokenHash: "t-disabled", accountId: "a3", expiresAt: at("23:00:00.000") });
  await q.insertSession({ tokenHash: "t-anna", accountId: "a2", expiresAt: at("23:00:00.000") });
  await record("getSessionAccount live", q.getSessionAccount("t-live", at("04:00:00.000")));
  await record("getSessionAccount expired", q.getSessionAccount("t-old", at("04:00:00.000")));
  await record("getSessionAccount disabled", q.getSessionAccount("t-disabled", at("04:00:00.000")));
  await q.deleteExpiredSessions(at("04:00:00.000"));
  await record("sessions after deleteExpiredSessions", q.getSessionAccount("t-old", at("02:00:00.000")));
  await q.deleteSession("t-live");
  await q.deleteSessionsOf("a2");
  await record("sessions after deletes", [await q.getSessionAccount("t-live", at("04:00:00.000")), await q.getSessionAccount("t-anna", at("04:00:00.000"))]);

  // Plans, versions, archive, courses.
  await q.insertPlan({ id: "own_b", clonedFrom: "every-prompt@h1", createdBy: "a1", createdAt: at("01:10:00.000") });
  await q.insertPlan({ id: "own_a", clonedFrom: null, createdBy: null, createdAt: at("01:11:00.000") });
  await record("insertPlanVersion 1", q.insertPlanVersion({ planId: "own_b", source: "# B", hash: "hb1", valid: false, createdBy: "a1", createdAt: at("01:12:00.000") }));
  await record("insertPlanVersion 2", q.insertPlanVersion({ planId: "own_b", source: "# B\n\nmore", hash: "hb2", valid: true, createdBy: null, createdAt: at("01:13:00.000") }));
  await record("listPlanVersions", q.listPlanVersions("own_b"));
  await record("getPlanVersion", q.getPlanVersion("own_b", 1));
  await record("getPlanVersion missing", q.getPlanVersion("own_b", 3));
  await record("getOwnPlan", q.getOwnPlan("own_b"));
  await record("listOwnPlans", sorted(await q.listOwnPlans()));
  await q.setPlanArchived("own_a", true, at("01:20:00.000"));
  await q.setPlanArchived("own_a", true, at("01:21:00.000"));
  await q.setPlanArchived("every-prompt", true, at("01:22:00.000"));
  await q.setPlanArchived("every-prompt", false, at("01:23:00.000"));
  await record("archivedPlanKeys", q.archivedPlanKeys());
  await q.insertCourse({ id: "own_c", title: "Course", summary: "Two sessions", clonedFrom: "course", createdBy: "a1", createdAt: at("01:30:00.000") }, ["own_b", "own_a"]);
  await q.insertCourse({ id: "own_d", title: "Empty", summary: "", clonedFrom: null, createdBy: null, createdAt: at("01:31:00.000") }, []);
  await record("getOwnCourse", q.getOwnCourse("own_c"));
  await record("listOwnCourses", sorted(await q.listOwnCourses()));

  // Settings: an upsert, a read, a delete.
  await q.putSetting("retention", { days: 30 }, at("01:40:00.000"));
  await q.putSetting("retention", { days: 7, purge: true, note: "ünïcødé" }, at("01:41:00.000"));
  await q.putSetting("k", 5, at("01:42:00.000"));
  await record("getSetting", q.getSetting("retention"));
  await record("getSetting number", q.getSetting("k"));
  await q.deleteSetting("k");
  await record("getSetting deleted", q.getSetting("k"));

  // A plan snapshot (twice: kept once) and runs.
  await q.savePlanSnapshot({ hash: "h1", planId: "every-prompt", source: "# Every prompt" }, at("04:00:00.000"));
  await q.savePlanSnapshot({ hash: "h1", planId: "every-prompt", source: "# changed?" }, at("04:00:01.000"));
  await record("getPlanSnapshot", q.getPlanSnapshot("h1"));
  const base = { planId: "every-prompt", planHash: "h1", k: 3 };
  const run = await record("insertRun", q.insertRun({ ...base, id: RUN, code: "CODE01", facilitatorSecretHash: "f1", responseKeySalt: "salt", startedAt: at("04:10:00.123"), startedBy: "a1" }));
  await q.insertRun({ ...base, id: "run-0", code: "CODE00", facilitatorSecretHash: "f0", startedAt: at("03:10:00.000"), startedBy: "a3", planVersion: 2 });
  await q.insertRun({ ...base, id: "run-B", code: "CODE0B", facilitatorSecretHash: "fB", startedAt: at("03:10:00.000") });
  expect(run.startedAt).toBeInstanceOf(Date);
  expect(run.startedAt.getTime()).toBe(at("04:10:00.123").getTime());
  expect(run.paused).toBe(false);
  await record("isCodeTaken", [await q.isCodeTaken("CODE01"), await q.isCodeTaken("NOPE00")]);
  await record("getRunByCode", q.getRunByCode("CODE01"));
  await record("getRunBySecretHash", q.getRunBySecretHash("f0"));
  await q.setCurrentSlide(RUN, 2, at("04:11:00.000"));
  await q.setPresentation(RUN, { paused: true, countdownEndsAt: at("04:12:00.500"), countdownSeconds: 60, questionsOpen: true });
  await q.raisePeakParticipants(RUN, 5);
  await q.raisePeakParticipants(RUN, 3);
  const presented = await record("getRunById presented", q.getRunById(RUN));
  expect(presented).toMatchObject({ paused: true, currentSlide: 2, peakParticipants: 5, questionsOpen: true, blanked: false });
  expect(presented!.countdownEndsAt).toEqual(at("04:12:00.500"));
  await q.setCurrentSlide(RUN, 3, at("04:13:00.000"));
  await record("getRunById slide", q.getRunById(RUN));

  // Prompt phases.
  for (const promptId of ["scale", "mixed", "words", "words2", "text"]) await q.savePromptPhase({ runId: RUN, promptId, phase: "open", revealed: false });
  await q.setReleased(RUN, "scale", true);
  await q.setSpotlight(RUN, "text", TEXTS[0]!);
  await q.savePromptPhase({ runId: RUN, promptId: "scale", phase: "open", revealed: true });
  await record("getPromptPhase upserted", q.getPromptPhase(RUN, "scale"));
  await record("getPromptPhase missing", q.getPromptPhase(RUN, "nothing"));
  await record("getPromptPhases", sorted(await q.getPromptPhases(RUN)));

  // Responses: numbers, strings, several values, passes, words with quotes and emoji.
  const put = (promptId: string, responseKey: string, values: Array<number | string>) =>
    q.upsertResponse({ runId: RUN, promptId, responseKey, answer: { passed: values.length === 0, values } });
  for (const [key, value] of [["s1", 3], ["s2", 4], ["s3", 3], ["s4", 5]] as const) await put("scale", key, [value]);
  await put("scale", "s5", []);
  await put("scale", "s1", [3]); // the same answer again: one row
  await put("mixed", "m1", [0, 2]);
  await put("mixed", "m2", [3]);
  await put("mixed", "m3", ["3"]);
  await put("mixed", "m4", [2.5]);
  await put("words", "w1", [WORDS[0]!, WORDS[1]!]);
  await put("words", "w2", [WORDS[0]!]);
  await put("words", "w3", [WORDS[2]!, WORDS[3]!, WORDS[5]!]);
  await put("words", "w4", [WORDS[4]!, WORDS[0]!]);
  await put("words", "w5", []);
  await put("words2", "v1", [WORDS[1]!, WORDS[3]!]);
  await put("words2", "v2", [WORDS[4]!]);
  for (const [i, text] of TEXTS.entries()) await put("text", `t${i}`, [text]);
  await record("getResponse", q.getResponse(RUN, "words", "w3"));
  await record("getResponse pass", q.getResponse(RUN, "scale", "s5"));
  await record("getResponse missing", q.getResponse(RUN, "scale", "nobody"));
  const stored = await record("countResponses stored", q.countResponses(RUN, "scale"));
  expect(stored).toEqual({ responses: 5, passes: 1 });
  await record("countResponses released before", q.countResponses(RUN, "scale", "released"));
  for (const promptId of ["scale", "mixed", "words"]) await record(`countValues ${promptId}`, sorted(await q.countValues(RUN, promptId)));
  expect(seen["countValues mixed"]).toEqual(sorted([{ value: 0, count: 1 }, { value: 2, count: 1 }, { value: 3, count: 1 }, { value: "3", count: 1 }, { value: 2.5, count: 1 }]));

  // Release in groups: "added", then changes, then "changed".
  expect(await record("countUnreleased first", q.countUnreleased(RUN, "scale"))).toEqual({ added: 5, addedAnswers: 4, changed: 0 });
  expect(await record("releaseAnswers added", q.releaseAnswers(RUN, "scale", "added"))).toBe(5);
  expect(await record("countResponses released", q.countResponses(RUN, "scale", "released"))).toEqual({ responses: 5, passes: 1 });
  await put("scale", "s1", [5]);
  await put("scale", "s2", []);
  await put("scale", "s5", [1]);
  await put("scale", "s6", [2]);
  expect(await record("countUnreleased changed", q.countUnreleased(RUN, "scale"))).toEqual({ added: 2, addedAnswers: 2, changed: 2 });
  expect(await record("countUnreleased among", q.countUnreleased(RUN, "scale", ["s1", "s6", "s3", "nobody"]))).toEqual({ added: 1, addedAnswers: 1, changed: 1 });
  await record("countUnreleased among none", q.countUnreleased(RUN, "scale", []));
  await record("countResponsesAmong", q.countResponsesAmong(RUN, "scale", ["s1", "s2", "nobody"]));
  await record("countResponsesAmong none", q.countResponsesAmong(RUN, "scale", []));
  expect(await record("releaseAnswers changed", q.releaseAnswers(RUN, "scale", "changed"))).toBe(2);
  await record("countValues scale released", sorted(await q.countValues(RUN, "scale", "released")));
  expect(await record("releaseAnswers all", q.releaseAnswers(RUN, "scale"))).toBe(2);
  expect(await record("releaseAnswers nothing waiting", q.releaseAnswers(RUN, "scale"))).toBe(0);
  await q.clearReleasedAnswers(RUN, "scale");
  expect(await record("countResponses released cleared", q.countResponses(RUN, "scale", "released"))).toEqual({ responses: 0, passes: 0 });

  // Moderation: decisions, withdrawn text, unapproved text, unshown words, orphans.
  await q.setDecision(RUN, "text", TEXTS[0]!, "approved");
  await q.setDecision(RUN, "text", TEXTS[1]!, "hidden");
  await q.setDecision(RUN, "text", TEXTS[1]!, "approved");
  await q.setDecision(RUN, "text", "nobody wrote this", "approved");
  await q.setDecision(RUN, "words", WORDS[4]!, "hidden");
  await q.setDecision(RUN, "words", WORDS[1]!, "hidden");
  await q.setDecision(RUN, "words", WORDS[1]!, null);
  await q.setDecision(RUN, "words2", WORDS[3]!, "approved");
  await record("getDecisions", q.getDecisions(RUN, "text"));
  await q.deleteOrphanDecisions(RUN, "text");
  await record("getDecisions after orphans", q.getDecisions(RUN, "text"));
  await q.releaseAnswers(RUN, "text");
  await q.releaseAnswers(RUN, "words");
  await q.releaseAnswers(RUN, "words2");
  await q.deleteUnshownWords(RUN, "words", false);
  await q.deleteUnshownWords(RUN, "words2", true);
  for (const key of ["w1", "w2", "w3", "w4", "w5"]) await record(`words ${key}`, q.getResponse(RUN, "words", key));
  for (const key of ["v1", "v2"]) await record(`words2 ${key}`, q.getResponse(RUN, "words2", key));
  expect(seen["words w4"]).toEqual({ passed: false, values: [WORDS[0]] });
  expect(seen["words2 v2"]).toEqual({ passed: false, values: [] });
  await record("countValues words released", sorted(await q.countValues(RUN, "words", "released")));
  await record("countValues words2 released", sorted(await q.countValues(RUN, "words2", "released")));
  await q.deleteUnapprovedText(RUN, "text");
  await record("text after deleteUnapprovedText", [await q.getResponse(RUN, "text", "t0"), await q.getResponse(RUN, "text", "t2")]);
  expect(seen["text after deleteUnapprovedText"]).toEqual([{ passed: false, values: [TEXTS[0]] }, { passed: false, values: [] }]);
  await record("countValues text released", sorted(await q.countValues(RUN, "text", "released")));
  await put("text", "t1", ["another, changed"]);
  await q.deleteWithdrawnText(RUN, "text");
  await record("countValues text withdrawn", sorted(await q.countValues(RUN, "text", "released")));
  await record("countResponses text withdrawn", q.countResponses(RUN, "text", "released"));
  await q.deleteUnapprovedDecisions(RUN, "words");
  await record("getDecisions words", q.getDecisions(RUN, "words"));

  // Questions and votes (ids whose order differs by case: byte order on both).
  for (const [id, text] of [["qb", "Why?"], ["qA", "When — ünïcødé?"], ["qc", 'A "quoted" one 🎈'], ["qd", "Waiting"], ["qe", "Also waiting"]] as const) await q.insertQuestion(RUN, id, text);
  // Each arrives on its way to the console; qe is still on its way below.
  expect(await record("arrivingQuestions", q.arrivingQuestions())).toHaveLength(5);
  expect(await record("markQuestionArrived", [await q.markQuestionArrived(RUN, "qb"), await q.markQuestionArrived(RUN, "qA"), await q.markQuestionArrived(RUN, "qc"), await q.markQuestionArrived(RUN, "qd"), await q.markQuestionArrived(RUN, "qd")])).toEqual([true, true, true, true, false]);
  expect(await record("arrivingQuestions after", q.arrivingQuestions())).toEqual([{ runId: RUN, questionId: "qe" }]);
  await q.setQuestionState(RUN, "qb", "approved");
  await q.setQuestionState(RUN, "qA", "answering");
  await q.setQuestionState(RUN, "qc", "approved");
  await record("addVote", [await q.addVote(RUN, "qb", "v1"), await q.addVote(RUN, "qb", "v1"), await q.addVote(RUN, "qb", "v2"), await q.addVote(RUN, "qc", "v3")]);
  expect(seen.addVote).toEqual([true, false, true, true]);
  await record("storedVoteKeys", q.storedVoteKeys(RUN, ["v1", "v3", "v9"]));
  await record("storedVoteKeys none", q.storedVoteKeys(RUN, []));
  await record("voteCounts", sorted(await q.voteCounts(RUN)));
  expect(await record("releaseVotes", q.releaseVotes(RUN, ["qb", "qc"]))).toBe(2);
  await record("releaseVotes none", q.releaseVotes(RUN, []));
  await record("voteCounts released", sorted(await q.voteCounts(RUN)));
  expect(await record("countWaitingQuestions", q.countWaitingQuestions(RUN))).toBe(2);
  // qd is hidden; qe, still on its way, is not.
  expect(await record("hideWaitingQuestions", q.hideWaitingQuestions(RUN))).toBe(1);
  await q.bumpPublishSeq(RUN);
  await q.bumpPublishSeq(RUN);
  expect(await record("bumpPublishSeq", (await q.getRunById(RUN))?.publishSeq)).toBe(2);
  await q.stopAnswering(RUN, "qb");
  await record("getQuestion", q.getQuestion(RUN, "qA"));
  await record("listQuestions", q.listQuestions(RUN));
  await record("approvedQuestions", q.approvedQuestions(RUN));

  // "I'm in".
  await q.acceptAgreement(RUN, 0, "k1");
  await q.acceptAgreement(RUN, 0, "k1");
  await q.acceptAgreement(RUN, 0, "k2");
  await q.acceptAgreement(RUN, 4, "k1");
  await record("hasAccepted", [await q.hasAccepted(RUN, 0, "k1"), await q.hasAccepted(RUN, 4, "k2")]);
  await record("countAcceptances", [await q.countAcceptances(RUN, 0), await q.countAcceptances(RUN, 4), await q.countAcceptances(RUN, 9)]);

  // Rewrites in key order keep every row exactly.
  const tables = ["responses", "moderations", "questions", "question_votes", "agreement_acceptances"];
  const everything = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, sorted(await rows(table))])));
  const before = await everything();
  await storage.transaction(async () => {}); // an empty transaction commits
  await q.rewriteResponsesInKeyOrder(RUN, "scale");
  await q.rewriteResponsesInKeyOrder(RUN);
  await q.rewriteDecisionsInKeyOrder(RUN, "text");
  await q.rewriteDecisionsInKeyOrder(RUN);
  await q.rewriteQuestionsInKeyOrder(RUN);
  await q.rewriteAcceptancesInKeyOrder(RUN, 0);
  await q.rewriteAcceptancesInKeyOrder(RUN);
  await q.rewriteResponsesInKeyOrder("no-such-run");
  expect(await everything()).toEqual(before);
  expect((before.responses as unknown[]).length).toBe(20);

  // Transactions: committed whole, or rolled back whole when the work throws.
  const committed = await storage.transaction(async (tx) => {
    await tx.savePlanSnapshot({ hash: "h-tx", planId: "p", source: "#" }, at("05:00:00.000"));
    await tx.setSpotlight(RUN, "words", WORDS[3]!);
    return "done";
  });
  expect(committed).toBe("done");
  await expect(
    storage.transaction(async (tx) => {
      await tx.savePlanSnapshot({ hash: "h-rolled-back", planId: "p", source: "#" }, at("05:00:00.000"));
      await tx.upsertResponse({ runId: RUN, promptId: "scale", responseKey: "s-rolled-back", answer: { passed: false, values: [1] } });
      throw new Error("the work failed");
    }),
  ).rejects.toThrow("the work failed");
  await record("transactions", [await q.getPlanSnapshot("h-tx"), await q.getPlanSnapshot("h-rolled-back"), await q.getResponse(RUN, "scale", "s-rolled-back"), (await q.getPromptPhase(RUN, "words"))?.spotlight]);
  expect((seen.transactions as unknown[]).slice(1, 3)).toEqual([undefined, undefined]);

  // History, then the run's end and the retention purge.
  await record("runsOfPlan newest", q.runsOfPlan("every-prompt"));
  await record("runsOfPlan oldest", q.runsOfPlan("every-prompt", "oldest"));
  await record("getHistoryRow", q.getHistoryRow("run-0"));
  await record("liveRunsStartedBefore", sorted(await q.liveRunsStartedBefore(at("04:00:00.000"))));
  await q.closeOpenPrompts(RUN);
  await q.clearSpotlights(RUN);
  await q.markRunEnded(RUN, at("06:00:00.000"));
  await q.markRunEnded(RUN, at("06:30:00.000"));
  await q.markRunEnded("run-0", at("06:10:00.000"));
  const ended = await record("getRunById ended", q.getRunById(RUN));
  expect(ended).toMatchObject({ state: "ended", responseKeySalt: null, endedAt: at("06:00:00.000") });
  await record("getPromptPhases ended", sorted(await q.getPromptPhases(RUN)));
  await q.deleteUnapprovedQuestionText(RUN);
  await record("listQuestions ended", q.listQuestions(RUN));
  expect(await record("questions arriving ended", rows("questions").then((all) => all.filter((row) => Boolean((row as { arriving: unknown }).arriving))))).toEqual([]);
  await record("runsWithTextEndedBefore", sorted(await q.runsWithTextEndedBefore(at("07:00:00.000"))));
  await q.deleteRunText(RUN);
  await q.deleteRunDecisions(RUN);
  await q.deleteQuestionText(RUN);
  await q.markTextPurged(RUN, at("07:00:00.000"));
  await record("runsWithTextEndedBefore purged", sorted(await q.runsWithTextEndedBefore(at("07:00:00.000"))));
  await record("countValues words purged", sorted(await q.countValues(RUN, "words")));
  await record("countResponses words purged", q.countResponses(RUN, "words"));
  await record("getDecisions purged", q.getDecisions(RUN, "words2"));
  await record("approvedQuestions purged", q.approvedQuestions(RUN));
  await record("getHistoryRow purged", q.getHistoryRow(RUN));
  return seen;
}

const backends: Array<[string, () => Promise<Backend>, boolean]> = [
  ["SQLite", openSqlite, true],
  ["PostgreSQL", openPg, available],
];
const results: Record<string, Record<string, unknown>> = {};

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(backends)("Storage on %s", (name, open, runs) => {
  it.skipIf(!runs)("answers every model query as the model modules say", { timeout: 60_000 }, async () => {
    const started = performance.now();
    const backend = await open();
    const opened = performance.now();
    try {
      results[name] = await scenario(backend);
    } finally {
      await backend.close();
    }
    console.info(`storage-contract on ${name}: opened in ${Math.round(opened - started)} ms, the scenario ran in ${Math.round(performance.now() - opened)} ms`);
  });
});

describe.each(backends)("A snapshot on %s", (name, open, runs) => {
  it.skipIf(!runs)("reads as of one moment: a change committed meanwhile shows in none of its reads, and after it in storage", { timeout: 60_000 }, async () => {
    const { storage, close } = await open();
    try {
      const answer = (responseKey: string) => ({ runId: "r", promptId: "p", responseKey, answer: { passed: false, values: [1] } });
      await storage.transaction(async (tx) => {
        await tx.savePlanSnapshot({ hash: "h", planId: "p", source: "x" }, at("05:00:00.000"));
        await tx.insertRun({ id: "r", code: "CODE77", planId: "p", planHash: "h", facilitatorSecretHash: "f", k: 3, startedAt: at("05:00:00.000") });
        await tx.upsertResponse(answer("first"));
      });
      let meanwhile: Promise<void> | undefined;
      const seen = await storage.snapshot(async (q) => {
        const before = (await q.countResponses("r", "p")).responses;
        // A release, say, asked for between a tally's counts and its values.
        meanwhile = storage.transaction(async (tx) => void (await tx.upsertResponse(answer("second"))));
        // On PostgreSQL it commits now, on a connection of its own; on SQLite it waits for the snapshot to end (a
        // snapshot there holds the one connection, and must not wait for anything but its own reads).
        if (name === "PostgreSQL") await meanwhile;
        return [before, (await q.countValues("r", "p")).reduce((sum, row) => sum + row.count, 0), (await q.countResponses("r", "p")).responses];
      });
      await meanwhile;
      expect(seen).toEqual([1, 1, 1]);
      expect((await storage.queries.countResponses("r", "p")).responses).toBe(2);
    } finally {
      await close();
    }
  });
});

describe("SQLite and PostgreSQL", () => {
  it.skipIf(!available)("give the same result for every query", () => {
    expect(results.SQLite, "the SQLite scenario ran through").toBeDefined();
    expect(Object.keys(results.PostgreSQL ?? {})).toEqual(Object.keys(results.SQLite!));
    for (const key of Object.keys(results.SQLite ?? {})) expect({ [key]: results.PostgreSQL?.[key] }).toEqual({ [key]: results.SQLite?.[key] });
  });
});

describe.skipIf(!available)("PgStorage", () => {
  it("opens twice at once on a fresh database (migrations applied once), rewrites rows into key order, and refuses queries at once when the server stops", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { databaseUrl } = await startServices({ dir, postgres: true });
    try {
      const [first, second] = await Promise.all([openPostgres(databaseUrl!, { max: 2 }), openPostgres(databaseUrl!, { max: 2 })]);
      const raw = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      const journal = JSON.parse(fs.readFileSync(path.resolve("db/migrations-pg/meta/_journal.json"), "utf8")) as { entries: unknown[] };
      expect((await raw.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n).toBe(journal.entries.length);
      // A rewrite in key order leaves the rows in key order in the table's pages (ctid), whatever order they came in.
      const q = first.queries;
      await q.savePlanSnapshot({ hash: "h", planId: "p", source: "#" }, at("05:00:00.000"));
      await q.insertRun({ id: "r", code: "CODE99", planId: "p", planHash: "h", facilitatorSecretHash: "f", k: 3, startedAt: at("05:00:00.000") });
      const keys = Array.from({ length: 20 }, (_, i) => `key-${String(i).padStart(2, "0")}`);
      for (const key of [...keys].reverse()) await q.upsertResponse({ runId: "r", promptId: "p", responseKey: key, answer: { passed: false, values: [1] } });
      const inPages = async () => (await raw.query("select response_key from responses order by ctid")).rows.map((row) => row.response_key);
      expect(await inPages()).toEqual([...keys].reverse());
      await q.rewriteResponsesInKeyOrder("r");
      expect(await inPages()).toEqual(keys);
      await raw.end();
      await second.close();
      await second.close();
      await stopServices(dir);
      const asked = performance.now();
      await expect(first.queries.getRunById("any")).rejects.toThrow();
      console.info(`PgStorage: a query with the server stopped was refused in ${Math.round(performance.now() - asked)} ms`);
      await first.close();
    } finally {
      await stopServices(dir);
    }
  });
});

