import { findPrompt } from "~/content/plan-schema";
import { fail, ok, type Result } from "~/domain/result";
import { answersOf } from "~/domain/tally";
import type { ResponseWrite } from "~/models/response.server";
import type { Answer } from "~/realtime/events";
import type { Queries } from "~/storage/storage";

import { fromStoredAnswer, toStoredAnswer } from "../answers";
import { responseKey } from "../secrets.server";
import { MarksUnavailableError } from "./marks.server";
import type { EngineState, LoadedRun } from "./state.server";

/**
 * The answer path of the run engine: a phone's answer checked and keyed (prepareResponse), committed with others
 * in one transaction (ResponseWriter, commitResponses), released to screens on the server's own clock (releaseDue),
 * and which answers came over connections made after their prompt opened (the run's marks, marks.server.ts). "I'm in" too.
 */
export class AnswerPath {
  constructor(private readonly shared: EngineState) {}

  /** "I'm in" from a phone, on the agreement slide on screen. Saying it twice counts once. */
  acceptAgreement(runId: string, device: string, slideIndex: number): Promise<Result<{ agreed: true }>> {
    // Checked and stored in one transaction, as an answer is, so the group can't have moved on in between.
    return this.shared.storage.transaction(async (tx) => {
      await tx.lockRun(runId, "answer");
      const run = await this.shared.loadLiveRun(tx, runId);
      if (!run.ok) return run;
      const salt = run.data.row.responseKeySalt;
      const slide = run.data.plan.slides[slideIndex];
      if (run.data.row.paused) return fail("paused", { reason: "paused" });
      if (!salt || run.data.row.currentSlide !== slideIndex || slide?.kind !== "agreement") {
        return fail("prompt-not-open", { reason: "agreementNotOnScreen" });
      }
      await tx.acceptAgreement(runId, slideIndex, agreementKey(salt, device, slideIndex));
      return ok({ agreed: true as const });
    });
  }

  /**
   * Checks a participant's answer against the run and prompt and computes its
   * response key. Nothing is written: the caller queues the write for a group commit.
   */
  async prepareResponse(
    runId: string,
    device: string,
    promptId: string,
    answer: Answer,
    /** When the phone's connection was made (Date.now() ms); later than the prompt's opening, the answer is late. */
    joinedAt?: number,
  ): Promise<Result<{ write: ResponseWrite; answer: Answer }>> {
    let run = this.shared.answerable.get(runId);
    if (!run) {
      const loaded = await this.shared.loadLiveRun(this.shared.storage.queries, runId);
      if (!loaded.ok) return loaded;
      const salt = loaded.data.row.responseKeySalt;
      if (!salt) return fail("run-ended", { reason: "ended" });
      run = { plan: loaded.data.plan, salt: Buffer.from(salt, "base64") };
      this.shared.answerable.set(runId, run);
    }
    const { plan, salt } = run;
    const prompt = findPrompt(plan, promptId);
    if (!prompt) return fail("not-found", { reason: "notInSession" });
    const stored = toStoredAnswer(prompt, answer, plan.language);
    if (!stored.ok) return fail("invalid-answer", stored.refusal);
    const openedAt = joinedAt === undefined ? undefined : await this.shared.marks.openedAt(runId, promptId);
    const late = openedAt !== undefined && joinedAt !== undefined && joinedAt > openedAt;
    return ok({
      write: { runId, promptId, responseKey: responseKey(salt, device, promptId), answer: stored.stored, ...(late ? { late } : {}) },
      answer: fromStoredAnswer(prompt, stored.stored),
    });
  }

  /**
   * Commits a group of prepared responses in one transaction. Each is checked
   * again inside it: the run is live, and the prompt is the one on screen and
   * open, so an answer never lands after its prompt closed or moved off screen.
   * Nothing is released here: releases come on the server's own clock
   * (releaseDue), so no tap sets off the release it completes.
   *
   * Late answers' keys are marked before the transaction (RunMarks.addLate): whatever reads a stored answer (a
   * release, a close, a tally) after it is committed finds its mark. Those of late answers refused, with no row
   * stored under their key, are unmarked after it; if the transaction fails, they stay marked (late at worst).
   */
  async commitResponses(writes: ResponseWrite[]): Promise<Array<Result<null>>> {
    const { marks } = this.shared;
    for (const group of byPrompt(writes.filter((write) => write.late))) await marks.addLate(group.runId, group.promptId, group.keys);
    const refusedLate: ResponseWrite[] = [];
    const results = await this.shared.storage.transaction(async (tx) => {
      // Per run in this batch: the prompt on screen (null: none) and k, or undefined when the run isn't live.
      const onScreen = new Map<string, { promptId: string | null; paused: boolean; open: boolean } | undefined>();
      const results: Array<Result<null>> = [];
      for (const write of writes) {
        if (!onScreen.has(write.runId)) {
          // The run's row is read here, in the transaction, locked so that no command changes it until this group is
          // committed; its plan can't change while it is live (prepareResponse keeps it for live runs).
          await tx.lockRun(write.runId, "answer");
          const status = await tx.getRunById(write.runId);
          const plan = status && (this.shared.answerable.get(write.runId)?.plan ?? (await this.shared.withPlan(tx, status))?.plan);
          const promptId = plan && status ? (plan.slides[status.currentSlide]?.prompt?.id ?? null) : null;
          // The phase is read once per run and batch: every answer in the batch is checked against it.
          const phase = promptId ? await tx.getPromptPhase(write.runId, promptId) : undefined;
          // A live run without its key lost it in a PostgreSQL crash (decision 050): it takes no more answers, even
          // here where the key is still held in memory, as "I'm in" and votes (which read the key) take none.
          const answerable = status?.state === "live" && status.responseKeySalt !== null && plan;
          if (!answerable) this.shared.answerable.delete(write.runId);
          onScreen.set(write.runId, answerable ? { promptId, paused: status.paused, open: phase?.phase === "open" } : undefined);
        }
        results.push(await this.commitOne(tx, write, onScreen.get(write.runId), refusedLate));
      }
      return results;
    });
    for (const group of byPrompt(refusedLate)) await marks.dropLate(group.runId, group.promptId, group.keys);
    return results;
  }

  /**
   * One answer of a group commit, checked against what is on screen in its run (undefined: the run isn't live). A
   * late one refused with no row under its key goes into `refusedLate`, to be unmarked: only stored answers are late.
   */
  private async commitOne(
    tx: Queries,
    write: ResponseWrite,
    current: { promptId: string | null; paused: boolean; open: boolean } | undefined,
    refusedLate: ResponseWrite[],
  ): Promise<Result<null>> {
    // The run's marks are forgotten at its end: nothing to unmark.
    if (current === undefined) return fail("run-ended", { reason: "ended" });
    const refusal =
      // During a break nothing is on screen to answer; the phone keeps the answer and sends it again afterwards.
      current.paused
        ? fail("paused", { reason: "paused" })
        : current.promptId !== write.promptId || !current.open
          ? fail("prompt-not-open", { reason: "notOpen" })
          : undefined;
    if (refusal) {
      const stored = await tx.getResponse(write.runId, write.promptId, write.responseKey);
      if (write.late && stored === undefined) refusedLate.push(write);
      // A resend of an answer already stored (its acknowledgement was lost) is acknowledged again, and
      // changes nothing: the phone must not tell its person that a counted answer wasn't counted.
      return isSame(stored, write) ? ok(null) : refusal;
    }
    await tx.upsertResponse(write);
    return ok(null);
  }

  /**
   * Releases what is due of the prompt on screen, when its screens see released answers (revealed while open).
   * The hub calls this on its release clock, never as part of an answer. True when anything was released.
   */
  releaseDue(runId: string): Promise<boolean> {
    return this.shared.storage.transaction(async (tx) => {
      await tx.lockRun(runId, "change");
      const run = await this.shared.loadRun(tx, runId);
      if (!run || run.row.state !== "live") return false;
      // Votes on questions don't go by this clock: see releaseVotesDue.
      const promptId = run.plan.slides[run.row.currentSlide]?.prompt?.id;
      if (!promptId) return false;
      const phase = await tx.getPromptPhase(runId, promptId);
      if (phase?.phase !== "open" || !phase.released) return false;
      // Read under the run's lock: every answer committed before it has its mark by now (commitResponses). Read
      // now or not at all (Redis away): a release by an older read could count a late answer towards k.
      const late = await this.shared.marks.lateKeys(runId, promptId, { fresh: true }).catch((error: unknown) => {
        if (error instanceof MarksUnavailableError) return undefined;
        throw error;
      });
      if (!late) return false;
      if ((await releaseWhatIsDue(tx, runId, promptId, run.row.k, late)) === 0) return false;
      await tx.bumpPublishSeq(runId);
      return true;
    });
  }

  /**
   * A prompt opens: phones connected from then on are late for it, for the rest of the run. A reopening changes
   * nothing: answers that were late stay late, and a phone that joined while it was first open stays late, so a
   * reopening can't turn fakes into the rest of a batch.
   */
  noteOpening(runId: string, promptId: string): Promise<void> {
    return this.shared.marks.noteOpening(runId, promptId);
  }

  /**
   * An open prompt's responses as the console counts them: those from phones that were here when it opened (late
   * ones could be someone's fakes, added to pin the count just below a step), rounded down to a multiple of k.
   * `late`: the prompt's late keys, as read for the moment (Reads.lateKeysOf).
   */
  async onTimeSteps(q: Queries, run: LoadedRun, promptId: string, responses: number, late: readonly string[]): Promise<number> {
    const lateResponses = (await q.countResponsesAmong(run.row.id, promptId, late)).responses;
    return Math.floor((responses - lateResponses) / run.row.k) * run.row.k;
  }

  /** Answers (passes aside) stored for the prompt from phones that were here when it opened. */
  async onTimeAnswers(q: Queries, runId: string, promptId: string): Promise<number> {
    const all = await q.countResponses(runId, promptId);
    return answersOf(all) - answersOf(await q.countResponsesAmong(runId, promptId, await this.lateKeys(runId, promptId)));
  }

  lateKeys(runId: string, promptId: string): Promise<readonly string[]> {
    return this.shared.marks.lateKeys(runId, promptId);
  }
}

/** The key an "I'm in" is stored under: like a response key, in a namespace no prompt id can take. */
export function agreementKey(salt: string, device: string, slideIndex: number): string {
  return responseKey(salt, device, `agreement:${slideIndex}`);
}

/** Whether `stored` (what the database holds under the write's key) is this exact answer. */
function isSame(stored: Awaited<ReturnType<Queries["getResponse"]>>, write: ResponseWrite): boolean {
  return stored !== undefined && stored.passed === write.answer.passed && JSON.stringify(stored.values) === JSON.stringify(write.answer.values);
}

/** Writes' response keys grouped by run and prompt. */
function byPrompt(writes: readonly ResponseWrite[]): Array<{ runId: string; promptId: string; keys: string[] }> {
  const groups = new Map<string, { runId: string; promptId: string; keys: string[] }>();
  for (const { runId, promptId, responseKey } of writes) {
    const at = `${runId}\n${promptId}`;
    let group = groups.get(at);
    if (!group) groups.set(at, (group = { runId, promptId, keys: [] }));
    group.keys.push(responseKey);
  }
  return [...groups.values()];
}

/**
 * Releases what may safely reach screens. Before any tally has been shown
 * (fewer than k answers released), everything goes once k answers are in:
 * the first tally anyone sees singles nobody out. After that, answers added
 * to the bars go once at least k of them wait (passes ride along), and
 * changed or withdrawn answers go once at least k of them wait: released
 * together, a bar that drops or moves can't be traced to fewer than k people.
 * Answers in `late` (sent over connections made after the prompt opened) ride
 * along but never count towards those k, the first tally's included. Returns how many were released.
 */
export async function releaseWhatIsDue(tx: Queries, runId: string, promptId: string, k: number, late: readonly string[]): Promise<number> {
  if (answersOf(await tx.countResponses(runId, promptId, "released")) < k) {
    const onTime = answersOf(await tx.countResponses(runId, promptId)) - answersOf(await tx.countResponsesAmong(runId, promptId, late));
    return onTime >= k ? tx.releaseAnswers(runId, promptId, "all") : 0;
  }
  const waiting = await tx.countUnreleased(runId, promptId);
  const lateWaiting = late.length > 0 ? await tx.countUnreleased(runId, promptId, late) : { addedAnswers: 0, changed: 0 };
  let released = 0;
  if (waiting.addedAnswers - lateWaiting.addedAnswers >= k) released += await tx.releaseAnswers(runId, promptId, "added");
  if (waiting.changed - lateWaiting.changed >= k) released += await tx.releaseAnswers(runId, promptId, "changed");
  return released;
}

/**
 * Group commit for answers: everything that arrives in one turn of the event
 * loop, up to MAX_GROUP answers, is committed in one transaction, then each
 * answer is acknowledged. With synchronous=FULL, one fsync then covers many.
 *
 * A group is one turn, not a window of a few milliseconds: measured with
 * `npm run bench` (docs/performance.md), a 2 ms window cut the server's CPU
 * per answer by about a quarter at 2,000 answers a second but doubled or
 * tripled the acknowledgement p50 and p99.
 *
 * The cap matters when answers arrive faster than the server handles them:
 * Node then keeps reading sockets for up to 48 × 1,024 events before its
 * next turn, so a burst of 10,000 answers became one group acknowledged only
 * after the last was read (ack p50 1.5 s against the bare baseline's 0.17 s),
 * and every waiting answer outlived several garbage collections. With the
 * cap, a group commits as soon as it is full and acknowledgements flow
 * during the burst; a commit costs about 0.2 ms, so 40 of them are cheap.
 */
export const MAX_GROUP = 256;

export class ResponseWriter {
  private queue: Array<{
    write: ResponseWrite;
    resolve: (result: Result<null>) => void;
  }> = [];
  private scheduled = false;

  /** `commit` stores a group in one transaction (commitResponses); storage takes one transaction at a time. */
  constructor(
    private readonly commit: (writes: ResponseWrite[]) => Promise<Array<Result<null>>>,
    private readonly onError: (error: unknown) => void,
  ) {}

  submit(write: ResponseWrite): Promise<Result<null>> {
    return new Promise((resolve) => {
      this.queue.push({ write, resolve });
      if (this.queue.length >= MAX_GROUP) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.flush();
        });
      }
    });
  }

  /** Commits whatever is queued now; settles when each of its answers has its result, and never rejects. */
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: Array<Result<null>>;
    let failure: { error: unknown } | undefined;
    try {
      results = await this.commit(batch.map((item) => item.write));
    } catch (error) {
      failure = { error };
      results = batch.map(() => fail("server-error", { reason: "notSaved" }));
    }
    // Every answer gets its result before the failure is reported, so a report that throws loses none of them.
    batch.forEach((item, i) => item.resolve(results[i]!));
    if (!failure) return;
    try {
      this.onError(failure.error);
    } catch {
      // The report itself failed: there is nowhere left to tell, and every answer has its result.
    }
  }
}
