import { truncateLog, type Db } from "~/models/db.server";
import { rewriteAcceptancesInKeyOrder } from "~/models/agreement.server";
import { deleteQuestionText, rewriteQuestionsInKeyOrder } from "~/models/question.server";
import { deleteRunDecisions, rewriteDecisionsInKeyOrder } from "~/models/moderation.server";
import { deleteRunText, rewriteResponsesInKeyOrder } from "~/models/response.server";
import {
  clearSpotlights,
  closeOpenPrompts,
  liveRunsStartedBefore,
  markRunEnded,
  markTextPurged,
  raisePeakParticipants,
  runsWithTextEndedBefore,
} from "~/models/run.server";

import type { AnswerPath } from "./answer-path.server";
import type { EngineState, LoadedRun } from "./state.server";

/**
 * The run engine's upkeep: the peak of connected phones kept and written, the write-ahead log emptied after what
 * must leave the file (and tried again while a reader holds it), the retention purge, and rows written back in key
 * order so the file no longer tells the order answers arrived in.
 */
export class Maintenance {
  /** The next try at emptying the write-ahead log, while another connection keeps it from being emptied (see forgetLog). */
  private logRetry: { timer: NodeJS.Timeout; reported: boolean } | undefined;

  constructor(
    private readonly shared: EngineState,
    private readonly answers: AnswerPath,
  ) {}

  /** Stops trying to empty the write-ahead log (the server is closing; SQLite empties it when the last connection closes). */
  close(): void {
    clearTimeout(this.logRetry?.timer);
    this.logRetry = undefined;
  }

  /**
   * Keeps the most phones connected at once to a run: its size in history.
   * Held in memory and written with the facilitator's next change (a slide,
   * a prompt, a pause, the end), which commits anyway: a burst of joins
   * writes nothing, and a join never makes a write of its own.
   */
  recordParticipants(runId: string, connected: number): void {
    if (connected <= (this.shared.peaks.get(runId) ?? 0)) return;
    this.shared.peaks.set(runId, connected);
  }

  /** Writes every live run's peak of connected phones: when the server stops. */
  savePeaks(): void {
    this.shared.db.transaction((tx) => {
      for (const runId of this.shared.peaks.keys()) this.savePeak(tx, runId);
    });
  }

  /** Writes the run's peak of connected phones, if it rose (a lower number changes nothing). */
  savePeak(tx: Db, runId: string): void {
    const peak = this.shared.peaks.get(runId);
    if (peak !== undefined) raisePeakParticipants(tx, runId, peak);
  }

  /**
   * Empties the write-ahead log after the change is committed, without waiting for anyone. While another connection
   * reads the file (a backup, say), the log can't be emptied: it is tried again on a timer, each wait twice the last,
   * until it is done. A reader of a few milliseconds goes unmentioned; one still there at the first try again is
   * reported once, and the end of it too. The change itself stands either way.
   */
  forgetLog(): void {
    const failure = this.tryTruncateLog();
    if (failure === undefined) {
      if (this.logRetry) this.logEmptied();
    } else if (!this.logRetry) {
      this.retryTruncateLog(this.shared.options.logRetryMs?.first ?? LOG_RETRY_FIRST_MS);
    }
  }

  /** Tries again after `delayMs`; `reported`: the failure has been logged. */
  private retryTruncateLog(delayMs: number, reported = false): void {
    const timer = setTimeout(() => {
      const failure = this.tryTruncateLog();
      if (failure === undefined) return this.logEmptied();
      if (!reported) {
        this.shared.onProblem(
          `the write-ahead log could not be emptied (${failure}): an ended run's key or the order of answers stays in the database files until it is; trying again`,
        );
      }
      this.retryTruncateLog(Math.min(delayMs * 2, this.shared.options.logRetryMs?.max ?? LOG_RETRY_MAX_MS), true);
    }, delayMs);
    // Nothing to wait for at exit: SQLite empties the log itself when the last connection closes.
    timer.unref();
    this.logRetry = { timer, reported };
  }

  /** The log that could not be emptied now is: no more tries (and the report of the failure gets its end). */
  private logEmptied(): void {
    const reported = this.logRetry?.reported;
    this.close();
    if (reported) this.shared.onNotice("the write-ahead log was emptied");
  }

  /** Empties the write-ahead log; undefined when it did, or why it could not. */
  private tryTruncateLog(): string | undefined {
    try {
      return truncateLog(this.shared.db) ? undefined : "another connection is reading the database";
    } catch (error) {
      return String(error);
    }
  }

  /**
   * The retention purge. Ended runs older than the retention period lose their
   * free text and word-cloud words; every response and count stays. A run
   * still live after that long (and at least MIN_ABANDONED_DAYS) was
   * abandoned: it is ended and purged at once.
   */
  purgeExpiredText(retentionDays: number): { ended: string[]; purged: number } {
    const now = this.shared.now().getTime();
    const cutoff = new Date(now - retentionDays * DAY_MS);
    const abandonedBefore = new Date(now - Math.max(retentionDays, MIN_ABANDONED_DAYS) * DAY_MS);
    const abandoned = liveRunsStartedBefore(this.shared.db, abandonedBefore);
    // Ended and purged in one step, without its plan: all of its text goes, so nothing depends on the plan still parsing.
    for (const row of abandoned) {
      this.shared.db.transaction((tx) => {
        this.savePeak(tx, row.id);
        endWithoutPlan(tx, row.id, this.shared.now());
      });
      this.shared.peaks.delete(row.id);
      this.shared.answerable.delete(row.id);
      this.answers.forgetOpenings(row.id);
      this.shared.questions.forget(row.id);
    }
    const expired = runsWithTextEndedBefore(this.shared.db, cutoff);
    for (const row of expired) this.shared.db.transaction((tx) => purgeRunText(tx, row.id, this.shared.now()));
    if (abandoned.length + expired.length > 0) this.forgetLog();
    return { ended: abandoned.map((row) => row.id), purged: abandoned.length + expired.length };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Emptying the write-ahead log is tried again after a second, then after twice as long each time, up to a minute. */
const LOG_RETRY_FIRST_MS = 1000;
const LOG_RETRY_MAX_MS = 60_000;

/** A live run is taken as abandoned only after this many days at least, however short the retention period. */
export const MIN_ABANDONED_DAYS = 7;

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
export function forgetArrivalOrder(tx: Db, runId: string, promptId?: string): void {
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
export function forgetArrivalOrderAtEnd(tx: Db, run: LoadedRun, closedHere: string[]): void {
  for (const promptId of closedHere) rewriteResponsesInKeyOrder(tx, run.row.id, promptId);
  rewriteDecisionsInKeyOrder(tx, run.row.id);
  if (run.plan.slides[run.row.currentSlide]?.kind === "agreement") rewriteAcceptancesInKeyOrder(tx, run.row.id, run.row.currentSlide);
  rewriteQuestionsInKeyOrder(tx, run.row.id);
}
