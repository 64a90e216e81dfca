import type { SignalCounts, SignalKind } from "~/realtime/events";

/** The console counts signals sent in this window. */
export const SIGNAL_WINDOW_MS = 5 * 60 * 1000;

/** What the console shows before any signal, or when it has none to show. */
export const NO_SIGNALS: SignalCounts = { pause: 0, steppingOut: 0, windowMinutes: SIGNAL_WINDOW_MS / 60_000 };

/**
 * Pause and stepping-out signals, per run, in memory only. Each is kept as
 * the time it was counted and nothing else: no device, no socket, no key. It
 * is never written to the database or a log, and is gone after the window.
 */
export class SignalBoard {
  private readonly times = new Map<string, Record<SignalKind, number[]>>();

  constructor(private readonly now: () => number = Date.now) {}

  record(runId: string, kind: SignalKind): void {
    const run = this.times.get(runId) ?? { pause: [], "stepping-out": [] };
    run[kind].push(this.now());
    this.times.set(runId, run);
  }

  counts(runId: string): SignalCounts {
    const run = this.times.get(runId);
    const since = this.now() - SIGNAL_WINDOW_MS;
    if (run) {
      run.pause = run.pause.filter((time) => time > since);
      run["stepping-out"] = run["stepping-out"].filter((time) => time > since);
      if (run.pause.length === 0 && run["stepping-out"].length === 0) this.times.delete(runId);
    }
    return {
      pause: run?.pause.length ?? 0,
      steppingOut: run?.["stepping-out"].length ?? 0,
      windowMinutes: SIGNAL_WINDOW_MS / 60_000,
    };
  }

  forget(runId: string): void {
    this.times.delete(runId);
  }
}
