/** How long another process's word on its phones holds: it says it every PRESENCE_EVERY_MS while it runs. */
export const PRESENCE_TTL_MS = 3_000;
/**
 * How fresh a word must be to raise a run's recorded peak: when a process dies its phones reconnect to the others
 * within a second or two, while its last word still holds, and would be counted twice.
 */
export const PRESENCE_FRESH_MS = 1_200;
export const PRESENCE_EVERY_MS = 1_000;

export interface Counted {
  phones: number;
  displays: number;
}

/**
 * The phones and displays of each run connected to the other processes, as each last said (issue 20): the console
 * shows, and the run's peak records, the room's whole count. A process that stopped saying (it died, or the bus
 * is down) stops counting after PRESENCE_TTL_MS; while this process can't hear anyone, what it last heard is kept,
 * since a count that drops to nothing for the length of an outage would only mislead the console.
 */
export class RemotePresence {
  private readonly processes = new Map<string, { heard: number; runs: Map<string, Counted> }>();
  private frozenAt: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** A process's word; returns the runs whose count it changed. */
  heard(from: string, runs: Record<string, [number, number]>): string[] {
    const before = this.processes.get(from)?.runs ?? new Map<string, Counted>();
    const after = new Map<string, Counted>();
    const changed = new Set<string>();
    for (const [runId, [phones, displays]] of Object.entries(runs)) {
      if (phones === 0 && displays === 0) continue;
      after.set(runId, { phones, displays });
    }
    for (const runId of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(runId);
      const b = after.get(runId);
      if (a?.phones !== b?.phones || a?.displays !== b?.displays) changed.add(runId);
    }
    this.processes.set(from, { heard: this.now(), runs: after });
    return [...changed];
  }

  /** While the bus is down nobody's word grows old; from when it is back, it ages again. */
  freeze(): void {
    this.frozenAt ??= this.now();
  }

  thaw(): void {
    if (this.frozenAt === undefined) return;
    const paused = this.now() - this.frozenAt;
    for (const entry of this.processes.values()) entry.heard += paused;
    this.frozenAt = undefined;
  }

  /**
   * Forgets the words older than PRESENCE_TTL_MS (a process that died or can't be heard); returns the runs whose
   * count that changed. Nothing grows old while the bus is down (freeze).
   */
  expire(): string[] {
    const now = this.frozenAt ?? this.now();
    const changed = new Set<string>();
    for (const [from, entry] of this.processes) {
      if (now - entry.heard <= PRESENCE_TTL_MS) continue;
      this.processes.delete(from);
      for (const runId of entry.runs.keys()) changed.add(runId);
    }
    return [...changed];
  }

  /** The run's phones and displays on the other processes, by words younger than `maxAgeMs` (PRESENCE_TTL_MS). */
  of(runId: string, maxAgeMs = PRESENCE_TTL_MS): Counted {
    this.expire();
    const now = this.frozenAt ?? this.now();
    const sum = { phones: 0, displays: 0 };
    for (const entry of this.processes.values()) {
      if (now - entry.heard > maxAgeMs) continue;
      const run = entry.runs.get(runId);
      if (run) {
        sum.phones += run.phones;
        sum.displays += run.displays;
      }
    }
    return sum;
  }
}
