import type { BesideIo } from "./hub";
import { TurnByTurn } from "./turn-by-turn";

type Broadcast = ReturnType<BesideIo["to"]>;
/** What a broadcast replaces on a screen: see AudienceSender. */
type Kind = "state" | "live";

/**
 * Socket.IO writes a room broadcast to every socket in one go: about 17 µs a socket on the benchmark's machine, so
 * 170 ms for 10,000 phones during which nothing else runs (docs/performance.md). This sends a broadcast to at most
 * `perTurn` sockets per turn of the event loop, the next slice after a `setImmediate`, so answers, timers and
 * other runs are served in between (decision 040).
 *
 * Order: each run has one queue, and a broadcast goes out only after the one before it reached every socket it
 * was for, so every connection still gets the run's broadcasts in the order they were made. Who gets a
 * broadcast is decided when it is made, as with `io.to(room).emit`: a socket that connects later has its snapshot,
 * built after the change, and isn't sent the older broadcast. A broadcast for a small room, with nothing queued
 * before it, goes out at once, as before.
 *
 * A newer broadcast that replaces what an older one says takes its place for the sockets the older one hasn't
 * reached yet: a state replaces everything a screen has (an older state or live update), a live update replaces
 * an older live update. So while answers pour in and results are released ten times a second, the queue holds at
 * most two broadcasts, and a phone is never sent results that newer ones have replaced. The run's displays come
 * first in a broadcast (the hub names their room first), so the room's screen changes with the first slice.
 *
 * Only this process's sockets (`io.local`): with several processes each sends its own screens (decision 052).
 */
export class AudienceSender {
  /** Per run, the broadcasts still to send, oldest first, and how far the oldest has got. */
  private readonly queues = new Map<string, Array<{ kind: Kind; send: (ids: string[]) => void; ids: string[]; next: number }>>();
  private readonly turns = new TurnByTurn((error) => this.onError(error));
  private closed = false;

  constructor(
    private readonly io: BesideIo,
    private readonly perTurn: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Sends one event to everyone in `rooms` now, in slices of `perTurn` sockets. `emit` sends it to the sockets named;
   * `kind` says what it replaces: a "state" replaces everything a screen was sent, a "live" update an older "live".
   */
  send(runId: string, rooms: string[], kind: Kind, emit: (to: Broadcast) => void): void {
    if (this.closed) return;
    const ids = new Set<string>();
    for (const room of rooms) for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) ids.add(id);
    const queue = this.queues.get(runId);
    if (!queue && ids.size <= this.perTurn) {
      emit(this.io.local.to(rooms));
      return;
    }
    const item = { kind, send: (slice: string[]) => emit(this.io.local.to(slice)), ids: [...ids], next: 0 };
    if (queue) {
      // What this one replaces goes no further. The queue is never left empty here: this one joins it, and the
      // next slice, already scheduled, sends it.
      const replaced = (older: { kind: Kind }) => kind === "state" || older.kind === "live";
      const kept = queue.filter((older) => !replaced(older));
      queue.splice(0, queue.length, ...kept, item);
      return;
    }
    this.queues.set(runId, [item]);
    if (this.sendSlice(runId)) this.turns.later(() => this.sendSlice(runId));
  }

  /** Broadcasts still being sent for the run (for tests). */
  pending(runId: string): number {
    return this.queues.get(runId)?.length ?? 0;
  }

  /** Stops sending: what is queued is dropped (clients get full snapshots when they reconnect). */
  close(): void {
    this.closed = true;
    this.turns.close();
    this.queues.clear();
  }

  /** Sends the run's next slice; true while more is left to send. */
  private sendSlice(runId: string): boolean {
    const queue = this.queues.get(runId);
    const item = queue?.[0];
    if (!queue || !item) return false;
    try {
      const slice = item.ids.slice(item.next, item.next + this.perTurn);
      item.next += slice.length;
      if (slice.length > 0) item.send(slice);
    } catch (error) {
      this.onError(error);
      item.next = item.ids.length;
    }
    if (item.next >= item.ids.length) queue.shift();
    if (queue.length > 0) return true;
    this.queues.delete(runId);
    return false;
  }
}
