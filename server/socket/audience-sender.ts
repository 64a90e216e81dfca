import type { BesideIo } from "./hub";

type Broadcast = ReturnType<BesideIo["to"]>;

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
 */
export class AudienceSender {
  /** Per run, the broadcasts still to send, oldest first, and how far the oldest has got. */
  private readonly queues = new Map<string, Array<{ send: (ids: string[]) => void; ids: string[]; next: number }>>();
  private readonly timers = new Set<NodeJS.Immediate>();
  private closed = false;

  constructor(
    private readonly io: BesideIo,
    private readonly perTurn: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Sends one event to everyone in `rooms` now, in slices of `perTurn` sockets. `emit` sends it to the sockets named. */
  send(runId: string, rooms: string[], emit: (to: Broadcast) => void): void {
    if (this.closed) return;
    const ids = new Set<string>();
    for (const room of rooms) for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) ids.add(id);
    const queue = this.queues.get(runId);
    if (!queue && ids.size <= this.perTurn) {
      emit(this.io.to(rooms));
      return;
    }
    const item = { send: (slice: string[]) => emit(this.io.to(slice)), ids: [...ids], next: 0 };
    if (queue) {
      queue.push(item);
      return;
    }
    this.queues.set(runId, [item]);
    this.sendSlice(runId);
  }

  /** Broadcasts still being sent for the run (for tests). */
  pending(runId: string): number {
    return this.queues.get(runId)?.length ?? 0;
  }

  /** Stops sending: what is queued is dropped (clients get full snapshots when they reconnect). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearImmediate(timer);
    this.timers.clear();
    this.queues.clear();
  }

  private sendSlice(runId: string): void {
    const queue = this.queues.get(runId);
    const item = queue?.[0];
    if (!queue || !item) return;
    try {
      const slice = item.ids.slice(item.next, item.next + this.perTurn);
      item.next += slice.length;
      if (slice.length > 0) item.send(slice);
    } catch (error) {
      this.onError(error);
      item.next = item.ids.length;
    }
    if (item.next >= item.ids.length) queue.shift();
    if (queue.length === 0) {
      this.queues.delete(runId);
      return;
    }
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      this.sendSlice(runId);
    });
    this.timers.add(timer);
  }
}
