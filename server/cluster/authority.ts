import { randomUUID } from "node:crypto";
import os from "node:os";

import type { Storage } from "~/storage/storage";

/** How long a run's lease lasts from its last renewal, how often it is renewed, and how often free runs are looked for (decision 051). */
export const LEASE_TTL_MS = 3000;
export const RENEW_INTERVAL_MS = 1000;
export const SCAN_INTERVAL_MS = 1000;
/** Added at random to each wait before a scan, so processes started together don't all ask at once. */
export const SCAN_JITTER_MS = 200;
/** The most free runs one scan takes. */
export const SCAN_LIMIT = 50;

export interface AuthorityOptions {
  /** Who this process is in the leases table; by default `host:pid:uuid`, new at each start. */
  holder?: string;
  ttlMs?: number;
  renewIntervalMs?: number;
  scanIntervalMs?: number;
  scanJitterMs?: number;
  /** This process now holds `run`'s lease, at `epoch`: it does the run's serialised work from now on. */
  onGained?: (run: string, epoch: number) => void;
  /** This process no longer holds `run`'s lease (it ran out, another process has it, or the run ended): it stops that work. */
  onLost?: (run: string) => void;
  /** Told once when the leases can't be reached, and again only after they could be. */
  onProblem?: (message: string) => void;
}

interface Held {
  epoch: number;
  /** When the lease runs out at the latest, on this process's clock (performance.now): measured from before it was asked for. */
  until: number;
}

/**
 * Which live runs this process is the authority for (decision 051): each run has one at a time, the holder of the
 * run's lease in the database. While started it renews every lease it holds in one statement each
 * `renewIntervalMs`, and looks for live runs nobody holds each `scanIntervalMs` (plus a random jitter), taking them.
 * A lease it fails to renew (the database is down, say) it keeps in memory only until it would have run out, then
 * reports it lost; a lease taken by another process in the meantime (its renewal stalled) is reported lost at the
 * next renewal. `stop` lets go of every lease, so another process takes the runs at its next scan.
 */
export class Authority {
  readonly holder: string;
  private readonly held = new Map<string, Held>();
  private readonly ttlMs: number;
  private readonly renewIntervalMs: number;
  private readonly scanIntervalMs: number;
  private readonly scanJitterMs: number;
  private readonly onGained: (run: string, epoch: number) => void;
  private readonly onLost: (run: string) => void;
  private readonly onProblem: (message: string) => void;
  private renewTimer: NodeJS.Timeout | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  /** The renewal or scan under way, which `stop` waits for before letting go. */
  private readonly underWay = new Set<Promise<unknown>>();
  /** Whether a failure has been reported and nothing has succeeded since. */
  private failing = false;

  constructor(
    private readonly storage: Storage,
    options: AuthorityOptions = {},
  ) {
    this.holder = options.holder ?? `${os.hostname()}:${process.pid}:${randomUUID()}`;
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.renewIntervalMs = options.renewIntervalMs ?? RENEW_INTERVAL_MS;
    this.scanIntervalMs = options.scanIntervalMs ?? SCAN_INTERVAL_MS;
    this.scanJitterMs = options.scanJitterMs ?? SCAN_JITTER_MS;
    this.onGained = options.onGained ?? (() => {});
    this.onLost = options.onLost ?? (() => {});
    this.onProblem = options.onProblem ?? (() => {});
  }

  /** Starts renewing and scanning, with a first scan at once (runs left by a process that stopped are taken now). */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.scheduleRenew();
    void this.track(this.scan());
  }

  /** Whether this process holds `run`'s lease now (as far as it knows: until its last renewal runs out). */
  holds(run: string): boolean {
    const held = this.held.get(run);
    return held !== undefined && held.until > performance.now();
  }

  /** The epoch of `run`'s lease while this process holds it. */
  epoch(run: string): number | undefined {
    return this.holds(run) ? this.held.get(run)!.epoch : undefined;
  }

  /** The runs whose lease this process holds. */
  runs(): string[] {
    return [...this.held.keys()].filter((run) => this.holds(run));
  }

  /**
   * Takes `run`'s lease now (this process has just started the run), to be renewed from then on; its epoch, or null
   * when another process holds it or the lease can't be reached (the next scans try again).
   */
  take(run: string): Promise<number | null> {
    // Tracked, so that a stop lets go only after it: a lease taken just after would outlast the process.
    return this.track(this.takeNow(run));
  }

  private async takeNow(run: string): Promise<number | null> {
    if (this.stopped) return null;
    const asked = performance.now();
    let epoch: number | null;
    try {
      epoch = await this.storage.queries.takeLease(run, this.holder, this.ttlMs);
      this.recovered();
    } catch (error) {
      this.error(`a run's lease couldn't be taken: ${describe(error)}`);
      return null;
    }
    if (epoch === null || this.stopped) return null;
    const before = this.held.get(run);
    this.held.set(run, { epoch, until: asked + this.ttlMs });
    if (before?.epoch === epoch) return epoch;
    // Held before at another epoch: another process had it in between, and its work here is stale.
    if (before) this.tell(() => this.onLost(run));
    this.tell(() => this.onGained(run, epoch));
    return epoch;
  }

  /**
   * Takes the lease `name` for `ttlMs` once, not renewed (`~maintenance` before each retention purge): whether this
   * process holds it now. Another process holding it, or the lease out of reach, is a no.
   */
  async takeOnce(name: string, ttlMs: number): Promise<boolean> {
    if (this.stopped) return false;
    try {
      return (await this.storage.queries.takeLease(name, this.holder, ttlMs)) !== null;
    } catch (error) {
      this.error(`the lease ${name} couldn't be taken: ${describe(error)}`);
      return false;
    }
  }

  /** Lets go of the lease `name` (`~maintenance` once the purge is done, say) so another process may take it at once. */
  async letGoOf(name: string): Promise<void> {
    this.held.delete(name);
    try {
      await this.storage.queries.dropLeases(this.holder, [name]);
    } catch (error) {
      this.error(`the lease ${name} couldn't be let go (it runs out on its own): ${describe(error)}`);
    }
  }

  /**
   * Stops renewing and scanning without letting go of any lease, as a process that is killed does: others take its
   * runs once the leases run out. What it held is forgotten here, without onLost.
   */
  async halt(): Promise<void> {
    this.stopped = true;
    this.running = false;
    clearTimeout(this.renewTimer);
    clearTimeout(this.scanTimer);
    await Promise.allSettled([...this.underWay]);
    this.held.clear();
  }

  /** Stops, and lets go of every lease this process holds (`~maintenance` too), so others take them at their next scan. */
  stop(): Promise<void> {
    this.stopping ??= this.halt().then(() =>
      this.storage.queries.dropLeases(this.holder).catch((error: unknown) => {
        this.onProblem(`the leases couldn't be let go (others take them once they run out): ${describe(error)}`);
      }),
    );
    return this.stopping;
  }

  private stopping: Promise<void> | undefined;

  private scheduleRenew(): void {
    this.renewTimer = setTimeout(() => {
      void this.track(this.renew()).finally(() => {
        if (this.running) this.scheduleRenew();
      });
    }, this.renewIntervalMs);
    this.renewTimer.unref();
  }

  private scheduleScan(): void {
    this.scanTimer = setTimeout(() => void this.track(this.scan()), this.scanIntervalMs + Math.random() * this.scanJitterMs);
    this.scanTimer.unref();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.underWay.add(work);
    void work.finally(() => this.underWay.delete(work)).catch(() => {});
    return work;
  }

  /** Renews every lease held in one statement; one not renewed is lost, and, when the renewal fails, so is one that has run out. */
  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const asked = performance.now();
    const sent = new Map(this.held);
    let renewed: Array<{ name: string; epoch: number }>;
    try {
      renewed = await this.storage.queries.renewLeases(this.holder, [...sent.keys()], this.ttlMs);
      this.recovered();
    } catch (error) {
      this.error(`the leases couldn't be renewed: ${describe(error)}`);
      if (this.stopped) return;
      for (const [run, held] of sent) if (held.until <= performance.now()) this.lose(run, held);
      return;
    }
    if (this.stopped) return;
    const still = new Map(renewed.map((row) => [row.name, row.epoch]));
    for (const [run, held] of sent) {
      const epoch = still.get(run);
      if (epoch === held.epoch) {
        // Unless taken again meanwhile (take), which counts from later.
        if (this.held.get(run) === held) this.held.set(run, { epoch, until: asked + this.ttlMs });
      } else {
        this.lose(run, held);
      }
    }
  }

  /** Forgets `run` and says so, unless it was taken again after `held` was read. */
  private lose(run: string, held: Held): void {
    if (this.held.get(run) !== held) return;
    this.held.delete(run);
    this.tell(() => this.onLost(run));
  }

  /** Calls onGained or onLost: one that throws is reported, and the loops go on. */
  private tell(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.onProblem(`a lease's holder failed to act on a change: ${describe(error)}`);
    }
  }

  /** Takes the live runs nobody holds; then waits for the next scan. */
  private async scan(): Promise<void> {
    try {
      let free: string[];
      try {
        free = await this.storage.queries.liveRunsWithoutHolder(SCAN_LIMIT);
        this.recovered();
      } catch (error) {
        this.error(`live runs without a holder couldn't be looked for: ${describe(error)}`);
        return;
      }
      for (const run of free) {
        if (!this.running) return;
        await this.takeNow(run);
      }
    } finally {
      if (this.running) this.scheduleScan();
    }
  }

  /** A problem for the server's log: once, until something works again. */
  private error(message: string): void {
    if (this.failing) return;
    this.failing = true;
    this.onProblem(message);
  }

  private recovered(): void {
    this.failing = false;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
