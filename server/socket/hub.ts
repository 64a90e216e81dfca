import type { Server } from "socket.io";

import type { ClientToServerEvents, Role, ServerToClientEvents, SocketData } from "~/realtime/events";
import type { LoadedRun, RunEngine } from "~/runs/run-engine.server";

export type BesideIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Results go out at most this often per run, however fast answers arrive. */
export const TALLY_INTERVAL_MS = 100;

export function roleRoom(runId: string, role: Role): string {
  return `run:${runId}:${role}`;
}

/**
 * Sends what has been committed to the right rooms. State changes (slide,
 * phase, end) go out at once; results are coalesced per run.
 */
export class RunHub {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The last public results sent per run, so unchanged results aren't sent again. */
  private readonly lastPublic = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly io: BesideIo,
    private readonly engine: RunEngine,
    private readonly onError: (error: unknown) => void,
  ) {}

  connectedParticipants(runId: string): number {
    return this.io.sockets.adapter.rooms.get(roleRoom(runId, "participant"))?.size ?? 0;
  }

  /** After a slide, phase or run-state change: a fresh view for every screen of the run. */
  publishState(runId: string): void {
    const run = this.engine.loadRun(runId);
    if (!run) return;
    this.cancelTally(runId);
    const view = this.engine.audienceView(run);
    this.lastPublic.set(runId, JSON.stringify(view.results));
    this.io.to([roleRoom(runId, "display"), roleRoom(runId, "participant")]).emit("audience:state", view);
    this.io.to(roleRoom(runId, "facilitator")).emit("facilitator:state", this.engine.facilitatorView(run, this.connectedParticipants(runId)));
    if (run.row.state === "ended") this.lastPublic.delete(runId);
  }

  /** After answers were committed or phones came and went: send results within TALLY_INTERVAL_MS. */
  tallyChanged(runId: string): void {
    if (this.closed || this.pending.has(runId)) return;
    this.pending.set(
      runId,
      setTimeout(() => {
        this.pending.delete(runId);
        try {
          this.publishTally(runId);
        } catch (error) {
          this.onError(error);
        }
      }, TALLY_INTERVAL_MS),
    );
  }

  /** Stops sending: pending tallies are dropped (clients get full snapshots when they reconnect). */
  close(): void {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private publishTally(runId: string): void {
    const run = this.engine.loadRun(runId);
    if (!run) return;
    this.io.to(roleRoom(runId, "facilitator")).emit("facilitator:tally", this.engine.facilitatorTally(run, this.connectedParticipants(runId)));
    this.publishAudienceResults(run);
  }

  private publishAudienceResults(run: LoadedRun): void {
    const update = this.engine.audienceResults(run);
    if (!update) return;
    const serialized = JSON.stringify(update.results);
    if (this.lastPublic.get(run.row.id) === serialized) return;
    this.lastPublic.set(run.row.id, serialized);
    this.io.to([roleRoom(run.row.id, "display"), roleRoom(run.row.id, "participant")]).emit("audience:results", update);
  }

  private cancelTally(runId: string): void {
    const timer = this.pending.get(runId);
    if (timer) clearTimeout(timer);
    this.pending.delete(runId);
  }
}
