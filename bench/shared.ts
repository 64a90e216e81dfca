/** What the benchmark's three processes share: the plan's prompts, the sizes of each run, and the messages between them. */

/** The bench plan's slides (bench/plans/bench.md): the prompt on each, by index. The baseline serves the same list. */
export const BENCH_SLIDES: ReadonlyArray<string | null> = [null, "burst-1", "burst-2", "burst-3", "paced", "revealed"];
/**
 * The prompts the burst runs on, one fresh prompt per burst; the paced answers go to "paced", and one more burst to
 * "revealed", revealed while open (its results go to every phone as answers come in).
 */
export const BURST_PROMPTS = BENCH_SLIDES.filter((id): id is string => id?.startsWith("burst-") === true);
export const BENCH_PLANS = "bench/plans";
export const OPTIONS_PER_PROMPT = 4;

export interface Sizes {
  /** Participants connected at each idle step; the last is the population for the burst and the paced scenarios. */
  steps: number[];
  /** Everyone answers once, at a random moment in this window; once on each of BURST_PROMPTS. */
  burstWindowMs: number;
  pacedRate: number;
  /** Paced answers for this long in all, in rounds taken in turn by the baseline and Beside. */
  pacedSeconds: number;
  pacedRounds: number;
}

export const FULL: Sizes = { steps: [1000, 5000, 10_000], burstWindowMs: 1000, pacedRate: 2000, pacedSeconds: 60, pacedRounds: 3 };
export const QUICK: Sizes = { steps: [100, 250, 500], burstWindowMs: 1000, pacedRate: 2000, pacedSeconds: 5, pacedRounds: 1 };

/** The figures of one answering scenario, as the driver measured them (milliseconds). */
export interface AnswerStats {
  sent: number;
  acked: number;
  /** Acknowledgements that were refusals, by code ("timeout" when none came). */
  failed: Record<string, number>;
  ack: { p50: number; p99: number; max: number };
  voteToTally: { p50: number; p99: number; max: number };
  /** Acknowledged votes that no facilitator:tally covered before the scenario ended. */
  noTally: number;
  lost: number;
  duplicates: number;
  /** How far the sender fell behind its schedule at worst (ms), and the driver's own event-loop delay p99 and CPU. */
  senderLagMs: number;
  driverLoopP99Ms: number;
  /** CPU used while sending, in % of one core: the driver's own, and the server's (added by bench/run.ts). */
  driverCpuPct: number;
  serverCpuPct?: number;
  /** The server's CPU time over the scenario divided by the answers sent: its work per answer, steadier than latency. */
  serverCpuMsPerAnswer?: number;
  /** With several Beside processes (`--processes N`): serverCpuMsPerAnswer is their sum, and this each one's. */
  serverCpuMsPerAnswerByProcess?: number[];
  /** With `--backend postgres`: the CPU of PostgreSQL (every backend), Redis and HAProxy over the scenario, per answer sent. */
  servicesCpuMsPerAnswer?: number;
  /** The server's event-loop delay while the answers came (added by bench/run.ts; the worst of its rounds). */
  serverLoop?: LoopDelay;
}

/** The facilitator's commands the benchmark times, all of which the baseline also takes. */
export type FacilitatorCommand = "slide:go" | "prompt:open" | "prompt:close" | "prompt:reveal" | "prompt:hide" | "run:pause" | "run:end";

/** The server's event-loop delay over one scenario (bench/server-hooks.mjs), in ms: its worst and its 99th percentile. */
export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
}

export type ToDriver =
  /**
   * The phones connect to `url`, the console to `consoleUrl` (`url` when not given); `dbFile` is Beside's SQLite file
   * or its DATABASE_URL, where the driver checks what was stored.
   */
  | { type: "setup"; url: string; consoleUrl?: string; code: string; cookie: string; dbFile: string }
  | { type: "connect"; total: number }
  /** Goes to the prompt and opens it (unless it is `alreadyOpen`), and starts counting the votes on it afresh. */
  | { type: "open"; promptId: string; alreadyOpen?: boolean }
  | { type: "burst"; windowMs: number }
  | { type: "paced"; rate: number; seconds: number }
  /** A facilitator command; answered once it is acknowledged and every phone has had the audience:state it sends. */
  | { type: "command"; event: FacilitatorCommand; payload: Record<string, unknown> }
  | { type: "stats" }
  /** The phones leave (before the takeover, on another run). */
  | { type: "disconnect" }
  /** Another console, on another run, that reconnects on its own after a drop (the takeover, with `--processes N`). */
  | { type: "console"; url: string; code: string; cookie: string }
  /** Answered once that console, dropped, has reconnected and received a `facilitator:state` (60 s at most). */
  | { type: "reconnected" }
  | { type: "close" };

export type FromDriver =
  | { type: "ready" }
  | { type: "connected"; connected: number; failed: number; ms: number }
  | { type: "ran" }
  | { type: "commanded"; ackMs: number; allPhonesMs: number; syncs: number }
  | { type: "answered"; stats: AnswerStats }
  /** When (Date.now()) the console's connection dropped, when it was back, and when its first facilitator:state came after. */
  | { type: "reconnected"; droppedAt: number; connectedAt: number; stateAt: number }
  | { type: "error"; message: string };

/**
 * One figure for repeated runs of a scenario: counts added up, every latency, lag and CPU figure the median of the
 * runs' (so one disturbed run doesn't decide it).
 */
export function medianOfRuns(runs: AnswerStats[]): AnswerStats {
  const median = (pick: (run: AnswerStats) => number | undefined) => percentile(runs.map(pick).filter((v): v is number => v !== undefined), 50);
  const sum = (pick: (run: AnswerStats) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const failed: Record<string, number> = {};
  for (const run of runs) for (const [code, n] of Object.entries(run.failed)) failed[code] = (failed[code] ?? 0) + n;
  const latency = (which: "ack" | "voteToTally") => ({
    p50: median((run) => run[which].p50),
    p99: median((run) => run[which].p99),
    max: median((run) => run[which].max),
  });
  return {
    sent: sum((run) => run.sent),
    acked: sum((run) => run.acked),
    failed,
    ack: latency("ack"),
    voteToTally: latency("voteToTally"),
    noTally: sum((run) => run.noTally),
    lost: sum((run) => run.lost),
    duplicates: sum((run) => run.duplicates),
    senderLagMs: median((run) => run.senderLagMs),
    driverLoopP99Ms: median((run) => run.driverLoopP99Ms),
    driverCpuPct: median((run) => run.driverCpuPct),
    serverCpuPct: median((run) => run.serverCpuPct),
    serverCpuMsPerAnswer: median((run) => run.serverCpuMsPerAnswer),
    ...(runs.every((run) => run.serverCpuMsPerAnswerByProcess)
      ? {
          serverCpuMsPerAnswerByProcess: runs[0]!.serverCpuMsPerAnswerByProcess!.map((_, i) =>
            median((run) => run.serverCpuMsPerAnswerByProcess![i]),
          ),
        }
      : {}),
    ...(runs.every((run) => run.servicesCpuMsPerAnswer !== undefined) ? { servicesCpuMsPerAnswer: median((run) => run.servicesCpuMsPerAnswer) } : {}),
    ...(runs.every((run) => run.serverLoop)
      ? { serverLoop: { maxMs: median((run) => run.serverLoop!.maxMs), p99Ms: median((run) => run.serverLoop!.p99Ms) } }
      : {}),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rounded to `digits` decimals, for printing. */
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The p-th percentile (0–100) of unsorted values, nearest rank; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
