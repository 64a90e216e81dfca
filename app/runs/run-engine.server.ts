import { createHash, randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

import type { PlanLibrary } from "~/library/plan-library.server";
import { findPrompt, findPromptSlide, promptsOf, type Plan, type Prompt } from "~/content/plan-schema";
import { logicOf } from "~/prompts/registry";
import { acceptAgreement, countAcceptances, hasAccepted, rewriteAcceptancesInKeyOrder } from "~/models/agreement.server";
import { truncateLog, writeMark, type Db } from "~/models/db.server";
import { deleteQuestionText, deleteUnapprovedQuestionText, listQuestions, rewriteQuestionsInKeyOrder, stopAnswering } from "~/models/question.server";
import {
  deleteOrphanDecisions,
  deleteRunDecisions,
  deleteUnapprovedDecisions,
  getDecisions,
  rewriteDecisionsInKeyOrder,
  setDecision,
} from "~/models/moderation.server";
import {
  clearReleasedAnswers,
  countResponses,
  countResponsesAmong,
  countUnreleased,
  countValues,
  deleteRunText,
  deleteUnapprovedText,
  deleteUnshownWords,
  deleteWithdrawnText,
  getResponse,
  releaseAnswers,
  rewriteResponsesInKeyOrder,
  upsertResponse,
  type AnswerView,
  type ResponseWrite,
} from "~/models/response.server";
import {
  clearSpotlights,
  closeOpenPrompts,
  getPlanSnapshot,
  getPromptPhase,
  getPromptPhases,
  getRunByCode,
  getRunById,
  getRunBySecretHash,
  insertRun,
  isCodeTaken,
  liveRunsStartedBefore,
  markRunEnded,
  markTextPurged,
  raisePeakParticipants,
  runsWithTextEndedBefore,
  savePlanSnapshot,
  savePromptPhase,
  setCurrentSlide,
  setPresentation,
  type Presentation,
  setReleased,
  setSpotlight,
  type RunRow,
} from "~/models/run.server";
import type {
  Answer,
  AudienceLive,
  AudienceView,
  Comparison,
  FacilitatorTally,
  FacilitatorView,
  Moderation,
  ModerationAction,
  ParticipantSnapshot,
  PromptAction,
  PromptStatus,
  QuestionAction,
  QuestionState,
  Result,
  Results,
  RunInfo,
  SignalCounts,
  Spotlight,
  Timing,
} from "~/realtime/events";

import { fromStoredAnswer, toStoredAnswer } from "./answers";
import { hashSecret, newFacilitatorSecret, newJoinCode, newResponseKeySalt, responseKey, secretMatches } from "./secrets.server";
import { MAX_K, MIN_K, wordsNeedApproval } from "./rules";
import { fail, ok } from "./result";
import { audienceQuestions, NO_QUESTIONS, QuestionBox } from "./question-box.server";
import { answersOf, buildTally, moderateTally, resultsFor, type StoredCounts } from "./tally";

/** A run together with the exact plan it records. */
export interface LoadedRun {
  row: RunRow;
  plan: Plan;
}

/** Who is connected to a run right now, as the console is told it: phones, and the room's displays. */
export type Presence = Pick<FacilitatorTally, "connected" | "displays">;

/** Before the realtime connection says otherwise (a console page as first drawn). */
export const NOBODY_CONNECTED: Presence = { connected: 0, displays: 0 };

/**
 * The one authority for runs: every change to a run goes through here, from
 * Remix actions and socket handlers alike. Each change validates, writes in
 * one transaction and returns; callers broadcast only what was committed.
 */
export class RunEngine {
  private readonly now: () => Date;
  private readonly onProblem: (message: string) => void;
  /** The most phones connected at once per live run since the server started; see recordParticipants. */
  private readonly peaks = new Map<string, number>();
  /**
   * What an answer needs of a live run that can't change while it is live: its plan and the key behind its
   * response keys. Kept so that an answer reads nothing before its group commit, which checks again, in its
   * transaction, that the run is live and the prompt open. Forgotten when the run ends here.
   */
  private readonly answerable = new Map<string, { plan: Plan; salt: Buffer }>();
  /**
   * Per prompt opened in this process (`runId\npromptId`): when it last opened, and the response keys of answers
   * sent over connections made after it opened (any time it was open), kept until the run ends. Such answers ride along with a batch but never complete one (releaseWhatIsDue), so someone who
   * opens fresh connections after the results are up can't be the rest of a batch around one person's answer.
   * Memory only: after a restart every phone counts again.
   */
  private readonly openings = new Map<string, { openedAt: number; late: Set<string> }>();
  /** While sharedReads runs: each read's result by what it read, so the views of one broadcast query each thing once. */
  private reads: Map<string, unknown> | undefined;
  /**
   * The screens' view per run, for phones' snapshots: kept for the rest of this turn of the event loop, and only
   * while nothing is written and the clock shows the same millisecond (`mark`), so it is what a fresh build would
   * be: a room's phones reconnecting at once (after a restart, say) each get a snapshot. Their answers to `run:sync`
   * share one view per slice instead, through sharedReads (decision 046).
   */
  private turnViews: { mark: string; views: Map<string, AudienceView> } | undefined;
  /** The next try at emptying the write-ahead log, while another connection keeps it from being emptied (see forgetLog). */
  private logRetry: { timer: NodeJS.Timeout; reported: boolean } | undefined;
  private readonly onNotice: (message: string) => void;
  /** The question box's own logic (questions, votes, the console's queue); reached only through this engine. */
  private readonly questions: QuestionBox;

  constructor(
    private readonly db: Db,
    private readonly plans: PlanLibrary,
    private readonly options: {
      /** The privacy threshold when a run is started without one: the organisation's setting. */
      defaultK: () => number;
      now?: () => Date;
      onProblem?: (message: string) => void;
      /** Told when something reported to onProblem has come right. */
      onNotice?: (message: string) => void;
      /** The first wait before emptying the write-ahead log is tried again, and the longest (it doubles between tries). */
      logRetryMs?: { first: number; max: number };
    },
  ) {
    this.now = options.now ?? (() => new Date());
    this.onProblem = options.onProblem ?? (() => {});
    this.onNotice = options.onNotice ?? (() => {});
    this.questions = new QuestionBox(db);
  }

  /** Stops trying to empty the write-ahead log (the server is closing; SQLite empties it when the last connection closes). */
  close(): void {
    clearTimeout(this.logRetry?.timer);
    this.logRetry = undefined;
  }

  /**
   * Starts a run of a plan's newest valid version, recording exactly which
   * version and who started it. The facilitator secret is returned once and
   * only its hash is kept.
   */
  startRun(planId: string, requestedK?: number, startedBy: string | null = null): Result<{ code: string; facilitatorSecret: string }> {
    const entry = this.plans.get(planId);
    if (!entry) return fail("not-found", { reason: "start.notStartable" });
    const k = requestedK ?? this.options.defaultK();
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      return fail("invalid-payload", { reason: "start.k", params: { min: MIN_K, max: MAX_K } });
    }
    const facilitatorSecret = newFacilitatorSecret();
    const now = this.now();
    const row = this.db.transaction((tx) => {
      savePlanSnapshot(tx, { hash: entry.hash, planId, source: entry.source }, now);
      let code = newJoinCode();
      while (isCodeTaken(tx, code)) code = newJoinCode();
      return insertRun(tx, {
        id: randomUUID(),
        code,
        planId,
        planHash: entry.hash,
        planVersion: entry.version,
        startedBy,
        facilitatorSecretHash: hashSecret(facilitatorSecret),
        responseKeySalt: newResponseKeySalt(),
        k,
        startedAt: now,
      });
    });
    return ok({ code: row.code, facilitatorSecret });
  }

  /**
   * Keeps the most phones connected at once to a run: its size in history.
   * Held in memory and written with the facilitator's next change (a slide,
   * a prompt, a pause, the end), which commits anyway: a burst of joins
   * writes nothing, and a join never makes a write of its own.
   */
  recordParticipants(runId: string, connected: number): void {
    if (connected <= (this.peaks.get(runId) ?? 0)) return;
    this.peaks.set(runId, connected);
  }

  /**
   * Builds several views of the same moment (the console's tally and the screens' update, say) with each query
   * made once: a revealed prompt's tally counts every answer, and the hub sends one ten times a second.
   * `build` must only read.
   */
  sharedReads<T>(build: () => T): T {
    if (this.reads) return build();
    this.reads = new Map();
    try {
      return build();
    } finally {
      this.reads = undefined;
    }
  }

  /** A read, shared with the rest of the current sharedReads call (if any). */
  private read<T>(key: string, query: () => T): T {
    if (!this.reads) return query();
    if (!this.reads.has(key)) this.reads.set(key, query());
    return this.reads.get(key) as T;
  }

  private phaseOf(runId: string, promptId: string) {
    return this.read(`phase\n${runId}\n${promptId}`, () => getPromptPhase(this.db, runId, promptId));
  }

  private countsOf(runId: string, promptId: string, view: AnswerView) {
    return this.read(`counts\n${runId}\n${promptId}\n${view}`, () => countResponses(this.db, runId, promptId, view));
  }

  /** The run with its plan; read once per sharedReads. */
  loadRun(runId: string): LoadedRun | undefined {
    return this.read(`run\n${runId}`, () => this.withPlan(getRunById(this.db, runId)));
  }

  loadRunByCode(code: string): LoadedRun | undefined {
    return this.withPlan(getRunByCode(this.db, code));
  }

  /** The run a facilitator link opens, if the secret is right. */
  loadRunBySecret(secret: string): LoadedRun | undefined {
    return this.withPlan(getRunBySecretHash(this.db, hashSecret(secret)));
  }

  /** True when `secret` is the facilitator secret of this run. */
  isFacilitator(run: RunRow, secret: string | undefined): boolean {
    return secret !== undefined && secretMatches(secret, run.facilitatorSecretHash);
  }

  goToSlide(runId: string, index: number): Result<{ index: number }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!Number.isInteger(index) || index < 0 || index >= run.data.plan.slides.length) {
      return fail("not-found", { reason: "noSuchSlide", params: { number: index + 1 } });
    }
    const from = run.data.row.currentSlide;
    const leavesAgreement = from !== index && run.data.plan.slides[from]?.kind === "agreement";
    // Moving on also reopens a box the console closed on the slide left (below).
    const closesBox = boxCloses(run.data, from !== index ? { currentSlide: index, questionsClosedHere: false } : { currentSlide: index });
    this.db.transaction((tx) => {
      setCurrentSlide(tx, runId, index, this.now());
      if (from !== index) {
        // A box closed on a slide opens again on the next one that opens it; a question being answered was for the
        // slide it was answered on: back among the approved ones, so the display shows the new slide whole.
        setPresentation(tx, runId, { questionsClosedHere: false });
        stopAnswering(tx, runId);
      }
      this.savePeak(tx, runId);
      // No more "I'm in" can arrive there: the order they came in goes from the file.
      if (leavesAgreement) rewriteAcceptancesInKeyOrder(tx, runId, from);
      // No more questions or votes can arrive: the order they came in goes too.
      if (closesBox) rewriteQuestionsInKeyOrder(tx, runId);
    });
    if (leavesAgreement || closesBox) this.forgetLog();
    return ok({ index });
  }

  /** Puts every display and phone on the break screen, or brings them back. */
  setPaused(runId: string, paused: boolean): Result<{ paused: boolean }> {
    return this.present(runId, { paused }, { paused });
  }

  /** Blanks the audience display (the room looks at the facilitator, not the screen), or shows it again. Phones carry on. */
  setBlanked(runId: string, blanked: boolean): Result<{ blanked: boolean }> {
    return this.present(runId, { blanked }, { blanked });
  }

  /** Starts a countdown of `seconds` on the display for the current slide's exercise, or stops it (null). */
  setCountdown(runId: string, seconds: number | null): Result<{ seconds: number | null }> {
    const endsAt = seconds === null ? null : new Date(this.now().getTime() + seconds * 1000);
    return this.present(runId, { countdownEndsAt: endsAt, countdownSeconds: seconds }, { seconds });
  }

  /**
   * The console's switches for the question box. Without `slide`: keeps it open all session long, or leaves it to
   * the slides (`questions: open`). With `slide`: closes it now, even on a slide that opens it (and ends "all
   * session"), until the console opens it again or the next slide; or opens again a slide's box closed so.
   */
  setQuestionsOpen(runId: string, open: boolean, slide = false): Result<{ open: boolean }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    if (slide && open && !slideOpensBox(run.data)) return fail("invalid-payload", { reason: "questions.slideHasNoBox" });
    const change = !slide
      ? { questionsOpen: open, questionsClosedHere: false }
      : open
        ? { questionsClosedHere: false }
        : { questionsOpen: false, questionsClosedHere: true };
    // Closing the box: no more questions or votes can arrive, so the order they came in goes from the file.
    const closesBox = boxCloses(run.data, change);
    const set = this.present(runId, change, { open }, closesBox ? (tx) => rewriteQuestionsInKeyOrder(tx, runId) : undefined);
    if (set.ok && closesBox) this.forgetLog();
    return set;
  }

  /** A phone's question for the facilitator, while the box is open: stored as waiting, with nothing of who sent it. */
  sendQuestion(runId: string, text: string): Result<{ id: string; text: string }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.questions.send(this.boxRun(run.data), text);
  }

  /** The oldest question on its way reaches the console (the hub calls this after the signals' random delay). */
  questionArrived(runId: string): void {
    this.questions.arrived(runId);
  }

  /**
   * A phone's upvote of an approved question, once per phone and question. `joinedAt`: when its connection was made
   * (performance.now()); votes over connections made after the question was approved don't count towards k.
   */
  voteQuestion(runId: string, device: string, questionId: string, joinedAt?: number): Result<{ questionId: string; voted: true }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.questions.vote(this.boxRun(run.data), device, questionId, joinedAt);
  }

  /**
   * Releases the votes due on the run's questions (QuestionBox.releaseDue), writing its questions and votes back in
   * key order when any moved. The hub calls this after a vote, after a random delay, never on the answers' clock.
   * True when any count moved.
   */
  releaseVotesDue(runId: string): boolean {
    const run = this.loadRun(runId);
    if (!run || run.row.state !== "live") return false;
    const moved = this.questions.releaseDue(runId, run.row.k) > 0;
    if (moved) this.forgetLog();
    return moved;
  }

  /** The console's decision on a question: approve, hide, back to waiting, answering now, answered. */
  setQuestion(runId: string, questionId: string, action: QuestionAction): Result<{ questionId: string; state: QuestionState }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.questions.set(runId, questionId, action);
  }

  /** The console hides every question waiting that it has been shown, at once (a flood is one action away). */
  hideWaitingQuestions(runId: string): Result<{ hidden: number }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.questions.hideWaiting(runId);
  }

  private boxRun(run: LoadedRun) {
    return { runId: run.row.id, salt: run.row.responseKeySalt, paused: run.row.paused, open: boxOpen(run) };
  }

  private present<T>(runId: string, change: Presentation, acknowledged: T, also?: (tx: Db) => void): Result<T> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    this.db.transaction((tx) => {
      setPresentation(tx, runId, change);
      this.savePeak(tx, runId);
      also?.(tx);
    });
    return ok(acknowledged);
  }

  /**
   * Opens, closes, reveals or hides a prompt. A prompt can be revealed while
   * it is open: from then on every screen gets its answers as released, in
   * batches of at least k (see commitResponses). Closing shows every answer,
   * unless screens saw a release and fewer than k answers came after it:
   * those are held back, so nobody's late answer can be told apart. A
   * close also writes the prompt's rows back in key order (forgetArrivalOrder).
   */
  changePrompt(runId: string, promptId: string, action: PromptAction): Result<PromptStatus> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!findPrompt(run.data.plan, promptId)) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
    const changed = this.db.transaction((tx) => {
      this.savePeak(tx, runId);
      const current = stateOf(getPromptPhase(tx, runId, promptId));
      const next: PromptStatus = {
        open: { phase: "open" as const, revealed: current.revealed },
        close: { phase: current.phase === "open" ? ("closed" as const) : current.phase, revealed: current.revealed },
        reveal: { phase: current.phase, revealed: true },
        hide: { phase: current.phase, revealed: false },
      }[action];
      savePromptPhase(tx, { runId, promptId, ...next });
      // Revealed while open, or reopened after screens saw its answers: from now on they see what is
      // released, starting with everything stored now, so a late answer can't show as a difference.
      if (next.phase === "open" && !current.released && (next.revealed || current.phase === "closed")) {
        // Only once k of them came from phones that were here when it opened; until then the release clock waits.
        if (this.onTimeAnswers(tx, runId, promptId) >= run.data.row.k) releaseAnswers(tx, runId, promptId);
        setReleased(tx, runId, promptId, true);
      }
      if (current.phase === "open" && next.phase === "closed") {
        this.settleOnClose(tx, runId, promptId, run.data.row.k);
        forgetArrivalOrder(tx, runId, promptId);
      }
      if (action === "open" && current.phase !== "open") this.noteOpening(runId, promptId);
      // Hiding results also stops reading entries aloud.
      if (action === "hide") setSpotlight(tx, runId, promptId, null);
      return ok(statusOf(getPromptPhase(tx, runId, promptId)));
    });
    if (changed.ok && action === "close") this.forgetLog();
    return changed;
  }

  /**
   * Ends a run. First each open prompt closes as `prompt:close` closes it (its release settled, its rows written
   * back in key order), each in a transaction and an event-loop turn of its own: a prompt with 10,000 answers takes
   * about 30 ms to close, and the whole run's rewrite in one transaction held the server for longer than any command
   * may (decision 047). Then, in one transaction: a prompt opened meanwhile closes, free text that was never approved
   * and words the facilitator hid (or, on a sensitive slide, never approved) are deleted (their responses stay, so
   * counts stay), decisions about text no answer holds any more are forgotten, the "read aloud" entries are cleared,
   * the key behind the response keys is destroyed, and what may still be in arrival order is written back in key
   * order (forgetArrivalOrderAtEnd).
   */
  async endRun(runId: string): Promise<Result<{ state: "ended" }>> {
    const live = this.loadLiveRun(runId);
    if (!live.ok) return live;
    for (const prompt of promptsOf(live.data.plan)) {
      if (getPromptPhase(this.db, runId, prompt.id)?.phase !== "open") continue;
      await nextTurn();
      // Refused only if the run ended meanwhile (another console), and then so is the end below.
      this.changePrompt(runId, prompt.id, "close");
    }
    await nextTurn();
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    this.db.transaction((tx) => {
      const closedHere: string[] = [];
      for (const prompt of promptsOf(run.data.plan)) {
        const phase = getPromptPhase(tx, runId, prompt.id);
        if (phase?.phase === "open") {
          savePromptPhase(tx, { runId, promptId: prompt.id, phase: "closed", revealed: phase.revealed });
          this.settleOnClose(tx, runId, prompt.id, run.data.row.k);
          closedHere.push(prompt.id);
        }
        const ownWords = logicOf(prompt.type).text;
        if (ownWords?.kind === "entries") deleteUnapprovedText(tx, runId, prompt.id);
        if (ownWords?.kind === "words") deleteUnshownWords(tx, runId, prompt.id, this.wordsWaitForApproval(run.data.plan, prompt));
        if (ownWords) {
          deleteWithdrawnText(tx, runId, prompt.id);
          deleteUnapprovedDecisions(tx, runId, prompt.id);
          deleteOrphanDecisions(tx, runId, prompt.id);
        }
      }
      clearSpotlights(tx, runId);
      deleteUnapprovedQuestionText(tx, runId);
      this.savePeak(tx, runId);
      markRunEnded(tx, runId, this.now());
      forgetArrivalOrderAtEnd(tx, run.data, closedHere);
    });
    this.peaks.delete(runId);
    this.answerable.delete(runId);
    this.forgetOpenings(runId);
    this.questions.forget(runId);
    this.forgetLog();
    return ok({ state: "ended" });
  }

  /**
   * The retention purge. Ended runs older than the retention period lose their
   * free text and word-cloud words; every response and count stays. A run
   * still live after that long (and at least MIN_ABANDONED_DAYS) was
   * abandoned: it is ended and purged at once.
   */
  purgeExpiredText(retentionDays: number): { ended: string[]; purged: number } {
    const now = this.now().getTime();
    const cutoff = new Date(now - retentionDays * DAY_MS);
    const abandonedBefore = new Date(now - Math.max(retentionDays, MIN_ABANDONED_DAYS) * DAY_MS);
    const abandoned = liveRunsStartedBefore(this.db, abandonedBefore);
    // Ended and purged in one step, without its plan: all of its text goes, so nothing depends on the plan still parsing.
    for (const row of abandoned) {
      this.db.transaction((tx) => {
        this.savePeak(tx, row.id);
        endWithoutPlan(tx, row.id, this.now());
      });
      this.peaks.delete(row.id);
      this.answerable.delete(row.id);
      this.forgetOpenings(row.id);
      this.questions.forget(row.id);
    }
    const expired = runsWithTextEndedBefore(this.db, cutoff);
    for (const row of expired) this.db.transaction((tx) => purgeRunText(tx, row.id, this.now()));
    if (abandoned.length + expired.length > 0) this.forgetLog();
    return { ended: abandoned.map((row) => row.id), purged: abandoned.length + expired.length };
  }

  /**
   * A moderation decision on a free-text entry (approve, hide, back to pending) or a word (hide, show; on a
   * sensitive slide, where words wait for approval, like free text).
   */
  moderate(runId: string, promptId: string, text: string, action: ModerationAction): Result<{ text: string; moderation: Moderation }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    const prompt = findPrompt(run.data.plan, promptId);
    if (!prompt) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
    const ownWords = logicOf(prompt.type).text;
    if (!ownWords) return fail("invalid-payload", { reason: "notModerated" });
    if (ownWords.kind === "words" && action === "approve" && !this.wordsWaitForApproval(run.data.plan, prompt)) {
      return fail("invalid-payload", { reason: "wordsShownUnlessHidden" });
    }
    // Only what the console has been shown: anything else could be probed for, under k or before its release.
    if (!shownValues(this.results(run.data, prompt, "facilitator", stateOf(getPromptPhase(this.db, runId, promptId)))).has(text)) {
      return fail("not-found", { reason: "noSuchText" });
    }
    const decision = action === "approve" ? "approved" : action === "hide" ? "hidden" : null;
    this.db.transaction((tx) => {
      setDecision(tx, runId, promptId, text, decision);
      if (decision !== "approved" && getPromptPhase(tx, runId, promptId)?.spotlight === text) setSpotlight(tx, runId, promptId, null);
    });
    return ok({ text, moderation: decision ?? "pending" });
  }

  /**
   * Shows one approved entry of the current open-text prompt on its own
   * ("read aloud"), or stops. Choosing an entry reveals the prompt: it is
   * the facilitator showing the room an answer.
   */
  setSpotlight(runId: string, promptId: string, text: string | null): Result<{ text: string | null }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    const prompt = run.data.plan.slides[run.data.row.currentSlide]?.prompt;
    if (!prompt || prompt.id !== promptId || logicOf(prompt.type).text?.kind !== "entries") {
      return fail("invalid-payload", { reason: "readAloudOnScreen" });
    }
    const status = getPromptPhase(this.db, runId, promptId);
    if (!status) return fail("invalid-payload", { reason: "notOpenedYet" });
    if (text !== null && getDecisions(this.db, runId, promptId).get(text) !== "approved") {
      return fail("invalid-payload", { reason: "readAloudApproved" });
    }
    this.db.transaction((tx) => {
      if (text !== null) savePromptPhase(tx, { runId, promptId, phase: status.phase, revealed: true });
      setSpotlight(tx, runId, promptId, text);
    });
    return ok({ text });
  }

  /** "I'm in" from a phone, on the agreement slide on screen. Saying it twice counts once. */
  acceptAgreement(runId: string, device: string, slideIndex: number): Result<{ agreed: true }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    const salt = run.data.row.responseKeySalt;
    const slide = run.data.plan.slides[slideIndex];
    if (run.data.row.paused) return fail("paused", { reason: "paused" });
    if (!salt || run.data.row.currentSlide !== slideIndex || slide?.kind !== "agreement") {
      return fail("prompt-not-open", { reason: "agreementNotOnScreen" });
    }
    acceptAgreement(this.db, runId, slideIndex, agreementKey(salt, device, slideIndex));
    return ok({ agreed: true });
  }

  /**
   * Checks a participant's answer against the run and prompt and computes its
   * response key. Nothing is written: the caller queues the write for a group commit.
   */
  prepareResponse(
    runId: string,
    device: string,
    promptId: string,
    answer: Answer,
    /** When the phone's connection was made (performance.now()); see `openings`. */
    joinedAt?: number,
  ): Result<{ write: ResponseWrite; answer: Answer }> {
    let run = this.answerable.get(runId);
    if (!run) {
      const loaded = this.loadLiveRun(runId);
      if (!loaded.ok) return loaded;
      const salt = loaded.data.row.responseKeySalt;
      if (!salt) return fail("run-ended", { reason: "ended" });
      run = { plan: loaded.data.plan, salt: Buffer.from(salt, "base64") };
      this.answerable.set(runId, run);
    }
    const { plan, salt } = run;
    const prompt = findPrompt(plan, promptId);
    if (!prompt) return fail("not-found", { reason: "notInSession" });
    const stored = toStoredAnswer(prompt, answer, plan.language);
    if (!stored.ok) return fail("invalid-answer", stored.refusal);
    const opening = this.openings.get(openingKey(runId, promptId));
    const late = opening !== undefined && joinedAt !== undefined && joinedAt > opening.openedAt;
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
   */
  commitResponses(writes: ResponseWrite[]): Array<Result<null>> {
    return this.db.transaction((tx) => {
      // Per run in this batch: the prompt on screen (null: none) and k, or undefined when the run isn't live.
      const onScreen = new Map<string, { promptId: string | null; paused: boolean; open: boolean } | undefined>();
      const results = writes.map((write) => {
        if (!onScreen.has(write.runId)) {
          // The run's row is read here, in the transaction; its plan can't change while it is live (prepareResponse
          // keeps it for live runs).
          const status = getRunById(tx, write.runId);
          const plan = status && (this.answerable.get(write.runId)?.plan ?? this.withPlan(status)?.plan);
          const promptId = plan && status ? (plan.slides[status.currentSlide]?.prompt?.id ?? null) : null;
          // The phase is read once per run and batch: every answer in the batch is checked against it.
          const phase = promptId ? getPromptPhase(tx, write.runId, promptId) : undefined;
          onScreen.set(
            write.runId,
            status?.state === "live" && plan
              ? { promptId, paused: status.paused, open: phase?.phase === "open" }
              : undefined,
          );
        }
        const current = onScreen.get(write.runId);
        if (current === undefined) return fail("run-ended", { reason: "ended" });
        const refusal =
          // During a break nothing is on screen to answer; the phone keeps the answer and sends it again afterwards.
          current.paused
            ? fail("paused", { reason: "paused" })
            : current.promptId !== write.promptId || !current.open
              ? fail("prompt-not-open", { reason: "notOpen" })
              : undefined;
        // A resend of an answer already stored (its acknowledgement was lost) is acknowledged again, and
        // changes nothing: the phone must not tell its person that a counted answer wasn't counted.
        if (refusal) return isStored(tx, write) ? ok(null) : refusal;
        upsertResponse(tx, write);
        // Only answers actually stored are marked: the set holds at most one key per phone that answered.
        if (write.late) this.openings.get(openingKey(write.runId, write.promptId))?.late.add(write.responseKey);
        return ok(null);
      });
      return results;
    });
  }

  /**
   * Releases what is due of the prompt on screen, when its screens see released answers (revealed while open).
   * The hub calls this on its release clock, never as part of an answer. True when anything was released.
   */
  releaseDue(runId: string): boolean {
    const run = this.loadRun(runId);
    if (!run || run.row.state !== "live") return false;
    // Votes on questions don't go by this clock: see releaseVotesDue.
    const promptId = run.plan.slides[run.row.currentSlide]?.prompt?.id;
    if (!promptId) return false;
    return this.db.transaction((tx) => {
      const phase = getPromptPhase(tx, runId, promptId);
      if (phase?.phase !== "open" || !phase.released) return false;
      return releaseWhatIsDue(tx, runId, promptId, run.row.k, this.lateKeys(runId, promptId)) > 0;
    });
  }

  /**
   * A prompt opens: phones connected from then on are late for it, for the rest of the run. A reopening changes
   * nothing: answers that were late stay late, and a phone that joined while it was first open stays late, so a
   * reopening can't turn fakes into the rest of a batch.
   */
  private noteOpening(runId: string, promptId: string): void {
    const key = openingKey(runId, promptId);
    if (!this.openings.has(key)) this.openings.set(key, { openedAt: performance.now(), late: new Set() });
  }

  /**
   * An open prompt's responses as the console counts them: those from phones that were here when it opened (late
   * ones could be someone's fakes, added to pin the count just below a step), rounded down to a multiple of k.
   */
  private onTimeSteps(run: LoadedRun, promptId: string, responses: number): number {
    const late = countResponsesAmong(this.db, run.row.id, promptId, this.lateKeys(run.row.id, promptId)).responses;
    return Math.floor((responses - late) / run.row.k) * run.row.k;
  }

  /** Answers (passes aside) stored for the prompt from phones that were here when it opened. */
  private onTimeAnswers(db: Db, runId: string, promptId: string): number {
    return answersOf(countResponses(db, runId, promptId)) - answersOf(countResponsesAmong(db, runId, promptId, this.lateKeys(runId, promptId)));
  }

  private lateKeys(runId: string, promptId: string): readonly string[] {
    return [...(this.openings.get(openingKey(runId, promptId))?.late ?? [])];
  }

  private forgetOpenings(runId: string): void {
    for (const key of this.openings.keys()) if (key.startsWith(`${runId}\n`)) this.openings.delete(key);
  }

  audienceView(run: LoadedRun): AudienceView {
    const slide = run.plan.slides[run.row.currentSlide] ?? run.plan.slides[0]!;
    const status = slide.prompt ? statusOf(this.phaseOf(run.row.id, slide.prompt.id)) : null;
    const { slideIndex: _, ...live } = this.audienceLive(run);
    return {
      run: runInfo(run, this.now()),
      slide: {
        index: slide.index,
        title: slide.title,
        bodyHtml: slide.bodyHtml,
        kind: slide.kind,
        agreements: slide.agreements,
        breathing: slide.breathing,
        sensitive: slide.sensitive,
        prompt: slide.prompt && status ? { ...slide.prompt, ...status } : null,
      },
      ...live,
    };
  }

  /** What public screens see change on the current slide without the facilitator acting. */
  audienceLive(run: LoadedRun): AudienceLive {
    const slide = run.plan.slides[run.row.currentSlide] ?? run.plan.slides[0]!;
    const phase = slide.prompt ? this.phaseOf(run.row.id, slide.prompt.id) : undefined;
    const state = slide.prompt ? stateOf(phase) : null;
    const results = slide.prompt && state ? this.results(run, slide.prompt, "public", state) : null;
    return {
      slideIndex: slide.index,
      results,
      comparison: slide.prompt && state ? this.comparison(run, slide.prompt, "public", state) : null,
      agreement: this.agreement(run),
      spotlight: phase?.spotlight ? spotlightOf(results, phase.spotlight) : null,
      questions: run.row.state === "live" ? audienceQuestions(this.questionRows(run.row.id), boxOpen(run)) : NO_QUESTIONS,
    };
  }

  /** A run's questions that still have their text, read once per sharedReads. */
  private questionRows(runId: string) {
    return this.read(`questions\n${runId}`, () => listQuestions(this.db, runId));
  }

  /**
   * What a display or phone is sent when it opens a run or asks again: the audience view while the run is live;
   * once it has ended, only that it ended, with nothing of its plan, slides or results (decision 023). Screens open
   * at the end were sent the last view then, by the broadcast that ended it.
   */
  openingView(run: LoadedRun): AudienceView {
    if (run.row.state === "live") return this.audienceView(run);
    return {
      run: {
        code: run.row.code,
        planTitle: "",
        language: run.plan.language,
        state: "ended",
        paused: false,
        blanked: false,
        countdown: null,
        k: run.row.k,
        slideCount: 0,
        contentNotes: [],
      },
      slide: { index: 0, title: "", bodyHtml: "", kind: "content", prompt: null },
      results: null,
      comparison: null,
      agreement: null,
      spotlight: null,
      questions: NO_QUESTIONS,
    };
  }

  participantSnapshot(run: LoadedRun, device: string): ParticipantSnapshot {
    const view = this.keptOpeningView(run);
    const slide = run.plan.slides[view.slide.index];
    const prompt = slide?.prompt;
    const salt = run.row.responseKeySalt;
    const stored = prompt && salt ? getResponse(this.db, run.row.id, prompt.id, responseKey(salt, device, prompt.id)) : undefined;
    const agreed =
      slide?.kind === "agreement" && salt !== null ? hasAccepted(this.db, run.row.id, slide.index, agreementKey(salt, device, slide.index)) : false;
    // Over every approved question, not only those on screen: a phone that reconnects while the box is closed still
    // knows its votes when a box opens again.
    const votedQuestions = view.run.state === "live" ? this.questions.votedBy(run.row.id, salt, device, this.questionRows(run.row.id)) : [];
    return { ...view, mine: prompt && stored ? fromStoredAnswer(prompt, stored) : null, agreed, votedQuestions };
  }

  /**
   * openingView, built once per run for as long as nothing changes within this turn of the event loop (turnViews),
   * or once per sharedReads (the answers to a slice of `run:sync`, server/socket/sync-queue.ts).
   */
  private keptOpeningView(run: LoadedRun): AudienceView {
    if (this.reads) return this.read(`opening\n${run.row.id}`, () => this.openingView(run));
    const mark = `${writeMark(this.db)}:${this.now().getTime()}`;
    if (this.turnViews?.mark !== mark) {
      if (!this.turnViews) setImmediate(() => (this.turnViews = undefined));
      this.turnViews = { mark, views: new Map() };
    }
    let view = this.turnViews.views.get(run.row.id);
    if (!view) this.turnViews.views.set(run.row.id, (view = this.openingView(run)));
    return view;
  }

  facilitatorView(run: LoadedRun, presence: Presence, signals: SignalCounts): FacilitatorView {
    const phases = new Map(getPromptPhases(this.db, run.row.id).map((row) => [row.promptId, row]));
    const current = run.plan.slides[run.row.currentSlide];
    const phase = current?.prompt ? phases.get(current.prompt.id) : undefined;
    const tally = this.facilitatorTally(run, presence);
    return {
      ...tally,
      run: runInfo(run, this.now()),
      current: run.row.currentSlide,
      timing: timingOf(run.row, this.now()),
      slides: run.plan.slides.map((slide) => ({
        ...slide,
        status: slide.prompt ? statusOf(phases.get(slide.prompt.id)) : null,
      })),
      // Where the entry sits in what the display shows (the console's own list has every entry).
      spotlight: phase?.spotlight && current?.prompt ? spotlightOf(this.results(run, current.prompt, "public", stateOf(phase)), phase.spotlight) : null,
      signals,
    };
  }

  facilitatorTally(run: LoadedRun, presence: Presence): FacilitatorTally {
    const prompt = run.plan.slides[run.row.currentSlide]?.prompt;
    const agreement = this.agreement(run);
    // The number of phones is always shown, so the facilitator can see phones that shouldn't be there (fake ones).
    const { connected, displays } = presence;
    const questions = this.questions.facilitatorView(run.row.id, this.questionRows(run.row.id), {
      open: boxOpen(run),
      sessionLong: run.row.questionsOpen,
      closedHere: run.row.questionsClosedHere,
      slideOpens: slideOpensBox(run),
    });
    if (!prompt) return { promptId: null, counts: null, heldBack: 0, results: null, comparison: null, agreement, connected, displays, questions };
    const state = stateOf(this.phaseOf(run.row.id, prompt.id));
    const open = state.phase === "open";
    // Closed with answers held back: the counts are those of what is shown, so they can't tell what the late ones were.
    const held = !open && state.released;
    const counts = this.countsOf(run.row.id, prompt.id, held ? "released" : "stored");
    const waiting = held ? countUnreleased(this.db, run.row.id, prompt.id) : undefined;
    return {
      promptId: prompt.id,
      // While answers come in, passes are not told apart (a pass must not show as someone taps it), and the
      // responses are counted only in steps of k: beside the number of phones, an exact count would be "n of m
      // answered", pointing at whoever hasn't tapped, and its moves, timed against a release, at who passed.
      counts: open ? { responses: this.onTimeSteps(run, prompt.id, counts.responses), passes: null } : counts,
      heldBack: waiting ? waiting.added + waiting.changed : 0,
      results: this.results(run, prompt, "facilitator", state),
      comparison: this.comparison(run, prompt, "facilitator", state),
      agreement,
      connected,
      displays,
      questions,
    };
  }

  /**
   * A prompt's results for an ended run's report: what the room could have
   * seen of it, had it been revealed. Public screens' rules (approved text,
   * no hidden word, k), and the answers released at the close when some were
   * held back: a report never shows the late ones, which could point at a latecomer.
   * The counts are of the same answers.
   */
  reportResults(run: LoadedRun, prompt: Prompt): { status: PromptStatus; counts: StoredCounts; results: Results; comparison: Comparison | null } {
    const state = stateOf(getPromptPhase(this.db, run.row.id, prompt.id));
    const asShown = { ...state, revealed: true };
    return {
      status: statusOf(state),
      counts: countResponses(this.db, run.row.id, prompt.id, state.released ? "released" : "stored"),
      results: this.results(run, prompt, "public", asShown),
      comparison: this.comparison(run, prompt, "public", asShown),
    };
  }

  /** How many are in on the current slide, when it is an agreement slide. */
  private agreement(run: LoadedRun): { inCount: number } | null {
    const slide = run.plan.slides[run.row.currentSlide];
    if (slide?.kind !== "agreement") return null;
    return { inCount: this.read(`acceptances\n${run.row.id}\n${slide.index}`, () => countAcceptances(this.db, run.row.id, slide.index)) };
  }

  /**
   * The earlier prompt a prompt is compared with (check-in for check-out): its
   * own group distribution under the same k, shown when the later one is.
   */
  private comparison(run: LoadedRun, prompt: Prompt, audience: "facilitator" | "public", state: PromptState): Comparison | null {
    // A type that can be compared with an earlier prompt has compare-with in its plan fields (scale).
    if (!("compareWith" in prompt) || !prompt.compareWith) return null;
    const earlier = findPrompt(run.plan, prompt.compareWith);
    if (!earlier) return null;
    const earlierState = stateOf(this.phaseOf(run.row.id, earlier.id));
    return {
      promptId: earlier.id,
      question: earlier.question,
      results: this.results(run, earlier, audience, { ...earlierState, revealed: state.revealed }),
    };
  }

  /**
   * A prompt's results for an audience, moderated, k applied. While answers
   * are open nobody sees them until they are revealed; from then on, and after
   * a close that held answers back, screens see the released answers.
   */
  private results(run: LoadedRun, prompt: Prompt, audience: "facilitator" | "public", state: PromptState): Results {
    if (state.phase === "open" && !state.released) return { status: "hidden" };
    const view: AnswerView = state.released ? "released" : "stored";
    const counts = this.countsOf(run.row.id, prompt.id, view);
    return resultsFor(audience, state, run.row.k, counts, () => {
      const values = this.read(`values\n${run.row.id}\n${prompt.id}\n${view}`, () => countValues(this.db, run.row.id, prompt.id, view));
      const tally = buildTally(prompt, answersOf(counts), values);
      if (!logicOf(tally.type).text) return tally;
      const orderKey = (text: string) => createHash("sha256").update(`${run.row.id}\n${prompt.id}\n${text}`).digest("hex");
      const decisions = this.read(`decisions\n${run.row.id}\n${prompt.id}`, () => getDecisions(this.db, run.row.id, prompt.id));
      return moderateTally(tally, audience, decisions, orderKey, this.wordsWaitForApproval(run.plan, prompt));
    });
  }

  /** Whether a prompt's word-cloud words wait for approval: on a slide marked sensitive (see wordsNeedApproval). */
  private wordsWaitForApproval(plan: Plan, prompt: Prompt): boolean {
    const slide = findPromptSlide(plan, prompt.id);
    return logicOf(prompt.type).text?.kind === "words" && slide !== undefined && wordsNeedApproval(slide);
  }

  /** Writes every live run's peak of connected phones: when the server stops. */
  savePeaks(): void {
    this.db.transaction((tx) => {
      for (const runId of this.peaks.keys()) this.savePeak(tx, runId);
    });
  }

  /** Writes the run's peak of connected phones, if it rose (a lower number changes nothing). */
  private savePeak(tx: Db, runId: string): void {
    const peak = this.peaks.get(runId);
    if (peak !== undefined) raisePeakParticipants(tx, runId, peak);
  }

  /**
   * A prompt has just closed. Every screen gets all its answers, unless
   * screens were shown a tally (k answers or more released) and, after
   * releasing what is due, some changes are still waiting: then those stay
   * held back for the rest of the run. With no tally shown, everything is held
   * back when only late answers would make up k (see `openings`).
   */
  private settleOnClose(tx: Db, runId: string, promptId: string, k: number): void {
    const released = getPromptPhase(tx, runId, promptId)?.released === true;
    if (released && answersOf(countResponses(tx, runId, promptId, "released")) >= k) {
      releaseWhatIsDue(tx, runId, promptId, k, this.lateKeys(runId, promptId));
      const waiting = countUnreleased(tx, runId, promptId);
      if (waiting.added + waiting.changed > 0) return;
    } else if (this.onTimeAnswers(tx, runId, promptId) < k && answersOf(countResponses(tx, runId, promptId)) >= k) {
      // No tally was shown, and only late answers (fresh connections, perhaps someone's fakes) make up k: they must
      // not. Nothing is shown, for the rest of the run.
      clearReleasedAnswers(tx, runId, promptId);
      setReleased(tx, runId, promptId, true);
      return;
    }
    clearReleasedAnswers(tx, runId, promptId);
    setReleased(tx, runId, promptId, false);
  }


  /**
   * Empties the write-ahead log after the change is committed, without waiting for anyone. While another connection
   * reads the file (a backup, say), the log can't be emptied: it is tried again on a timer, each wait twice the last,
   * until it is done. A reader of a few milliseconds goes unmentioned; one still there at the first try again is
   * reported once, and the end of it too. The change itself stands either way.
   */
  private forgetLog(): void {
    const failure = this.tryTruncateLog();
    if (failure === undefined) {
      if (this.logRetry) this.logEmptied();
    } else if (!this.logRetry) {
      this.retryTruncateLog(this.options.logRetryMs?.first ?? LOG_RETRY_FIRST_MS);
    }
  }

  /** Tries again after `delayMs`; `reported`: the failure has been logged. */
  private retryTruncateLog(delayMs: number, reported = false): void {
    const timer = setTimeout(() => {
      const failure = this.tryTruncateLog();
      if (failure === undefined) return this.logEmptied();
      if (!reported) {
        this.onProblem(
          `the write-ahead log could not be emptied (${failure}): an ended run's key or the order of answers stays in the database files until it is; trying again`,
        );
      }
      this.retryTruncateLog(Math.min(delayMs * 2, this.options.logRetryMs?.max ?? LOG_RETRY_MAX_MS), true);
    }, delayMs);
    // Nothing to wait for at exit: SQLite empties the log itself when the last connection closes.
    timer.unref();
    this.logRetry = { timer, reported };
  }

  /** The log that could not be emptied now is: no more tries (and the report of the failure gets its end). */
  private logEmptied(): void {
    const reported = this.logRetry?.reported;
    this.close();
    if (reported) this.onNotice("the write-ahead log was emptied");
  }

  /** Empties the write-ahead log; undefined when it did, or why it could not. */
  private tryTruncateLog(): string | undefined {
    try {
      return truncateLog(this.db) ? undefined : "another connection is reading the database";
    } catch (error) {
      return String(error);
    }
  }

  private loadLiveRun(runId: string): Result<LoadedRun> {
    const run = this.loadRun(runId);
    if (!run) return fail("not-found", { reason: "noSuchSession" });
    if (run.row.state !== "live") return fail("run-ended", { reason: "ended" });
    return ok(run);
  }

  /** A run with its recorded plan; undefined (and reported) when that plan can't be read back. */
  private withPlan(row: RunRow | undefined): LoadedRun | undefined {
    if (!row) return undefined;
    const parsed = this.plans.fromSnapshot(row.planHash, () => getPlanSnapshot(this.db, row.planHash)?.source);
    if (!parsed?.ok) {
      this.onProblem(`run ${row.code} can't be loaded: its stored plan ${parsed ? "no longer parses" : "is missing"}`);
      return undefined;
    }
    return { row, plan: parsed.plan };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Emptying the write-ahead log is tried again after a second, then after twice as long each time, up to a minute. */
const LOG_RETRY_FIRST_MS = 1000;
const LOG_RETRY_MAX_MS = 60_000;

/** A live run is taken as abandoned only after this many days at least, however short the retention period. */
export const MIN_ABANDONED_DAYS = 7;

/** A prompt's status and whether screens see its released answers (a prompt with no row was never opened). */
type PromptState = PromptStatus & { released: boolean };

function stateOf(row: PromptState | undefined): PromptState {
  return row ? { phase: row.phase, revealed: row.revealed, released: row.released } : { phase: "pending", revealed: false, released: false };
}

function statusOf(row: PromptStatus | undefined): PromptStatus {
  return row ? { phase: row.phase, revealed: row.revealed } : { phase: "pending", revealed: false };
}

/**
 * Ends a run without its plan, in the caller's transaction: its open prompts close, the key behind its response keys
 * is destroyed, all of its words and text go (counts stay), and everything it stored is written back in key order. For
 * a run abandoned (the retention purge), and for a run live in a backup's copy (scripts/backup.ts), which can't know
 * what its facilitator would still have approved.
 */
export function endWithoutPlan(tx: Db, runId: string, now: Date): void {
  closeOpenPrompts(tx, runId);
  markRunEnded(tx, runId, now);
  purgeRunText(tx, runId, now);
  forgetArrivalOrder(tx, runId);
}

/** Deletes every word and text of a run, its questions' text and its decisions on text; every response and count stays. */
function purgeRunText(tx: Db, runId: string, now: Date): void {
  deleteRunText(tx, runId);
  deleteQuestionText(tx, runId);
  deleteRunDecisions(tx, runId);
  clearSpotlights(tx, runId);
  markTextPurged(tx, runId, now);
}

/**
 * Writes a closed prompt's responses and decisions back in key order, or everything the run stored (a run ended
 * without its plan: "I'm in" and questions too), so that where rows sit in the file no longer tells
 * the order they arrived in (decision record 021).
 */
function forgetArrivalOrder(tx: Db, runId: string, promptId?: string): void {
  rewriteResponsesInKeyOrder(tx, runId, promptId);
  rewriteDecisionsInKeyOrder(tx, runId, promptId);
  if (promptId === undefined) {
    rewriteAcceptancesInKeyOrder(tx, runId);
    rewriteQuestionsInKeyOrder(tx, runId);
  }
}

/**
 * At a run's end, writes back in key order what may still be in arrival order: the responses of the prompts the end
 * itself closed, every decision (one made after its prompt closed stays where it arrived until now), the "I'm in"
 * rows of the agreement on screen, and the question box. A prompt closed before has had its responses rewritten at its
 * close, and since then only updates in key order have touched them; "I'm in" is taken only on the slide on screen,
 * and rewritten when the group moves on (decisions 021 and 047).
 */
function forgetArrivalOrderAtEnd(tx: Db, run: LoadedRun, closedHere: string[]): void {
  for (const promptId of closedHere) rewriteResponsesInKeyOrder(tx, run.row.id, promptId);
  rewriteDecisionsInKeyOrder(tx, run.row.id);
  if (run.plan.slides[run.row.currentSlide]?.kind === "agreement") rewriteAcceptancesInKeyOrder(tx, run.row.id, run.row.currentSlide);
  rewriteQuestionsInKeyOrder(tx, run.row.id);
}

/** Whether phones may send questions now: the console keeps the box open all session, or the slide on screen opens it. */
function boxOpen(run: LoadedRun): boolean {
  return run.row.state === "live" && (run.row.questionsOpen || (slideOpensBox(run) && !run.row.questionsClosedHere));
}

/** Whether the plan opens the box on the slide on screen (`questions: open`). */
function slideOpensBox(run: LoadedRun): boolean {
  return run.plan.slides[run.row.currentSlide]?.questions === "open";
}

/** Whether this change to a live run closes its open question box. */
function boxCloses(run: LoadedRun, change: Partial<Pick<LoadedRun["row"], "currentSlide" | "questionsOpen" | "questionsClosedHere">>): boolean {
  return boxOpen(run) && !boxOpen({ ...run, row: { ...run.row, ...change } });
}

/** The key an "I'm in" is stored under: like a response key, in a namespace no prompt id can take. */
function agreementKey(salt: string, device: string, slideIndex: number): string {
  return responseKey(salt, device, `agreement:${slideIndex}`);
}

/** Whether this exact answer is what the database holds for the write's key. */
function isStored(db: Db, write: ResponseWrite): boolean {
  const stored = getResponse(db, write.runId, write.promptId, write.responseKey);
  return stored !== undefined && stored.passed === write.answer.passed && JSON.stringify(stored.values) === JSON.stringify(write.answer.values);
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
function releaseWhatIsDue(db: Db, runId: string, promptId: string, k: number, late: readonly string[]): number {
  if (answersOf(countResponses(db, runId, promptId, "released")) < k) {
    const onTime = answersOf(countResponses(db, runId, promptId)) - answersOf(countResponsesAmong(db, runId, promptId, late));
    return onTime >= k ? releaseAnswers(db, runId, promptId, "all") : 0;
  }
  const waiting = countUnreleased(db, runId, promptId);
  const lateWaiting = late.length > 0 ? countUnreleased(db, runId, promptId, late) : { addedAnswers: 0, changed: 0 };
  let released = 0;
  if (waiting.addedAnswers - lateWaiting.addedAnswers >= k) released += releaseAnswers(db, runId, promptId, "added");
  if (waiting.changed - lateWaiting.changed >= k) released += releaseAnswers(db, runId, promptId, "changed");
  return released;
}

/** Where an open prompt's opening is kept. */
function openingKey(runId: string, promptId: string): string {
  return `${runId}\n${promptId}`;
}

/** The texts or words a shown tally holds: what the console can act on. */
function shownValues(results: Results): Set<string> {
  if (results.status !== "shown") return new Set();
  return new Set(logicOf(results.tally.type).text?.values(results.tally));
}

/** The entry being read aloud and where it sits among the approved ones; null when it isn't shown publicly. */
function spotlightOf(results: Results | null, text: string): Spotlight | null {
  const entries = results?.status === "shown" ? logicOf(results.tally.type).text : undefined;
  if (results?.status !== "shown" || entries?.kind !== "entries") return null;
  const texts = entries.values(results.tally);
  const position = texts.indexOf(text);
  return position < 0 ? null : { text, position: position + 1, total: texts.length };
}

/** How long the run and its current slide have been going, as of `now`. */
function timingOf(row: RunRow, now: Date): Timing {
  const started = row.startedAt.getTime();
  return { runMs: now.getTime() - started, slideMs: now.getTime() - (row.slideStartedAt?.getTime() ?? started) };
}

function runInfo(run: LoadedRun, now: Date): RunInfo {
  const { countdownEndsAt, countdownSeconds } = run.row;
  return {
    code: run.row.code,
    planTitle: run.plan.title,
    language: run.plan.language,
    state: run.row.state,
    paused: run.row.paused,
    blanked: run.row.blanked,
    countdown:
      countdownEndsAt && countdownSeconds !== null
        ? { seconds: countdownSeconds, remainingMs: Math.max(0, countdownEndsAt.getTime() - now.getTime()) }
        : null,
    k: run.row.k,
    slideCount: run.plan.slides.length,
    contentNotes: run.plan.contentNotes,
  };
}
