/**
 * Work done a slice per turn of the event loop, each slice after a `setImmediate`, so that what arrived meanwhile
 * (answers, timers, other runs) is served in between. Used by the broadcasts to a run's phones (AudienceSender,
 * decision 040) and by the answers to `run:sync` (SyncQueue, decision 046), which each keep their own queue and
 * say how much a slice does.
 */
export class TurnByTurn {
  private readonly timers = new Set<NodeJS.Immediate>();
  private closed = false;

  /** Runs `slice` in the next turn, and again in the turn after for as long as it returns true (more is left). */
  later(slice: () => boolean): void {
    if (this.closed) return;
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      if (slice()) this.later(slice);
    });
    this.timers.add(timer);
  }

  /** Runs no slice from now on. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearImmediate(timer);
    this.timers.clear();
  }
}
