import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

import { findPrompt, promptsOf } from "~/content/plan-schema";
import { fail, ok, type Result } from "~/domain/result";
import { MAX_K, MIN_K } from "~/domain/rules";
import { answersOf, type PromptStatus, type Results } from "~/domain/tally";
import { rewriteAcceptancesInKeyOrder } from "~/models/agreement.server";
import type { Db } from "~/models/db.server";
import { deleteUnapprovedQuestionText, rewriteQuestionsInKeyOrder, stopAnswering } from "~/models/question.server";
import { deleteOrphanDecisions, deleteUnapprovedDecisions, getDecisions, setDecision } from "~/models/moderation.server";
import {
  clearReleasedAnswers,
  countResponses,
  countUnreleased,
  deleteUnapprovedText,
  deleteUnshownWords,
  deleteWithdrawnText,
  releaseAnswers,
} from "~/models/response.server";
import {
  clearSpotlights,
  getPromptPhase,
  insertRun,
  isCodeTaken,
  markRunEnded,
  savePlanSnapshot,
  savePromptPhase,
  setCurrentSlide,
  setPresentation,
  setReleased,
  setSpotlight,
  type Presentation,
} from "~/models/run.server";
import { logicOf } from "~/prompts/registry";
import type { Moderation, ModerationAction, PromptAction, QuestionAction, QuestionState } from "~/realtime/events";

import { hashSecret, newFacilitatorSecret, newJoinCode, newResponseKeySalt } from "../secrets.server";
import { releaseWhatIsDue, type AnswerPath } from "./answer-path.server";
import { forgetArrivalOrder, forgetArrivalOrderAtEnd, type Maintenance } from "./maintenance.server";
import type { EngineState, LoadedRun } from "./state.server";
import { boxOpen, slideOpensBox, stateOf, statusOf, type Views } from "./views.server";

/**
 * The facilitator's and phones' commands on a run: start it, move through its slides, open and close its prompts,
 * moderate, read aloud, the question box, end it. Each validates, writes in one transaction and returns.
 */
export class Commands {
  constructor(
    private readonly shared: EngineState,
    private readonly answers: AnswerPath,
    private readonly maintenance: Maintenance,
    private readonly views: Views,
  ) {}

  /**
   * Starts a run of a plan's newest valid version, recording exactly which
   * version and who started it. The facilitator secret is returned once and
   * only its hash is kept.
   */
  startRun(planId: string, requestedK?: number, startedBy: string | null = null): Result<{ code: string; facilitatorSecret: string }> {
    const entry = this.shared.plans.get(planId);
    if (!entry) return fail("not-found", { reason: "start.notStartable" });
    const k = requestedK ?? this.shared.options.defaultK();
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      return fail("invalid-payload", { reason: "start.k", params: { min: MIN_K, max: MAX_K } });
    }
    const facilitatorSecret = newFacilitatorSecret();
    const now = this.shared.now();
    const row = this.shared.db.transaction((tx) => {
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

  goToSlide(runId: string, index: number): Result<{ index: number }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!Number.isInteger(index) || index < 0 || index >= run.data.plan.slides.length) {
      return fail("not-found", { reason: "noSuchSlide", params: { number: index + 1 } });
    }
    const from = run.data.row.currentSlide;
    const leavesAgreement = from !== index && run.data.plan.slides[from]?.kind === "agreement";
    // Moving on also reopens a box the console closed on the slide left (below).
    const closesBox = boxCloses(run.data, from !== index ? { currentSlide: index, questionsClosedHere: false } : { currentSlide: index });
    this.shared.db.transaction((tx) => {
      setCurrentSlide(tx, runId, index, this.shared.now());
      if (from !== index) {
        // A box closed on a slide opens again on the next one that opens it; a question being answered was for the
        // slide it was answered on: back among the approved ones, so the display shows the new slide whole.
        setPresentation(tx, runId, { questionsClosedHere: false });
        stopAnswering(tx, runId);
      }
      this.maintenance.savePeak(tx, runId);
      // No more "I'm in" can arrive there: the order they came in goes from the file.
      if (leavesAgreement) rewriteAcceptancesInKeyOrder(tx, runId, from);
      // No more questions or votes can arrive: the order they came in goes too.
      if (closesBox) rewriteQuestionsInKeyOrder(tx, runId);
    });
    if (leavesAgreement || closesBox) this.maintenance.forgetLog();
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
    const endsAt = seconds === null ? null : new Date(this.shared.now().getTime() + seconds * 1000);
    return this.present(runId, { countdownEndsAt: endsAt, countdownSeconds: seconds }, { seconds });
  }

  /**
   * The console's switches for the question box. Without `slide`: keeps it open all session long, or leaves it to
   * the slides (`questions: open`). With `slide`: closes it now, even on a slide that opens it (and ends "all
   * session"), until the console opens it again or the next slide; or opens again a slide's box closed so.
   */
  setQuestionsOpen(runId: string, open: boolean, slide = false): Result<{ open: boolean }> {
    const run = this.shared.loadLiveRun(runId);
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
    if (set.ok && closesBox) this.maintenance.forgetLog();
    return set;
  }

  /** A phone's question for the facilitator, while the box is open: stored as waiting, with nothing of who sent it. */
  sendQuestion(runId: string, text: string): Result<{ id: string; text: string }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.shared.questions.send(this.boxRun(run.data), text);
  }

  /** The oldest question on its way reaches the console (the hub calls this after the signals' random delay). */
  questionArrived(runId: string): void {
    this.shared.questions.arrived(runId);
  }

  /**
   * A phone's upvote of an approved question, once per phone and question. `joinedAt`: when its connection was made
   * (performance.now()); votes over connections made after the question was approved don't count towards k.
   */
  voteQuestion(runId: string, device: string, questionId: string, joinedAt?: number): Result<{ questionId: string; voted: true }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.shared.questions.vote(this.boxRun(run.data), device, questionId, joinedAt);
  }

  /**
   * Releases the votes due on the run's questions (QuestionBox.releaseDue), writing its questions and votes back in
   * key order when any moved. The hub calls this after a vote, after a random delay, never on the answers' clock.
   * True when any count moved.
   */
  releaseVotesDue(runId: string): boolean {
    const run = this.shared.loadRun(runId);
    if (!run || run.row.state !== "live") return false;
    const moved = this.shared.questions.releaseDue(runId, run.row.k) > 0;
    if (moved) this.maintenance.forgetLog();
    return moved;
  }

  /** The console's decision on a question: approve, hide, back to waiting, answering now, answered. */
  setQuestion(runId: string, questionId: string, action: QuestionAction): Result<{ questionId: string; state: QuestionState }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.shared.questions.set(runId, questionId, action);
  }

  /** The console hides every question waiting that it has been shown, at once (a flood is one action away). */
  hideWaitingQuestions(runId: string): Result<{ hidden: number }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    return this.shared.questions.hideWaiting(runId);
  }

  private boxRun(run: LoadedRun) {
    return { runId: run.row.id, salt: run.row.responseKeySalt, paused: run.row.paused, open: boxOpen(run) };
  }

  private present<T>(runId: string, change: Presentation, acknowledged: T, also?: (tx: Db) => void): Result<T> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    this.shared.db.transaction((tx) => {
      setPresentation(tx, runId, change);
      this.maintenance.savePeak(tx, runId);
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
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!findPrompt(run.data.plan, promptId)) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
    const changed = this.shared.db.transaction((tx) => {
      this.maintenance.savePeak(tx, runId);
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
        if (this.answers.onTimeAnswers(tx, runId, promptId) >= run.data.row.k) releaseAnswers(tx, runId, promptId);
        setReleased(tx, runId, promptId, true);
      }
      if (current.phase === "open" && next.phase === "closed") {
        this.settleOnClose(tx, runId, promptId, run.data.row.k);
        forgetArrivalOrder(tx, runId, promptId);
      }
      if (action === "open" && current.phase !== "open") this.answers.noteOpening(runId, promptId);
      // Hiding results also stops reading entries aloud.
      if (action === "hide") setSpotlight(tx, runId, promptId, null);
      return ok(statusOf(getPromptPhase(tx, runId, promptId)));
    });
    if (changed.ok && action === "close") this.maintenance.forgetLog();
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
    const live = this.shared.loadLiveRun(runId);
    if (!live.ok) return live;
    for (const prompt of promptsOf(live.data.plan)) {
      if (getPromptPhase(this.shared.db, runId, prompt.id)?.phase !== "open") continue;
      await nextTurn();
      // Refused only if the run ended meanwhile (another console), and then so is the end below.
      this.changePrompt(runId, prompt.id, "close");
    }
    await nextTurn();
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    this.shared.db.transaction((tx) => {
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
        if (ownWords?.kind === "words") deleteUnshownWords(tx, runId, prompt.id, this.views.wordsWaitForApproval(run.data.plan, prompt));
        if (ownWords) {
          deleteWithdrawnText(tx, runId, prompt.id);
          deleteUnapprovedDecisions(tx, runId, prompt.id);
          deleteOrphanDecisions(tx, runId, prompt.id);
        }
      }
      clearSpotlights(tx, runId);
      deleteUnapprovedQuestionText(tx, runId);
      this.maintenance.savePeak(tx, runId);
      markRunEnded(tx, runId, this.shared.now());
      forgetArrivalOrderAtEnd(tx, run.data, closedHere);
    });
    this.shared.peaks.delete(runId);
    this.shared.answerable.delete(runId);
    this.answers.forgetOpenings(runId);
    this.shared.questions.forget(runId);
    this.maintenance.forgetLog();
    return ok({ state: "ended" });
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
      releaseWhatIsDue(tx, runId, promptId, k, this.answers.lateKeys(runId, promptId));
      const waiting = countUnreleased(tx, runId, promptId);
      if (waiting.added + waiting.changed > 0) return;
    } else if (this.answers.onTimeAnswers(tx, runId, promptId) < k && answersOf(countResponses(tx, runId, promptId)) >= k) {
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
   * A moderation decision on a free-text entry (approve, hide, back to pending) or a word (hide, show; on a
   * sensitive slide, where words wait for approval, like free text).
   */
  moderate(runId: string, promptId: string, text: string, action: ModerationAction): Result<{ text: string; moderation: Moderation }> {
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    const prompt = findPrompt(run.data.plan, promptId);
    if (!prompt) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
    const ownWords = logicOf(prompt.type).text;
    if (!ownWords) return fail("invalid-payload", { reason: "notModerated" });
    if (ownWords.kind === "words" && action === "approve" && !this.views.wordsWaitForApproval(run.data.plan, prompt)) {
      return fail("invalid-payload", { reason: "wordsShownUnlessHidden" });
    }
    // Only what the console has been shown: anything else could be probed for, under k or before its release.
    if (!shownValues(this.views.results(run.data, prompt, "facilitator", stateOf(getPromptPhase(this.shared.db, runId, promptId)))).has(text)) {
      return fail("not-found", { reason: "noSuchText" });
    }
    const decision = action === "approve" ? "approved" : action === "hide" ? "hidden" : null;
    this.shared.db.transaction((tx) => {
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
    const run = this.shared.loadLiveRun(runId);
    if (!run.ok) return run;
    const prompt = run.data.plan.slides[run.data.row.currentSlide]?.prompt;
    if (!prompt || prompt.id !== promptId || logicOf(prompt.type).text?.kind !== "entries") {
      return fail("invalid-payload", { reason: "readAloudOnScreen" });
    }
    const status = getPromptPhase(this.shared.db, runId, promptId);
    if (!status) return fail("invalid-payload", { reason: "notOpenedYet" });
    if (text !== null && getDecisions(this.shared.db, runId, promptId).get(text) !== "approved") {
      return fail("invalid-payload", { reason: "readAloudApproved" });
    }
    this.shared.db.transaction((tx) => {
      if (text !== null) savePromptPhase(tx, { runId, promptId, phase: status.phase, revealed: true });
      setSpotlight(tx, runId, promptId, text);
    });
    return ok({ text });
  }
}

/** Whether this change to a live run closes its open question box. */
function boxCloses(run: LoadedRun, change: Partial<Pick<LoadedRun["row"], "currentSlide" | "questionsOpen" | "questionsClosedHere">>): boolean {
  return boxOpen(run) && !boxOpen({ ...run, row: { ...run.row, ...change } });
}

/** The texts or words a shown tally holds: what the console can act on. */
function shownValues(results: Results): Set<string> {
  if (results.status !== "shown") return new Set();
  return new Set(logicOf(results.tally.type).text?.values(results.tally));
}
