import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

import { findPrompt, promptsOf } from "~/content/plan-schema";
import { fail, ok, type Result } from "~/domain/result";
import { MAX_K, MIN_K } from "~/domain/rules";
import { answersOf, type PromptStatus, type Results } from "~/domain/tally";
import type { Presentation } from "~/models/run.server";
import { logicOf } from "~/prompts/registry";
import type { Moderation, ModerationAction, PromptAction, QuestionAction, QuestionState } from "~/realtime/events";
import type { Queries } from "~/storage/storage";

import { hashSecret, newFacilitatorSecret, newJoinCode, newResponseKeySalt } from "../secrets.server";
import { releaseWhatIsDue, type AnswerPath } from "./answer-path.server";
import { MarksUnavailableError } from "./marks.server";
import { forgetArrivalOrder, forgetArrivalOrderAtEnd, type Maintenance } from "./maintenance.server";
import { Reads, type EngineState, type LoadedRun } from "./state.server";
import { boxOpen, slideOpensBox, stateOf, statusOf, Views, wordsWaitForApproval } from "./views.server";

/**
 * The facilitator's and phones' commands on a run: start it, move through its slides, open and close its prompts,
 * moderate, read aloud, the question box, end it. Each reads the run, validates and writes in one transaction, and
 * returns.
 */
export class Commands {
  constructor(
    private readonly shared: EngineState,
    private readonly answers: AnswerPath,
    private readonly maintenance: Maintenance,
  ) {}

  /**
   * Runs `work` on the live run in one transaction, its row locked for a change; refused when the run is missing or
   * has ended. A facilitator's command that succeeds moves the run's publish_seq on, in the same transaction (a
   * phone's question or vote doesn't: screens see nothing of it until its arrival or release, which move it).
   */
  private inLiveRun<T>(
    runId: string,
    work: (tx: Queries, run: LoadedRun) => Promise<Result<T>>,
    { publishes = true }: { publishes?: boolean } = {},
  ): Promise<Result<T>> {
    return this.shared.storage.transaction(async (tx) => {
      await tx.lockRun(runId, "change");
      const run = await this.shared.loadLiveRun(tx, runId);
      if (!run.ok) return run;
      const done = await work(tx, run.data);
      if (done.ok && publishes) await tx.bumpPublishSeq(runId);
      return done;
    });
  }

  /**
   * Starts a run of a plan's newest valid version, recording exactly which
   * version and who started it. The facilitator secret is returned once and
   * only its hash is kept.
   */
  async startRun(planId: string, requestedK?: number, startedBy: string | null = null): Promise<Result<{ code: string; facilitatorSecret: string }>> {
    const entry = this.shared.plans.get(planId);
    if (!entry) return fail("not-found", { reason: "start.notStartable" });
    const k = requestedK ?? this.shared.options.defaultK();
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      return fail("invalid-payload", { reason: "start.k", params: { min: MIN_K, max: MAX_K } });
    }
    const facilitatorSecret = newFacilitatorSecret();
    const now = this.shared.now();
    const row = await this.shared.storage.transaction(async (tx) => {
      await tx.savePlanSnapshot({ hash: entry.hash, planId, source: entry.source }, now);
      let code = newJoinCode();
      while (await tx.isCodeTaken(code)) code = newJoinCode();
      return tx.insertRun({
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
    this.shared.options.onRunStarted?.(row.id);
    return ok({ code: row.code, facilitatorSecret });
  }

  async goToSlide(runId: string, index: number): Promise<Result<{ index: number }>> {
    let forgets = false;
    const moved = await this.inLiveRun(runId, async (tx, run) => {
      if (!Number.isInteger(index) || index < 0 || index >= run.plan.slides.length) {
        return fail("not-found", { reason: "noSuchSlide", params: { number: index + 1 } });
      }
      const from = run.row.currentSlide;
      const leavesAgreement = from !== index && run.plan.slides[from]?.kind === "agreement";
      // Moving on also reopens a box the console closed on the slide left (below).
      const closesBox = boxCloses(run, from !== index ? { currentSlide: index, questionsClosedHere: false } : { currentSlide: index });
      await tx.setCurrentSlide(runId, index, this.shared.now());
      if (from !== index) {
        // A box closed on a slide opens again on the next one that opens it; a question being answered was for the
        // slide it was answered on: back among the approved ones, so the display shows the new slide whole.
        await tx.setPresentation(runId, { questionsClosedHere: false });
        await tx.stopAnswering(runId);
      }
      await this.maintenance.savePeak(tx, runId);
      // No more "I'm in" can arrive there: the order they came in goes from the file.
      if (leavesAgreement) await tx.rewriteAcceptancesInKeyOrder(runId, from);
      // No more questions or votes can arrive: the order they came in goes too.
      if (closesBox) await tx.rewriteQuestionsInKeyOrder(runId);
      forgets = leavesAgreement || closesBox;
      return ok({ index });
    });
    if (forgets) this.shared.storage.forgetOldVersions();
    return moved;
  }

  /** Puts every display and phone on the break screen, or brings them back. */
  setPaused(runId: string, paused: boolean): Promise<Result<{ paused: boolean }>> {
    return this.present(runId, { paused }, { paused });
  }

  /** Blanks the audience display (the room looks at the facilitator, not the screen), or shows it again. Phones carry on. */
  setBlanked(runId: string, blanked: boolean): Promise<Result<{ blanked: boolean }>> {
    return this.present(runId, { blanked }, { blanked });
  }

  /** Starts a countdown of `seconds` on the display for the current slide's exercise, or stops it (null). */
  setCountdown(runId: string, seconds: number | null): Promise<Result<{ seconds: number | null }>> {
    const endsAt = seconds === null ? null : new Date(this.shared.now().getTime() + seconds * 1000);
    return this.present(runId, { countdownEndsAt: endsAt, countdownSeconds: seconds }, { seconds });
  }

  /**
   * The console's switches for the question box. Without `slide`: keeps it open all session long, or leaves it to
   * the slides (`questions: open`). With `slide`: closes it now, even on a slide that opens it (and ends "all
   * session"), until the console opens it again or the next slide; or opens again a slide's box closed so.
   */
  async setQuestionsOpen(runId: string, open: boolean, slide = false): Promise<Result<{ open: boolean }>> {
    let closesBox = false;
    const set = await this.inLiveRun(runId, async (tx, run) => {
      if (slide && open && !slideOpensBox(run)) return fail("invalid-payload", { reason: "questions.slideHasNoBox" });
      const change = !slide
        ? { questionsOpen: open, questionsClosedHere: false }
        : open
          ? { questionsClosedHere: false }
          : { questionsOpen: false, questionsClosedHere: true };
      // Closing the box: no more questions or votes can arrive, so the order they came in goes from the file.
      closesBox = boxCloses(run, change);
      await this.presentIn(tx, runId, change);
      if (closesBox) await tx.rewriteQuestionsInKeyOrder(runId);
      return ok({ open });
    });
    if (set.ok && closesBox) this.shared.storage.forgetOldVersions();
    return set;
  }

  /**
   * A phone's question for the facilitator, while the box is open: stored as waiting and on its way to the console
   * (QuestionBox), with nothing of who sent it.
   */
  sendQuestion(runId: string, text: string): Promise<Result<{ id: string; text: string }>> {
    return this.inLiveRun(runId, (tx, run) => this.shared.questions.send(tx, this.boxRun(run), text), { publishes: false });
  }

  /**
   * The question on its way reaches the console (the hub calls this after the signals' random delay). True when it
   * was still on its way in a live run; false when it had arrived already, or the run ended.
   */
  questionArrived(runId: string, questionId: string): Promise<boolean> {
    return this.shared.storage.transaction(async (tx) => {
      await tx.lockRun(runId, "change");
      if ((await tx.getRunById(runId))?.state !== "live") return false;
      if (!(await tx.markQuestionArrived(runId, questionId))) return false;
      await tx.bumpPublishSeq(runId);
      return true;
    });
  }

  /** The questions of live runs still on their way to the console (at start-up: their delay was lost with the process). */
  questionsArriving(): Promise<Array<{ runId: string; questionId: string }>> {
    return this.shared.storage.queries.arrivingQuestions();
  }

  /**
   * A phone's upvote of an approved question, once per phone and question. `joinedAt`: when its connection was made
   * (Date.now() ms); votes over connections made after the question was approved don't count towards k.
   */
  voteQuestion(runId: string, device: string, questionId: string, joinedAt?: number): Promise<Result<{ questionId: string; voted: true }>> {
    return this.inLiveRun(runId, (tx, run) => this.shared.questions.vote(tx, this.boxRun(run), device, questionId, joinedAt), { publishes: false });
  }

  /**
   * Releases the votes due on the run's questions (QuestionBox.releaseDue), writing its questions and votes back in
   * key order when any moved. The hub calls this after a vote, after a random delay, never on the answers' clock.
   * True when any count moved.
   */
  async releaseVotesDue(runId: string): Promise<boolean> {
    const moved = await this.shared.storage
      .transaction(async (tx) => {
        await tx.lockRun(runId, "change");
        const run = await this.shared.loadRun(tx, runId);
        if (!run || run.row.state !== "live") return false;
        if ((await this.shared.questions.releaseDue(tx, runId, run.row.k)) === 0) return false;
        await tx.bumpPublishSeq(runId);
        return true;
      })
      // The marks can't be read or kept now (Redis away): nothing moves until they can, at the next vote's check.
      .catch((error: unknown) => (error instanceof MarksUnavailableError ? false : Promise.reject(error)));
    if (moved) this.shared.storage.forgetOldVersions();
    return moved;
  }

  /** The console's decision on a question: approve, hide, back to waiting, answering now, answered. */
  setQuestion(runId: string, questionId: string, action: QuestionAction): Promise<Result<{ questionId: string; state: QuestionState }>> {
    return this.inLiveRun(runId, (tx) => this.shared.questions.set(tx, runId, questionId, action));
  }

  /** The console hides every question waiting that it has been shown, at once (a flood is one action away). */
  hideWaitingQuestions(runId: string): Promise<Result<{ hidden: number }>> {
    return this.inLiveRun(runId, (tx) => this.shared.questions.hideWaiting(tx, runId));
  }

  private boxRun(run: LoadedRun) {
    return { runId: run.row.id, salt: run.row.responseKeySalt, paused: run.row.paused, open: boxOpen(run) };
  }

  private present<T>(runId: string, change: Presentation, acknowledged: T): Promise<Result<T>> {
    return this.inLiveRun(runId, async (tx) => {
      await this.presentIn(tx, runId, change);
      return ok(acknowledged);
    });
  }

  /** What the display shows changes (a pause, a blank, a countdown, the question box), with the peak of phones. */
  private async presentIn(tx: Queries, runId: string, change: Presentation): Promise<void> {
    await tx.setPresentation(runId, change);
    await this.maintenance.savePeak(tx, runId);
  }

  /**
   * Opens, closes, reveals or hides a prompt. A prompt can be revealed while
   * it is open: from then on every screen gets its answers as released, in
   * batches of at least k (see commitResponses). Closing shows every answer,
   * unless screens saw a release and fewer than k answers came after it:
   * those are held back, so nobody's late answer can be told apart. A
   * close also writes the prompt's rows back in key order (forgetArrivalOrder).
   */
  async changePrompt(runId: string, promptId: string, action: PromptAction): Promise<Result<PromptStatus>> {
    const changed = await this.inLiveRun(runId, async (tx, run) => {
      if (!findPrompt(run.plan, promptId)) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
      await this.maintenance.savePeak(tx, runId);
      const current = stateOf(await tx.getPromptPhase(runId, promptId));
      const next: PromptStatus = {
        open: { phase: "open" as const, revealed: current.revealed },
        close: { phase: current.phase === "open" ? ("closed" as const) : current.phase, revealed: current.revealed },
        reveal: { phase: current.phase, revealed: true },
        hide: { phase: current.phase, revealed: false },
      }[action];
      await tx.savePromptPhase({ runId, promptId, ...next });
      // Revealed while open, or reopened after screens saw its answers: from now on they see what is
      // released, starting with everything stored now, so a late answer can't show as a difference.
      if (next.phase === "open" && !current.released && (next.revealed || current.phase === "closed")) {
        // Only once k of them came from phones that were here when it opened; until then the release clock waits.
        if ((await this.answers.onTimeAnswers(tx, runId, promptId)) >= run.row.k) await tx.releaseAnswers(runId, promptId);
        await tx.setReleased(runId, promptId, true);
      }
      if (current.phase === "open" && next.phase === "closed") {
        await this.settleOnClose(tx, runId, promptId, run.row.k);
        await forgetArrivalOrder(tx, runId, promptId);
      }
      if (action === "open" && current.phase !== "open") await this.answers.noteOpening(runId, promptId);
      // Hiding results also stops reading entries aloud.
      if (action === "hide") await tx.setSpotlight(runId, promptId, null);
      return ok(statusOf(await tx.getPromptPhase(runId, promptId)));
    });
    if (changed.ok && action === "close") this.shared.storage.forgetOldVersions();
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
    const q = this.shared.storage.queries;
    const live = await this.shared.loadLiveRun(q, runId);
    if (!live.ok) return live;
    for (const prompt of promptsOf(live.data.plan)) {
      if ((await q.getPromptPhase(runId, prompt.id))?.phase !== "open") continue;
      await nextTurn();
      // Refused only if the run ended meanwhile (another console), and then so is the end below.
      await this.changePrompt(runId, prompt.id, "close");
    }
    await nextTurn();
    const ended = await this.inLiveRun(runId, async (tx, run) => {
      const closedHere: string[] = [];
      for (const prompt of promptsOf(run.plan)) {
        const phase = await tx.getPromptPhase(runId, prompt.id);
        if (phase?.phase === "open") {
          await tx.savePromptPhase({ runId, promptId: prompt.id, phase: "closed", revealed: phase.revealed });
          await this.settleOnClose(tx, runId, prompt.id, run.row.k);
          closedHere.push(prompt.id);
        }
        const ownWords = logicOf(prompt.type).text;
        if (ownWords?.kind === "entries") await tx.deleteUnapprovedText(runId, prompt.id);
        if (ownWords?.kind === "words") await tx.deleteUnshownWords(runId, prompt.id, wordsWaitForApproval(run.plan, prompt));
        if (ownWords) {
          await tx.deleteWithdrawnText(runId, prompt.id);
          await tx.deleteUnapprovedDecisions(runId, prompt.id);
          await tx.deleteOrphanDecisions(runId, prompt.id);
        }
      }
      await tx.clearSpotlights(runId);
      await tx.deleteUnapprovedQuestionText(runId);
      await this.maintenance.savePeak(tx, runId);
      await tx.markRunEnded(runId, this.shared.now());
      // Its lease goes with it: whoever held it learns at its next renewal that the run is no longer its (decision 051).
      await tx.dropLeasesOfEndedRuns();
      await forgetArrivalOrderAtEnd(tx, run, closedHere);
      return ok({ state: "ended" as const });
    });
    if (!ended.ok) return ended;
    await this.maintenance.forget(runId);
    this.shared.storage.forgetOldVersions();
    return ended;
  }

  /**
   * A prompt has just closed. Every screen gets all its answers, unless
   * screens were shown a tally (k answers or more released) and, after
   * releasing what is due, some changes are still waiting: then those stay
   * held back for the rest of the run. With no tally shown, everything is held
   * back when only late answers would make up k (see RunMarks).
   */
  private async settleOnClose(tx: Queries, runId: string, promptId: string, k: number): Promise<void> {
    const released = (await tx.getPromptPhase(runId, promptId))?.released === true;
    if (released && answersOf(await tx.countResponses(runId, promptId, "released")) >= k) {
      await releaseWhatIsDue(tx, runId, promptId, k, await this.answers.lateKeys(runId, promptId));
      const waiting = await tx.countUnreleased(runId, promptId);
      if (waiting.added + waiting.changed > 0) return;
    } else if ((await this.answers.onTimeAnswers(tx, runId, promptId)) < k && answersOf(await tx.countResponses(runId, promptId)) >= k) {
      // No tally was shown, and only late answers (fresh connections, perhaps someone's fakes) make up k: they must
      // not. Nothing is shown, for the rest of the run.
      await tx.clearReleasedAnswers(runId, promptId);
      await tx.setReleased(runId, promptId, true);
      return;
    }
    await tx.clearReleasedAnswers(runId, promptId);
    await tx.setReleased(runId, promptId, false);
  }

  /**
   * A moderation decision on a free-text entry (approve, hide, back to pending) or a word (hide, show; on a
   * sensitive slide, where words wait for approval, like free text).
   */
  moderate(runId: string, promptId: string, text: string, action: ModerationAction): Promise<Result<{ text: string; moderation: Moderation }>> {
    return this.inLiveRun(runId, async (tx, run) => {
      const prompt = findPrompt(run.plan, promptId);
      if (!prompt) return fail("not-found", { reason: "noSuchPrompt", params: { promptId } });
      const ownWords = logicOf(prompt.type).text;
      if (!ownWords) return fail("invalid-payload", { reason: "notModerated" });
      if (ownWords.kind === "words" && action === "approve" && !wordsWaitForApproval(run.plan, prompt)) {
        return fail("invalid-payload", { reason: "wordsShownUnlessHidden" });
      }
      // Only what the console has been shown: anything else could be probed for, under k or before its release.
      const views = new Views(this.shared, this.answers, new Reads(tx, false));
      if (!shownValues(await views.results(run, prompt, "facilitator", stateOf(await tx.getPromptPhase(runId, promptId)))).has(text)) {
        return fail("not-found", { reason: "noSuchText" });
      }
      const decision = action === "approve" ? "approved" : action === "hide" ? "hidden" : null;
      await tx.setDecision(runId, promptId, text, decision);
      if (decision !== "approved" && (await tx.getPromptPhase(runId, promptId))?.spotlight === text) await tx.setSpotlight(runId, promptId, null);
      return ok({ text, moderation: decision ?? ("pending" as const) });
    });
  }

  /**
   * Shows one approved entry of the current open-text prompt on its own
   * ("read aloud"), or stops. Choosing an entry reveals the prompt: it is
   * the facilitator showing the room an answer.
   */
  setSpotlight(runId: string, promptId: string, text: string | null): Promise<Result<{ text: string | null }>> {
    return this.inLiveRun(runId, async (tx, run) => {
      const prompt = run.plan.slides[run.row.currentSlide]?.prompt;
      if (!prompt || prompt.id !== promptId || logicOf(prompt.type).text?.kind !== "entries") {
        return fail("invalid-payload", { reason: "readAloudOnScreen" });
      }
      const status = await tx.getPromptPhase(runId, promptId);
      if (!status) return fail("invalid-payload", { reason: "notOpenedYet" });
      if (text !== null && (await tx.getDecisions(runId, promptId)).get(text) !== "approved") {
        return fail("invalid-payload", { reason: "readAloudApproved" });
      }
      if (text !== null) await tx.savePromptPhase({ runId, promptId, phase: status.phase, revealed: true });
      await tx.setSpotlight(runId, promptId, text);
      return ok({ text });
    });
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
