import { describe, expect, it } from "vitest";

import type { Answer, AudienceView } from "~/realtime/events";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import { MIN_ABANDONED_DAYS, RunEngine } from "~/runs/run-engine.server";

import { closeAllClients, connectDisplay, connectFacilitator, connectParticipants, emit, goToPrompt, nextEvent } from "../helpers/clients";
import { dump, execute, executeWhileRunning, fileBytes, query, storedText } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { releaseClockTick } from "../helpers/record";
import { answerRound } from "../helpers/room";
import { FIXTURE_PLANS, startRun, type TestServer } from "../helpers/server";
import { onPostgres, sqliteOnly } from "../helpers/backend";

/**
 * Retention, checked in the rows and in the bytes of the database files:
 * free text never approved and words the facilitator hid are deleted when the
 * run ends; approved free text and word-cloud words are deleted RETENTION_DAYS
 * after it ended; every response and count stays.
 */
const DAY = 24 * 60 * 60 * 1000;
const startServer = useTestServers();
const start = (dbFile?: string, purgeIntervalMs?: number) => startServer({ dbFile, purgeIntervalMs });

/** What one run collects, with words and text unique to it (`tag` is lower-case letters). */
function textsOf(tag: string) {
  return {
    approved: `${tag} approved: ask a neighbour to water the plants`,
    hidden: `${tag} hidden: my boss at the garage`,
    pending: `${tag} pending: call the helpline tonight`,
    words: [`${tag}feather`, `${tag}lantern`],
  };
}

/**
 * A run of the every-prompt plan with four phones: a scale, a word cloud
 * (one word hidden) and free text (one approved and read aloud, one hidden,
 * one pending, one pass). Ended if `end`.
 */
async function fillRun(server: TestServer, tag: string, end: boolean) {
  const texts = textsOf(tag);
  const { code, cookie } = await startRun(server, "every-prompt", 3);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  const phones = await connectParticipants(server.url, code, 4);
  const round = (promptId: string, answers: Answer[]) => answerRound({ facilitator, state, phones }, promptId, answers);
  await round("check-in", [{ type: "scale", value: 2 }, { type: "scale", value: 4 }, { type: "scale", value: 4 }, { type: "pass" }]);
  await round("strength", [
    { type: "word-cloud", words: texts.words },
    { type: "word-cloud", words: [texts.words[0]!] },
    { type: "word-cloud", words: [texts.words[1]!] },
    { type: "pass" },
  ]);
  expect((await emit(facilitator, "moderation:set", { promptId: "strength", text: texts.words[1], action: "hide" })).ok).toBe(true);
  await round("small-ask", [
    { type: "open-text", text: texts.approved },
    { type: "open-text", text: texts.hidden },
    { type: "open-text", text: texts.pending },
    { type: "pass" },
  ]);
  expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text: texts.approved, action: "approve" })).ok).toBe(true);
  expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text: texts.hidden, action: "hide" })).ok).toBe(true);
  expect((await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: texts.approved })).ok).toBe(true);
  if (end) expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
  closeAllClients();
  const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
  return { code, cookie, runId, ...texts };
}

type Filled = Awaited<ReturnType<typeof fillRun>>;

/** Responses and passes per prompt: what must never change. */
function counts(dbFile: string, runId: string) {
  return query(dbFile, "select prompt_id, count(*) as responses, sum(case when passed then 1 else 0 end) as passes from responses where run_id = ? group by prompt_id order by prompt_id", runId);
}

/** The stored answers of a prompt, as JSON texts, sorted. */
function answers(dbFile: string, runId: string, promptId: string): string[] {
  return query<{ answer: string }>(dbFile, "select answer from responses where run_id = ? and prompt_id = ?", runId, promptId)
    .map((row) => row.answer)
    .sort();
}

function runRow(dbFile: string, runId: string) {
  return query<{ state: string; ended_at: number | null; started_at: number; text_purged_at: number | null; response_key_salt: string | null }>(
    dbFile,
    "select state, started_at, ended_at, text_purged_at, response_key_salt from runs where id = ?",
    runId,
  )[0]!;
}

/** The run has lost every word and free text, in its rows and the files' bytes, and kept every count and its scale answers. */
function expectPurged(dbFile: string, run: Filled, countsBefore: unknown) {
  expect(counts(dbFile, run.runId)).toEqual(countsBefore);
  expect(answers(dbFile, run.runId, "small-ask")).toEqual(["[]", "[]", "[]", "[]"]);
  expect(answers(dbFile, run.runId, "strength")).toEqual(["[]", "[]", "[]", "[]"]);
  expect(answers(dbFile, run.runId, "check-in")).toEqual(["[2]", "[4]", "[4]", "[]"].sort());
  expect(query(dbFile, "select * from moderations where run_id = ?", run.runId)).toEqual([]);
  expect(query(dbFile, "select spotlight from prompt_phases where run_id = ? and spotlight is not null", run.runId)).toEqual([]);
  expect(runRow(dbFile, run.runId).text_purged_at).not.toBeNull();
  const bytes = storedText(dbFile);
  for (const text of [run.approved, run.hidden, run.pending, ...run.words]) expect(bytes).not.toContain(text);
}

/**
 * The ended run still has its approved text and the words that weren't hidden (its unapproved text and
 * its hidden word went when it ended; the response left without a word stays, as an answer).
 */
function expectKept(dbFile: string, run: Filled) {
  expect(answers(dbFile, run.runId, "small-ask")).toEqual([JSON.stringify([run.approved]), "[]", "[]", "[]"].sort());
  expect(answers(dbFile, run.runId, "strength")).toEqual([JSON.stringify([run.words[0]]), JSON.stringify([run.words[0]]), "[]", "[]"].sort());
  expect(runRow(dbFile, run.runId).text_purged_at).toBeNull();
  const bytes = storedText(dbFile);
  expect(bytes).toContain(run.approved);
  expect(bytes).toContain(run.words[0]);
}

describe("when a run ends", () => {
  it("deletes the text of free-text answers that were never approved (hidden or pending) from the rows and the database files, and keeps approved text, words and every count", async () => {
    const server = await start();
    const run = await fillRun(server, "alpha", false);
    const before = counts(server.dbFile, run.runId);
    expect(before).toEqual([
      { prompt_id: "check-in", responses: 4, passes: 1 },
      { prompt_id: "small-ask", responses: 4, passes: 1 },
      { prompt_id: "strength", responses: 4, passes: 1 },
    ]);
    expect(storedText(server.dbFile)).toContain(run.hidden); // the probe finds it where it is stored

    const { socket: facilitator } = await connectFacilitator(server.url, run.code, run.cookie);
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);

    expect(counts(server.dbFile, run.runId)).toEqual(before);
    // Each response stays (so counts stay); the text of the ones never approved is gone.
    expect(answers(server.dbFile, run.runId, "small-ask")).toEqual([JSON.stringify([run.approved]), "[]", "[]", "[]"].sort());
    // The approval stays with its text; the decision about the hidden word goes with the word.
    expect(query(server.dbFile, "select prompt_id, value, decision from moderations where run_id = ? order by prompt_id", run.runId)).toEqual([
      { prompt_id: "small-ask", value: run.approved, decision: "approved" },
    ]);
    // "Read aloud" is cleared; the key behind the response keys is destroyed; nothing is purged yet.
    expect(query(server.dbFile, "select spotlight from prompt_phases where run_id = ? and spotlight is not null", run.runId)).toEqual([]);
    expect(runRow(server.dbFile, run.runId)).toMatchObject({ state: "ended", response_key_salt: null, text_purged_at: null });
    const bytes = storedText(server.dbFile);
    expect(bytes).not.toContain(run.hidden);
    expect(bytes).not.toContain(run.pending);
    expectKept(server.dbFile, run);
    for (const line of server.logs) for (const text of [run.approved, run.hidden, run.pending, ...run.words]) expect(line).not.toContain(text);
  });

  it("deletes the words the facilitator hid from word-cloud answers, from the rows and the database files, and keeps every response and count", async () => {
    const server = await start();
    const run = await fillRun(server, "gamma", false);
    const [kept, hidden] = run.words as [string, string];
    const before = counts(server.dbFile, run.runId);
    expect(answers(server.dbFile, run.runId, "strength")).toEqual([JSON.stringify([kept, hidden]), JSON.stringify([kept]), JSON.stringify([hidden]), "[]"].sort());
    expect(storedText(server.dbFile)).toContain(hidden);

    const { socket: facilitator } = await connectFacilitator(server.url, run.code, run.cookie);
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);

    // The hidden word is out of both answers that held it; the one left with no word is still an answer, not a pass.
    expect(query(server.dbFile, "select passed, answer from responses where run_id = ? and prompt_id = 'strength' order by passed, cast(answer as text)", run.runId)).toEqual([
      { passed: 0, answer: JSON.stringify([kept]) },
      { passed: 0, answer: JSON.stringify([kept]) },
      { passed: 0, answer: "[]" },
      { passed: 1, answer: "[]" },
    ]);
    expect(counts(server.dbFile, run.runId)).toEqual(before);
    expect(query(server.dbFile, "select * from moderations where run_id = ? and prompt_id = 'strength'", run.runId)).toEqual([]);
    const bytes = storedText(server.dbFile);
    expect(bytes).not.toContain(hidden);
    expect(bytes).toContain(kept);
  });

  it("forgets an approval whose text no answer holds any more: an approved entry its author then changed, or took back with a pass, is gone from moderations and the database files", async () => {
    const server = await start();
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const [p1, p2, p3] = await connectParticipants(server.url, code, 3);
    const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
    const CHANGED = "deltachanged: the entry its author rewrote";
    const REWRITTEN = "deltarewritten: what the author wrote instead";
    const TAKEN_BACK = "deltatakenback: the entry its author took back";
    const STAYS = "deltastays: an approved entry nobody changed";

    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    for (const [phone, text] of [
      [p1, CHANGED],
      [p2, TAKEN_BACK],
      [p3, STAYS],
    ] as const) {
      expect((await phone!.answer("small-ask", { type: "open-text", text })).ok).toBe(true);
    }
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    for (const text of [CHANGED, TAKEN_BACK, STAYS]) {
      expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text, action: "approve" })).ok).toBe(true);
    }
    // Reopened, one author rewrites the entry and another takes theirs back.
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    expect((await p1!.answer("small-ask", { type: "open-text", text: REWRITTEN })).ok).toBe(true);
    expect((await p2!.answer("small-ask", { type: "pass" })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    expect(storedText(server.dbFile)).toContain(CHANGED);

    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);

    expect(query(server.dbFile, "select value, decision from moderations where run_id = ?", runId)).toEqual([{ value: STAYS, decision: "approved" }]);
    expect(answers(server.dbFile, runId, "small-ask")).toEqual(["[]", "[]", JSON.stringify([STAYS])].sort());
    expect(query(server.dbFile, "select count(*) as responses, sum(case when passed then 1 else 0 end) as passes from responses where run_id = ?", runId)).toEqual([{ responses: 3, passes: 1 }]);
    const bytes = storedText(server.dbFile);
    for (const text of [CHANGED, TAKEN_BACK, REWRITTEN]) expect(bytes).not.toContain(text);
    expect(bytes).toContain(STAYS);
  });
});

describe("when a run ends with answers held back", () => {
  it("deletes every text of a held-back free-text prompt once one of them was withdrawn, so what disappears can't show what the late changer wrote", async () => {
    const server = await start();
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const { socket: display } = await connectDisplay(server.url, code);
    const [a, b, c] = await connectParticipants(server.url, code, 3);
    const SISTER = "echosister: call my sister";
    const LIFT = "echolift: ask for a lift";
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await emit(facilitator, "prompt:reveal", { promptId: "small-ask" });
    for (const [phone, text] of [
      [a, SISTER],
      [b, LIFT],
      [c, LIFT],
    ] as const) {
      expect((await phone!.answer("small-ask", { type: "open-text", text })).ok).toBe(true);
    }
    await releaseClockTick();
    for (const text of [SISTER, LIFT]) expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text, action: "approve" })).ok).toBe(true);
    // The author of the first changes it, and the prompt closes: the change is held back, both texts stay on screen.
    expect((await a!.answer("small-ask", { type: "open-text", text: "echonothing: nothing" })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    const held = ((await emit(display, "run:sync", {})).data as AudienceView).results;
    expect(held).toMatchObject({ status: "shown", tally: { answers: 3, entries: expect.arrayContaining([expect.objectContaining({ text: SISTER })]) } });

    const ended = nextEvent(display, "audience:state", (view) => view.run.state === "ended");
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    // Not just the withdrawn text: every text of the prompt goes, and the count of answers stays.
    expect((await ended).results).toEqual({ status: "shown", tally: { type: "open-text", answers: 3, entries: [] } });
    const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
    expect(query(server.dbFile, "select released_answer from responses where run_id = ? and prompt_id = 'small-ask'", runId)).toEqual([
      { released_answer: "[null]" },
      { released_answer: "[null]" },
      { released_answer: "[null]" },
    ]);
    const bytes = storedText(server.dbFile);
    expect(bytes).not.toContain(SISTER);
    expect(bytes).not.toContain("echonothing");
  });
});

describe("the retention purge", () => {
  it("at start-up deletes the words and free text of runs ended more than RETENTION_DAYS (30) ago, keeps their counts, leaves a run ended 29 days ago alone, and ends and purges a live run started 31 days ago", async () => {
    const first = await start();
    const old = await fillRun(first, "oldrun", true);
    const recent = await fillRun(first, "recentrun", true);
    const stale = await fillRun(first, "stalerun", false);
    const before = { old: counts(first.dbFile, old.runId), recent: counts(first.dbFile, recent.runId), stale: counts(first.dbFile, stale.runId) };
    await first.stop();

    const now = Date.now();
    expect(execute(first.dbFile, "update runs set ended_at = ? where id = ?", new Date(now - 31 * DAY), old.runId)).toBe(1);
    expect(execute(first.dbFile, "update runs set ended_at = ? where id = ?", new Date(now - 29 * DAY), recent.runId)).toBe(1);
    expect(execute(first.dbFile, "update runs set started_at = ? where id = ?", new Date(now - 31 * DAY), stale.runId)).toBe(1);
    expect(storedText(first.dbFile)).toContain(old.approved);

    // The server starts again on the same file: the purge runs before it listens.
    const second = await start(first.dbFile);
    expect(second.logs.some((line) => / INFO retention purge endedAbandonedRuns=1 runsWithTextDeleted=2$/.test(line))).toBe(true);

    expectPurged(second.dbFile, old, before.old);
    expect(runRow(second.dbFile, old.runId).text_purged_at).toBeGreaterThanOrEqual(now);
    expectKept(second.dbFile, recent);
    expect(counts(second.dbFile, recent.runId)).toEqual(before.recent);
    // The abandoned run: ended now, its key destroyed, its text (approved or not) gone, its counts kept.
    expectPurged(second.dbFile, stale, before.stale);
    expect(runRow(second.dbFile, stale.runId)).toMatchObject({ state: "ended", response_key_salt: null });
    expect(runRow(second.dbFile, stale.runId).ended_at).toBeGreaterThanOrEqual(now);
  });

  it.skipIf(sqliteOnly("retention: periodic purge", "it reads the SQLite file's bytes and opens a second engine on the file"))("periodically (RunEngine.purgeExpiredText, on the engine's clock) purges runs past the retention period exactly once, and nothing before", async () => {
    const server = await start();
    const old = await fillRun(server, "oldrun", true);
    const recent = await fillRun(server, "recentrun", true);
    const stale = await fillRun(server, "stalerun", false);
    const before = { old: counts(server.dbFile, old.runId), stale: counts(server.dbFile, stale.runId) };
    await server.stop();
    const now = Date.now();
    // Ended two days after the others: 29 days ago when the clock says 31 days later.
    execute(server.dbFile, "update runs set ended_at = ? where id = ?", new Date(now + 2 * DAY), recent.runId);

    const database = openDatabase(server.dbFile);
    let clock = new Date(now + 29 * DAY);
    const storage = new SqliteStorage(database);
    const engine = new RunEngine(storage, await PlanLibrary.load(storage, new PlanFiles(FIXTURE_PLANS)), { defaultK: () => 5, now: () => clock });
    try {
      const untouched = dump(server.dbFile);
      expect(await engine.purgeExpiredText(30)).toEqual({ ended: [], purged: 0 });
      expect(dump(server.dbFile)).toBe(untouched);

      clock = new Date(now + 31 * DAY);
      expect(await engine.purgeExpiredText(30)).toEqual({ ended: [stale.runId], purged: 2 });
      expectPurged(server.dbFile, old, before.old);
      expectPurged(server.dbFile, stale, before.stale);
      expect(runRow(server.dbFile, old.runId).text_purged_at).toBe(clock.getTime());
      expect(runRow(server.dbFile, stale.runId)).toMatchObject({ state: "ended", ended_at: clock.getTime(), text_purged_at: clock.getTime(), response_key_salt: null });
      expectKept(server.dbFile, recent);

      // Once purged, a run isn't purged again.
      const purged = dump(server.dbFile);
      expect(await engine.purgeExpiredText(30)).toEqual({ ended: [], purged: 0 });
      expect(dump(server.dbFile)).toBe(purged);

      // Two days on, the recent run's turn.
      clock = new Date(now + 33 * DAY);
      expect(await engine.purgeExpiredText(30)).toEqual({ ended: [], purged: 1 });
      expect(runRow(server.dbFile, recent.runId).text_purged_at).toBe(clock.getTime());
      expect(fileBytes(server.dbFile)).not.toContain(recent.approved);
    } finally {
      database.close();
    }
  });

  it("runs again every interval while the server is up, and tells a display still open on an abandoned run that it has ended", async () => {
    const server = await start(undefined, 150);
    const old = await fillRun(server, "oldrun", true);
    const stale = await fillRun(server, "stalerun", false);
    const before = { old: counts(server.dbFile, old.runId), stale: counts(server.dbFile, stale.runId) };
    const { socket: display } = await connectDisplay(server.url, stale.code);
    const ended = nextEvent(display, "audience:state", (view) => view.run.state === "ended");
    // Its phones answered, so the engine keeps its plan and key for answers (ADR 017) until the purge ends it.
    const { engine } = server.server.context;
    const device = "d".repeat(43);
    expect((await engine.prepareResponse(stale.runId, device, "check-in", { type: "scale", value: 2 })).ok).toBe(true);

    // While it runs, the runs age past the retention period.
    const now = Date.now();
    await executeWhileRunning(server.dbFile, "update runs set ended_at = ? where id = ?", new Date(now - 31 * DAY), old.runId);
    await executeWhileRunning(server.dbFile, "update runs set started_at = ? where id = ?", new Date(now - 31 * DAY), stale.runId);

    await ended;
    expect(await engine.prepareResponse(stale.runId, device, "check-in", { type: "scale", value: 2 })).toMatchObject({ ok: false, error: { code: "run-ended" } });
    await expect.poll(() => runRow(server.dbFile, old.runId).text_purged_at, { timeout: 5000 }).not.toBeNull();
    expectPurged(server.dbFile, old, before.old);
    expectPurged(server.dbFile, stale, before.stale);
  });

  it("purges only while this process holds the ~maintenance lease: not while another process holds it, and at the next interval once it is let go", async () => {
    const server = await start(undefined, 150);
    const old = await fillRun(server, "oldrun", true);
    const before = counts(server.dbFile, old.runId);
    // Another process purging now: its lease on the database's clock, an hour long.
    const nowMs = onPostgres ? "(extract(epoch from clock_timestamp()) * 1000)::bigint" : "cast(unixepoch('subsec') * 1000 as integer)";
    const hourOn = `${nowMs} + 3600000`;
    const held = `insert into leases (name, holder, epoch, expires_at) values ('~maintenance', 'another process', 1, ${hourOn})
      on conflict (name) do update set holder = excluded.holder, epoch = leases.epoch + 1, expires_at = excluded.expires_at`;
    expect(await executeWhileRunning(server.dbFile, held)).toBe(1);
    await executeWhileRunning(server.dbFile, "update runs set ended_at = ? where id = ?", new Date(Date.now() - 31 * DAY), old.runId);

    // Many intervals pass: this process lets every one of them go by.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runRow(server.dbFile, old.runId).text_purged_at).toBeNull();
    expect(storedText(server.dbFile)).toContain(old.approved);

    expect(await executeWhileRunning(server.dbFile, "update leases set expires_at = 0 where name = '~maintenance'")).toBe(1);
    await expect.poll(() => runRow(server.dbFile, old.runId).text_purged_at, { timeout: 5000 }).not.toBeNull();
    expectPurged(server.dbFile, old, before);
    // Let go after each purge: another process may purge next.
    await expect.poll(() => query(server.dbFile, `select holder from leases where name = '~maintenance' and expires_at > ${nowMs}`)).toEqual([]);
  });

  it.skipIf(sqliteOnly("retention: abandoned runs", "it reads the SQLite file's bytes and opens a second engine on the file"))("takes a live run as abandoned only after MIN_ABANDONED_DAYS (7), however short the retention period: with RETENTION_DAYS=1 a run started 8 days ago is ended and purged, one started 5 days ago is left live", async () => {
    expect(MIN_ABANDONED_DAYS).toBe(7);
    const server = await start();
    const eight = await fillRun(server, "eightdays", false);
    const five = await fillRun(server, "fivedays", false);
    const before = counts(server.dbFile, eight.runId);
    await server.stop();
    const now = Date.now();
    execute(server.dbFile, "update runs set started_at = ? where id = ?", new Date(now - 8 * DAY), eight.runId);
    execute(server.dbFile, "update runs set started_at = ? where id = ?", new Date(now - 5 * DAY), five.runId);

    const database = openDatabase(server.dbFile);
    let clock = new Date(now);
    const storage = new SqliteStorage(database);
    const engine = new RunEngine(storage, await PlanLibrary.load(storage, new PlanFiles(FIXTURE_PLANS)), { defaultK: () => 5, now: () => clock });
    try {
      expect(await engine.purgeExpiredText(1)).toEqual({ ended: [eight.runId], purged: 1 });
      expectPurged(server.dbFile, eight, before);
      expect(runRow(server.dbFile, eight.runId)).toMatchObject({ state: "ended", ended_at: clock.getTime(), text_purged_at: clock.getTime(), response_key_salt: null });
      // Five days in, the other is still live, its key and every answer in place (a session may run over days).
      expect(runRow(server.dbFile, five.runId)).toMatchObject({ state: "live", ended_at: null, text_purged_at: null });
      expect(runRow(server.dbFile, five.runId).response_key_salt).not.toBeNull();
      expect(answers(server.dbFile, five.runId, "small-ask")).toEqual([five.approved, five.hidden, five.pending].map((text) => JSON.stringify([text])).concat("[]").sort());
      expect(fileBytes(server.dbFile)).toContain(five.pending);

      // Three days on, it is eight days old too: ended and purged.
      clock = new Date(now + 3 * DAY);
      expect(await engine.purgeExpiredText(1)).toEqual({ ended: [five.runId], purged: 1 });
      expect(runRow(server.dbFile, five.runId)).toMatchObject({ state: "ended", text_purged_at: clock.getTime() });
      expect(fileBytes(server.dbFile)).not.toContain(five.pending);
    } finally {
      database.close();
    }
  });
});
