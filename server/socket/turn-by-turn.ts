/**
 * Work done a slice per turn of the event loop, each slice after a `setImmediate`, so that what arrived meanwhile
 * (answers, timers, other runs) is served in between. Used by the broadcasts to a run's phones (AudienceSender,
 * decision 040) and by the answers to `run:sync` (SyncQueue, decision 046), which each keep their own queue and
 * say how much a slice does.
 *
 * A slice may wait (its work reads storage, which may answer later): the next slice is then scheduled only once it
 * has settled, so slices never overlap. A slice that throws or rejects is reported to `onError`, and none follows it.
 */
export class TurnByTurn {
  private readonly timers = new Set<NodeJS.Immediate>();
  private closed = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `slice` in the next turn, and again in the turn after it settles for as long as it says true (more is left). */
  later(slice: () => boolean | Promise<boolean>): void {
    if (this.closed) return;
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      let more: boolean | Promise<boolean>;
      try {
        more = slice();
      } catch (error) {
        this.onError(error);
        return;
      }
      if (more === true) this.later(slice);
      else if (more instanceof Promise) {
        more.then(
          (again) => {
            if (again) this.later(slice);
          },
          (error: unknown) => this.onError(error),
        );
      }
    });
    this.timers.add(timer);
  }

  /** Runs no slice from now on (one that is waiting finishes, but schedules none after it). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearImmediate(timer);
    this.timers.clear();
  }
}
