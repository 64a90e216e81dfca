import type { Queries } from "~/storage/storage";

import type { EngineState, LoadedRun } from "./state.server";

/**
 * The run engine's upkeep: the peak of connected phones kept and written, what this process remembers of a run
 * forgotten when it ends, the retention purge, and rows written back in key order so that storage no longer tells
 * the order answers arrived in.
 */
export class Maintenance {
  constructor(private readonly shared: EngineState) {}

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
  savePeaks(): Promise<void> {
    return this.shared.storage.transaction(async (tx) => {
      for (const runId of this.shared.peaks.keys()) await this.savePeak(tx, runId);
    });
  }

  /** Writes the run's peak of connected phones, if it rose (a lower number changes nothing). */
  async savePeak(tx: Queries, runId: string): Promise<void> {
    const peak = this.shared.peaks.get(runId);
    if (peak !== undefined) await tx.raisePeakParticipants(runId, peak);
  }

  /**
   * The run has ended, here or in another process: what this process keeps about it goes (its peak, its key), and its
   * marks (openings, late keys, approvals). Idempotent: a process may learn of the end more than once.
   */
  async forget(runId: string): Promise<void> {
    this.shared.peaks.delete(runId);
    this.shared.answerable.delete(runId);
    await this.shared.marks.forget(runId);
  }

  /**
   * The retention purge. Ended runs older than the retention period lose their
   * free text and word-cloud words; every response and count stays. A run
   * still live after that long (and at least MIN_ABANDONED_DAYS) was
   * abandoned: it is ended and purged at once.
   */
  async purgeExpiredText(retentionDays: number): Promise<{ ended: string[]; purged: number }> {
    const { storage } = this.shared;
    const now = this.shared.now().getTime();
    const cutoff = new Date(now - retentionDays * DAY_MS);
    const abandonedBefore = new Date(now - Math.max(retentionDays, MIN_ABANDONED_DAYS) * DAY_MS);
    const abandoned = await storage.queries.liveRunsStartedBefore(abandonedBefore);
    // Ended and purged in one step, without its plan: all of its text goes, so nothing depends on the plan still parsing.
    for (const row of abandoned) {
      await storage.transaction(async (tx) => {
        await tx.lockRun(row.id, "change");
        await this.savePeak(tx, row.id);
        await endWithoutPlan(tx, row.id, this.shared.now());
        await tx.bumpPublishSeq(row.id);
      });
      await this.forget(row.id);
    }
    const expired = await storage.queries.runsWithTextEndedBefore(cutoff);
    for (const row of expired) await storage.transaction((tx) => purgeRunText(tx, row.id, this.shared.now()));
    if (abandoned.length + expired.length > 0) storage.forgetOldVersions();
    return { ended: abandoned.map((row) => row.id), purged: abandoned.length + expired.length };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A live run is taken as abandoned only after this many days at least, however short the retention period. */
export const MIN_ABANDONED_DAYS = 7;

/**
 * Ends a run without its plan, in the caller's transaction: its open prompts close, the key behind its response keys
 * is destroyed, its lease goes, all of its words and text go (counts stay), and everything it stored is written back
 * in key order. For a run abandoned (the retention purge), and for a run live in a backup's copy (scripts/backup.ts),
 * which can't know what its facilitator would still have approved.
 */
export async function endWithoutPlan(tx: Queries, runId: string, now: Date): Promise<void> {
  await tx.closeOpenPrompts(runId);
  await tx.markRunEnded(runId, now);
  await tx.dropLeasesOfEndedRuns();
  await purgeRunText(tx, runId, now);
  await forgetArrivalOrder(tx, runId);
}

/** Deletes every word and text of a run, its questions' text and its decisions on text; every response and count stays. */
async function purgeRunText(tx: Queries, runId: string, now: Date): Promise<void> {
  await tx.deleteRunText(runId);
  await tx.deleteQuestionText(runId);
  await tx.deleteRunDecisions(runId);
  await tx.clearSpotlights(runId);
  await tx.markTextPurged(runId, now);
}

/**
 * Writes a closed prompt's responses and decisions back in key order, or everything the run stored (a run ended
 * without its plan: "I'm in" and questions too), so that where rows sit in the file no longer tells
 * the order they arrived in (decision record 021).
 */
export async function forgetArrivalOrder(tx: Queries, runId: string, promptId?: string): Promise<void> {
  await tx.rewriteResponsesInKeyOrder(runId, promptId);
  await tx.rewriteDecisionsInKeyOrder(runId, promptId);
  if (promptId === undefined) {
    await tx.rewriteAcceptancesInKeyOrder(runId);
    await tx.rewriteQuestionsInKeyOrder(runId);
  }
}

/**
 * At a run's end, writes back in key order what may still be in arrival order: the responses of the prompts the end
 * itself closed, every decision (one made after its prompt closed stays where it arrived until now), the "I'm in"
 * rows of the agreement on screen, and the question box. A prompt closed before has had its responses rewritten at its
 * close, and since then only updates in key order have touched them; "I'm in" is taken only on the slide on screen,
 * and rewritten when the group moves on (decisions 021 and 047).
 */
export async function forgetArrivalOrderAtEnd(tx: Queries, run: LoadedRun, closedHere: string[]): Promise<void> {
  for (const promptId of closedHere) await tx.rewriteResponsesInKeyOrder(run.row.id, promptId);
  await tx.rewriteDecisionsInKeyOrder(run.row.id);
  if (run.plan.slides[run.row.currentSlide]?.kind === "agreement") await tx.rewriteAcceptancesInKeyOrder(run.row.id, run.row.currentSlide);
  await tx.rewriteQuestionsInKeyOrder(run.row.id);
}
