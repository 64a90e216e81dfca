/**
 * `npm run bench [-- --quick] [-- --profile]`: Beside's realtime benchmark (issue 5; docs/performance.md).
 *
 * The bare baseline (bench/baseline-server.ts) and Beside's production server run side by side, each in its own
 * process and each driven by its own driver process (bench/driver.ts). Phones connect in steps and each server's RSS
 * is read at each; then every phone answers within one second (burst, three times, on fresh prompts); then answers
 * arrive at a steady rate (paced). Every step is taken by both in turn (the bursts alternate who goes first, the paced
 * answers come in rounds), so both are measured under the same background load. Prints a table of Beside against the baseline and the targets, and
 * writes bench/results/latest.json. `--profile` writes a CPU profile of each server to bench/results/profiles/.
 * `--participants N` and `--paced-seconds S` change the sizes. `--sign-in-flood` instead measures a phone joining
 * Beside during a flood of sign-ins (bench/sign-in-flood.ts) and writes bench/results/sign-in-flood.json.
 *
 * `--backend postgres` runs Beside on a throwaway PostgreSQL (scripts/services-lib.ts) instead of a SQLite file, and
 * `--processes 2` as two processes sharing it and a throwaway Redis, behind HAProxy (deploy/haproxy.cfg, which names
 * two): the phones connect through HAProxy, the console to the first process, and each figure of the server is the
 * processes' (their RSS and CPU added up, the worst of their event-loop delays). After the measured part, the
 * process holding a fresh run's lease is killed (SIGKILL) and the takeover timed (docs/performance.md).
 */
import { execFileSync, fork, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { startHaproxy, startServices, stopServices } from "../scripts/services-lib";
import { isPostgresUrl } from "../tests/helpers/backend";
import { startScript, startServerProcess, type ServerProcess } from "../tests/helpers/process";
import { startRun } from "../tests/helpers/server";
import { measureSignInFlood } from "./sign-in-flood";
import {
  BENCH_PLANS,
  BENCH_SLIDES,
  BURST_PROMPTS,
  FULL,
  QUICK,
  medianOfRuns,
  round,
  sleep,
  type AnswerStats,
  type FacilitatorCommand,
  type FromDriver,
  type LoopDelay,
  type Sizes,
  type ToDriver,
} from "./shared";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
/** `--commands`: only the facilitator's commands and the revealed prompt, at the last size (one burst first, for answers to show). */
const commandsOnly = args.includes("--commands");
const profile = args.includes("--profile");
/** `--participants N` and `--paced-seconds S` change the size of either run, e.g. to look into one figure. */
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : undefined;
};
const participants = option("participants");
/** `--backend sqlite|postgres` and `--processes N` (issue 20): where Beside stores its runs, and how many processes serve them. */
const backend = args.includes("--backend") ? args[args.indexOf("--backend") + 1] : "sqlite";
const processCount = option("processes") ?? 1;
const usage = (problem: string) => {
  console.error(`npm run bench: ${problem}`);
  process.exit(2);
};
if (backend !== "sqlite" && backend !== "postgres") usage("--backend is sqlite (the default) or postgres.");
if (!Number.isInteger(processCount) || processCount < 1) usage("--processes takes a whole number of processes.");
if (processCount > 1 && backend !== "postgres")
  usage("--processes 2 needs --backend postgres: several processes share a PostgreSQL, never a SQLite file.");
if (processCount > 2) usage("deploy/haproxy.cfg names two Beside processes: --processes 2 at most.");
if (backend !== "sqlite" && args.includes("--sign-in-flood")) usage("--sign-in-flood runs on SQLite only.");
/** What the Beside column is, in the printed table and the JSON. */
const besideIs =
  backend === "sqlite"
    ? "SQLite, one process"
    : processCount === 1
      ? "PostgreSQL, one process"
      : `PostgreSQL and Redis, ${processCount} processes; phones through HAProxy, the console on the first process`;
const sizes: Sizes = {
  ...(quick ? QUICK : FULL),
  ...(participants ? { steps: [participants] } : commandsOnly ? { steps: [(quick ? QUICK : FULL).steps.at(-1)!] } : {}),
  ...(option("paced-seconds") ? { pacedSeconds: option("paced-seconds")! } : {}),
};
if (processCount > 1) {
  const problem = raiseOpenFilesLimit(sizes.steps.at(-1)!);
  if (problem) usage(problem);
}
const RESULTS = "bench/results";
/** Issue 19: no facilitator command and no tally publish holds Beside's event loop longer than this. */
const LOOP_TARGET_MS = 50;
const HOOKS = `--import ${path.resolve("bench/server-hooks.mjs")}`;

interface Server {
  /** Its processes: one, or with `--processes N` Beside's N. */
  processes: Array<{
    pid: number;
    /** Where the process writes its event-loop delay when asked (bench/server-hooks.mjs). */
    loopFile: string;
  }>;
  /** Where the phones connect: the server, or HAProxy in front of Beside's processes. */
  url: string;
  /** Where the console connects: the server, or Beside's first process. */
  consoleUrl: string;
  code: string;
  cookie: string;
  /** The SQLite file, or Beside's DATABASE_URL. */
  dbFile: string;
  /** With `--backend postgres`: the CPU seconds PostgreSQL, Redis and HAProxy have used so far. */
  servicesCpu?: () => number;
  /** With `--processes N`: Beside's processes, in the order HAProxy names them (server a, b). */
  cluster?: ServerProcess[];
  stop(): Promise<unknown>;
}

interface TargetResult {
  rssBeforeKb: number;
  idle: Array<{ participants: number; connected: number; failed: number; connectMs: number; rssKb: number; perParticipantKb: number }>;
  /** The median of the bursts (medianOfRuns), and each of them. */
  burst: AnswerStats;
  bursts: AnswerStats[];
  paced: AnswerStats;
  /** The facilitator's commands, timed one by one, and the answers on a revealed prompt. */
  commands: CommandStats[];
  revealedBurst: AnswerStats;
  revealedPaced: AnswerStats;
  /** With `--processes N`: the takeover after the run's holder is killed. */
  takeover?: Takeover;
}

/** Milliseconds from the SIGKILL of a run's lease holder (docs/performance.md). */
interface Takeover {
  /** Until another process held the lease (the leases table, polled every 50 ms). */
  leaseMs: number;
  /** Until a console on the killed process saw its connection drop, was connected again (through HAProxy), and got a facilitator:state. */
  consoleDroppedMs: number;
  consoleReconnectedMs: number;
  consoleStateMs: number;
}

interface CommandStats {
  label: string;
  event: FacilitatorCommand;
  loop: LoopDelay;
  ackMs: number;
  allPhonesMs: number;
  /** The phones' run:sync requests the command set off (the phone page asks for its own answer back on a prompt). */
  syncs: number;
}

/** With --profile, the server writes a CPU profile to bench/results/profiles/<name>-<pid>.cpuprofile when it stops. */
const profiling = (name: string): Record<string, string> =>
  profile ? { BENCH_CPU_PROFILE: path.resolve(RESULTS, "profiles"), BENCH_CPU_PROFILE_NAME: name } : {};

const loopFileFor = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), `beside-loop-${name}-`)), "loop.json");

async function startBeside(): Promise<Server> {
  const env = {
    PLANS_DIR: BENCH_PLANS,
    // Every simulated phone comes from one of eight loopback addresses (or, through HAProxy, from its one).
    PARTICIPANTS_PER_ADDRESS: "100000",
    NODE_OPTIONS: HOOKS,
    ...profiling("beside"),
  };
  if (backend === "postgres") return startCluster(env);
  const loopFile = loopFileFor("beside");
  const server = await startServerProcess({ BENCH_LOOP_FILE: loopFile, ...env });
  const run = await startRun(server, "bench", 5);
  const { url, dbFile } = server;
  return {
    processes: [{ pid: server.child.pid!, loopFile }],
    url,
    consoleUrl: url,
    code: run.code,
    cookie: run.cookie,
    dbFile,
    stop: () => server.stop(),
  };
}

/**
 * Beside on a throwaway PostgreSQL: one process, or with `--processes N` N of them sharing it and a throwaway Redis,
 * behind HAProxy, as tests/integration/cluster.test.ts starts them. Everything is stopped and removed by `stop`.
 */
async function startCluster(env: Record<string, string>): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-bench-services-"));
  const started: ServerProcess[] = [];
  const processes: Server["processes"] = [];
  const stop = async () => {
    for (const server of started) await server.stop();
    await stopServices(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { databaseUrl, redisUrl } = await startServices({ dir, postgres: true, redis: processCount > 1 });
    for (let i = 0; i < processCount; i++) {
      const loopFile = loopFileFor(`beside-${i}`);
      const server = await startServerProcess({
        ...env,
        BENCH_LOOP_FILE: loopFile,
        DATABASE_FILE: databaseUrl!,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      });
      started.push(server);
      processes.push({ pid: server.child.pid!, loopFile });
    }
    let url = started[0]!.url;
    if (processCount > 1) {
      url = await startHaproxy({ dir, backends: started.map((server) => new URL(server.url).host) as [string, string] });
    }
    const run = await startRun(started[0]!, "bench", 5);
    const { code, cookie } = run;
    const servicesCpu = () => servicesCpuSeconds(dir);
    const cluster = processCount > 1 ? started : undefined;
    return { processes, url, consoleUrl: started[0]!.url, code, cookie, dbFile: databaseUrl!, servicesCpu, cluster, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * HAProxy takes its connection limit from its open-files limit (deploy/haproxy.cfg sets none): about half of it, as
 * each phone through it holds two, its own and the one to Beside (9,990 at 20,000). The limit is raised for this
 * process, whose children inherit it, where the system allows; if the phones still wouldn't fit, says so (the run
 * stops before it starts).
 */
function raiseOpenFilesLimit(phones: number): string | undefined {
  const limits = () => {
    const found = /Max open files\s+(\S+)\s+(\S+)/.exec(fs.readFileSync("/proc/self/limits", "utf8")) ?? [];
    return found.slice(1, 3).map((n) => (n === "unlimited" ? Infinity : Number(n)));
  };
  const wanted = 2 * phones + 1000;
  const [soft, hard] = limits();
  if (soft! >= wanted) return undefined;
  // Only a process allowed to (CAP_SYS_RESOURCE) may raise the hard limit.
  for (const limit of [Math.max(wanted, 65_536), hard!]) {
    const raised = spawnSync("prlimit", ["--pid", String(process.pid), `--nofile=${limit}:${Math.max(limit, hard!)}`], { stdio: "ignore" });
    if (raised.status === 0) break;
  }
  const [now] = limits();
  if (now! >= wanted) return undefined;
  const fits = Math.floor((now! - 1000) / 2000) * 1000;
  return (
    `HAProxy would hold about ${Math.floor(now! / 2)} connections with this open-files limit (${now}), too few for ${phones} phones, ` +
    `and it can't be raised here: run with --participants ${fits} or fewer.`
  );
}

/**
 * The CPU seconds used so far by what Beside's processes share: PostgreSQL (its postmaster, each backend alive, and
 * those that ended, which the postmaster's own figures count), Redis and HAProxy; their pid files are in `dir`.
 */
function servicesCpuSeconds(dir: string): number {
  const pidIn = (file: string) => (fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : undefined);
  let total = 0;
  const postmaster = pidIn(path.join(dir, "postgres", "data", "postmaster.pid"));
  if (postmaster) {
    total += cpuSeconds(postmaster, true);
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (statFields(Number(entry))[1] === String(postmaster)) total += cpuSeconds(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  }
  for (const file of ["redis.pid", "haproxy.pid"]) {
    const pid = pidIn(path.join(dir, file));
    if (pid) total += cpuSeconds(pid);
  }
  return total;
}

async function startBaseline(): Promise<Server> {
  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-baseline-")), "baseline.db");
  const loopFile = loopFileFor("baseline");
  const env = { DATABASE_FILE: dbFile, PORT: "0", NODE_OPTIONS: HOOKS, BENCH_LOOP_FILE: loopFile, ...profiling("baseline") };
  const { child, match, stop } = await startScript("bench/baseline-server.ts", env, /Baseline is running at (\S+) code (\S+)/);
  const url = match[1]!;
  return { processes: [{ pid: child.pid!, loopFile }], url, consoleUrl: url, code: match[2]!, cookie: "", dbFile, stop };
}

/** Sends a message to the driver and resolves with its answer. */
type Reply<T extends FromDriver["type"]> = Extract<FromDriver, { type: T }>;

function ask<T extends FromDriver["type"]>(driver: ChildProcess, message: ToDriver, expect: T): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromDriver) => {
      driver.off("exit", onExit);
      if (reply.type === expect) resolve(reply as Reply<T>);
      else reject(new Error(reply.type === "error" ? `driver: ${reply.message}` : `driver sent ${reply.type}, not ${expect}`));
    };
    const onExit = (code: number | null) => reject(new Error(`the driver exited (${code})`));
    driver.once("message", onMessage);
    driver.once("exit", onExit);
    driver.send(message);
  });
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
}

/**
 * RSS after a full GC in the server (bench/server-hooks.mjs) and once it stops moving (±0.5% over a quarter second);
 * of a server of several processes, their RSS added up.
 */
async function settledRss(server: Server): Promise<number> {
  const pids = server.processes.map((p) => p.pid);
  const rss = () => pids.reduce((sum, pid) => sum + rssKb(pid), 0);
  await sleep(500);
  for (const pid of pids) process.kill(pid, "SIGUSR2");
  await sleep(500);
  let last = rss();
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    const now = rss();
    if (Math.abs(now - last) <= last * 0.005) return now;
    last = now;
  }
  return last;
}

/**
 * The server's event-loop delay since the last call (the first call only starts the count): it writes its figures
 * when it gets SIGWINCH, which it handles only once its loop is free, so this also waits for that. Of a server of
 * several processes, the worst of theirs.
 */
async function loopDelay(server: Server): Promise<LoopDelay> {
  return worst(await Promise.all(server.processes.map(processLoopDelay)));
}

async function processLoopDelay({ pid, loopFile }: Server["processes"][number]): Promise<LoopDelay> {
  const read = () => (fs.existsSync(loopFile) ? (JSON.parse(fs.readFileSync(loopFile, "utf8")) as LoopDelay & { window: number }) : undefined);
  const before = read()?.window ?? 0;
  process.kill(pid, "SIGWINCH");
  const deadline = Date.now() + 60_000;
  for (;;) {
    const now = read();
    if (now && now.window > before) return { maxMs: now.maxMs, p99Ms: now.p99Ms };
    if (Date.now() > deadline) throw new Error("the server did not report its event-loop delay within 60 s");
    await sleep(5);
  }
}

/** The worst of several windows' figures. */
const worst = (delays: LoopDelay[]): LoopDelay => ({ maxMs: Math.max(...delays.map((d) => d.maxMs)), p99Ms: Math.max(...delays.map((d) => d.p99Ms)) });

/** /proc/<pid>/stat's fields after the command's name: the state first, then the parent's pid. */
const statFields = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");

/**
 * CPU seconds (user + system) the process has used, from /proc/<pid>/stat (in clock ticks of 1/100 s); with
 * `reaped`, those of its children that ended too.
 */
function cpuSeconds(pid: number, reaped = false): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) / 100;
}

/** The CPU seconds of each of the server's processes. */
const processCpu = (server: Server) => server.processes.map((p) => cpuSeconds(p.pid));

interface Target {
  name: "baseline" | "beside";
  server: Server;
  driver: ChildProcess;
  result: Partial<TargetResult> & { idle: TargetResult["idle"] };
}

async function open(name: Target["name"]): Promise<Target> {
  log(`${name}: starting the server`);
  const server = name === "beside" ? await startBeside() : await startBaseline();
  const driver = fork("bench/driver.ts", [], { execArgv: ["--import", "tsx"] });
  const { url, consoleUrl, code, cookie, dbFile } = server;
  await ask(driver, { type: "setup", url, consoleUrl, code, cookie, dbFile }, "ready");
  return { name, server, driver, result: { idle: [] } };
}

async function close({ server, driver }: Target): Promise<void> {
  if (driver.exitCode === null) {
    const gone = new Promise((resolve) => driver.once("exit", resolve));
    driver.send({ type: "close" } satisfies ToDriver);
    await Promise.race([gone, sleep(10_000).then(() => driver.kill("SIGKILL"))]);
  }
  await server.stop();
  if (!isPostgresUrl(server.dbFile)) fs.rmSync(path.dirname(server.dbFile), { recursive: true, force: true });
  for (const { loopFile } of server.processes) fs.rmSync(path.dirname(loopFile), { recursive: true, force: true });
}

async function idleStep({ name, server, driver, result }: Target, participants: number): Promise<void> {
  const connected = await ask(driver, { type: "connect", total: participants }, "connected");
  const rss = await settledRss(server);
  result.idle.push({
    participants,
    connected: connected.connected,
    failed: connected.failed,
    connectMs: connected.ms,
    rssKb: rss,
    perParticipantKb: round((rss - result.rssBeforeKb!) / connected.connected),
  });
  log(`${name}: ${connected.connected} connected in ${connected.ms} ms, RSS ${mb(rss)} MB`);
}

/**
 * One run of a scenario on a prompt: each facilitator opens it; then the answers, in rounds taken in turn by each
 * server (`first` starts), with each server's CPU time measured over its own rounds only.
 */
async function answering(
  targets: Target[],
  scenario: "burst" | "paced",
  promptId: string,
  first: Target,
  options: { open?: boolean; rate?: number; seconds?: number; rounds?: number } = {},
): Promise<Map<Target, AnswerStats>> {
  for (const { driver } of targets) await ask(driver, { type: "open", promptId, alreadyOpen: options.open === false }, "ready");
  const inTurn = [first, ...targets.filter((target) => target !== first)];
  const rounds = scenario === "burst" ? 1 : (options.rounds ?? sizes.pacedRounds);
  const busy = new Map(targets.map((target) => [target, { cpu: target.server.processes.map(() => 0), services: 0, ms: 0, loop: [] as LoopDelay[] }]));
  for (let round = 0; round < rounds; round++) {
    for (const target of inTurn) {
      await loopDelay(target.server);
      const [cpu, services, wall] = [processCpu(target.server), target.server.servicesCpu?.() ?? 0, Date.now()];
      const message: ToDriver =
        scenario === "burst"
          ? { type: "burst", windowMs: sizes.burstWindowMs }
          : { type: "paced", rate: options.rate ?? sizes.pacedRate, seconds: (options.seconds ?? sizes.pacedSeconds) / rounds };
      await ask(target.driver, message, "ran");
      const spent = busy.get(target)!;
      spent.cpu = processCpu(target.server).map((now, i) => spent.cpu[i]! + now - cpu[i]!);
      spent.services += (target.server.servicesCpu?.() ?? 0) - services;
      spent.ms += Date.now() - wall;
      spent.loop.push(await loopDelay(target.server));
    }
  }
  const results = new Map<Target, AnswerStats>();
  for (const target of targets) {
    const { stats } = await ask(target.driver, { type: "stats" }, "answered");
    const { cpu: byProcess, ms, loop, services } = busy.get(target)!;
    const perAnswer = (seconds: number) => round((seconds * 1000) / stats.sent, 3);
    const cpu = byProcess.reduce((sum, seconds) => sum + seconds, 0);
    const serverCpuPct = Math.round((cpu * 100_000) / ms);
    results.set(target, {
      ...stats,
      serverCpuPct,
      serverCpuMsPerAnswer: perAnswer(cpu),
      ...(byProcess.length > 1 ? { serverCpuMsPerAnswerByProcess: byProcess.map(perAnswer) } : {}),
      ...(target.server.servicesCpu ? { servicesCpuMsPerAnswer: perAnswer(services) } : {}),
      serverLoop: worst(loop),
    });
    log(`${target.name}: ${promptId} ${JSON.stringify(results.get(target))}`);
  }
  return results;
}

/**
 * The burst, once on each of BURST_PROMPTS, the servers taking turns to go first. One burst's latencies swing
 * with whatever else the machine does in that second, so the table shows the median of the runs (`medianOfRuns`);
 * the JSON keeps each.
 */
async function bursts(targets: Target[]): Promise<void> {
  const runs = new Map<Target, AnswerStats[]>(targets.map((target) => [target, []]));
  for (const [i, promptId] of BURST_PROMPTS.entries()) {
    const results = await answering(targets, "burst", promptId, targets[i % targets.length]!);
    for (const [target, stats] of results) runs.get(target)!.push(stats);
  }
  for (const target of targets) {
    target.result.bursts = runs.get(target)!;
    target.result.burst = medianOfRuns(runs.get(target)!);
  }
}

/** One facilitator command, sent by each in turn (`first` starts), with each server's event-loop delay over it. */
async function timeCommand(targets: Target[], first: Target, label: string, event: FacilitatorCommand, payload: Record<string, unknown>): Promise<void> {
  for (const target of [first, ...targets.filter((t) => t !== first)]) {
    await loopDelay(target.server);
    const done = await ask(target.driver, { type: "command", event, payload }, "commanded");
    const loop = await loopDelay(target.server);
    const stats: CommandStats = { label, event, loop, ackMs: done.ackMs, allPhonesMs: done.allPhonesMs, syncs: done.syncs };
    (target.result.commands ??= []).push(stats);
    log(`${target.name}: ${label} ${JSON.stringify(stats)}`);
  }
}

const slideOf = (promptId: string | null) => BENCH_SLIDES.indexOf(promptId);

/**
 * The facilitator's commands with every phone connected, on "burst-1", which holds an answer from each (the first
 * burst's); then a prompt revealed while open: a burst of answers on it, then answers at a steady rate (each tally
 * sends every phone its results); then the end of the run, with those results on screen.
 */
async function commands(targets: Target[]): Promise<void> {
  const prompt = { promptId: BURST_PROMPTS[0]! };
  const steps: Array<[string, FacilitatorCommand, Record<string, unknown>]> = [
    ["slide:go to a slide without a prompt", "slide:go", { index: slideOf(null) }],
    ["slide:go back to an open prompt with every phone's answer", "slide:go", { index: slideOf(prompt.promptId) }],
    ["prompt:close", "prompt:close", prompt],
    ["prompt:reveal (closed: every phone gets the results)", "prompt:reveal", prompt],
    ["prompt:open (reopening a revealed prompt releases every answer)", "prompt:open", prompt],
    ["prompt:hide", "prompt:hide", prompt],
    ["run:pause", "run:pause", { paused: true }],
    ["run:pause (resume)", "run:pause", { paused: false }],
    ["slide:go to a fresh prompt", "slide:go", { index: slideOf("revealed") }],
    ["prompt:open (no answers yet)", "prompt:open", { promptId: "revealed" }],
    ["prompt:reveal (open, no answers yet)", "prompt:reveal", { promptId: "revealed" }],
  ];
  for (const [i, [label, event, payload]] of steps.entries()) await timeCommand(targets, targets[i % targets.length]!, label, event, payload);
  for (const [target, stats] of await answering(targets, "burst", "revealed", targets[0]!, { open: false })) target.result.revealedBurst = stats;
  const paced = { open: false, rate: 500, seconds: quick ? 5 : 10, rounds: 1 };
  for (const [target, stats] of await answering(targets, "paced", "revealed", targets[1]!, paced)) target.result.revealedPaced = stats;
  await timeCommand(targets, targets[0]!, "run:end (a revealed prompt on screen)", "run:end", {});
}

/**
 * Both servers run side by side and each step is taken by both in turn, so that both are measured under the same
 * background load, minutes apart at most.
 */
async function measureBoth(): Promise<{ baseline: TargetResult; beside: TargetResult }> {
  const targets: Target[] = [];
  try {
    for (const name of ["baseline", "beside"] as const) targets.push(await open(name));
    for (const target of targets) target.result.rssBeforeKb = await settledRss(target.server);
    for (const participants of sizes.steps) for (const target of targets) await idleStep(target, participants);
    if (commandsOnly) {
      // Answers on burst-1, for the commands on it to show.
      for (const [target, stats] of await answering(targets, "burst", BURST_PROMPTS[0]!, targets[0]!)) target.result.burst = stats;
    } else {
      await bursts(targets);
      for (const [target, stats] of await answering(targets, "paced", "paced", targets[0]!)) target.result.paced = stats;
    }
    await commands(targets);
    const besideTarget = targets.find((target) => target.name === "beside")!;
    if (besideTarget.server.cluster) besideTarget.result.takeover = await takeover(besideTarget);
    const [baseline, beside] = targets.map((target) => target.result as TargetResult);
    return { baseline: baseline!, beside: beside! };
  } finally {
    for (const target of targets) await close(target);
  }
}

/**
 * After the measured part: a fresh run, started on the first process, which holds its lease; a console joins it
 * through HAProxy on the holder (HAProxy's cookie names it), the phones having left. The holder is killed (SIGKILL);
 * then the leases table is polled every 50 ms until another process holds the run, and the console, which reconnects
 * through HAProxy on its own, reports when it was sent a facilitator:state again.
 */
async function takeover({ server, driver }: Target): Promise<Takeover> {
  const cluster = server.cluster!;
  await ask(driver, { type: "disconnect" }, "ready");
  const run = await startRun(cluster[0]!, "bench", 5);
  const db = new pg.Client({ connectionString: server.dbFile });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>("select id from runs where code = $1", [run.code]);
    const runId = rows[0]!.id;
    /** The pid in the lease's holder (host:pid:uuid), if anyone holds it. */
    const holderPid = async () => {
      const lease = await db.query<{ holder: string }>("select holder from leases where name = $1", [runId]);
      const pid = lease.rows[0]?.holder.split(":").at(-2);
      return pid ? Number(pid) : undefined;
    };
    const until = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 60_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`);
        await sleep(50);
      }
      return Date.now();
    };
    let victimPid: number | undefined;
    await until("the run's lease taken", async () => (victimPid = await holderPid()) !== undefined);
    const victim = cluster.findIndex((process) => process.child.pid === victimPid);
    if (victim < 0) throw new Error(`the run's lease is held by pid ${victimPid}, none of Beside's processes`);
    const cookie = `${run.cookie}; beside_node=${"ab"[victim]}`;
    await ask(driver, { type: "console", url: server.url, code: run.code, cookie }, "ready");
    log(`beside: killing process ${"ab"[victim]} (pid ${victimPid}), the run's lease holder`);
    const killedAt = Date.now();
    await cluster[victim]!.stop("SIGKILL");
    const leaseAt = await until("another process holding the run", async () => ![undefined, victimPid].includes(await holderPid()));
    const seen = await ask(driver, { type: "reconnected" }, "reconnected");
    const result: Takeover = {
      leaseMs: leaseAt - killedAt,
      consoleDroppedMs: seen.droppedAt - killedAt,
      consoleReconnectedMs: seen.connectedAt - killedAt,
      consoleStateMs: seen.stateAt - killedAt,
    };
    log(`beside: takeover ${JSON.stringify(result)}`);
    return result;
  } finally {
    await db.end();
  }
}

interface Row {
  scenario: string;
  figure: string;
  target: string;
  beside: number;
  baseline: number;
  ratio: number;
  pass: boolean | null;
}

function rows(beside: TargetResult, baseline: TargetResult): Row[] {
  const out: Row[] = [];
  const row = (scenario: string, figure: string, b: number, base: number, target = "", pass: boolean | null = null) =>
    out.push({ scenario, figure, target, beside: b, baseline: base, ratio: round(b / base, 2), pass });
  const last = sizes.steps.length - 1;
  beside.idle.forEach((step, i) => {
    const base = baseline.idle[i]!;
    const scenario = `idle ${step.participants}`;
    const isLast = i === last;
    const [all, perPhone] = isLast ? [step.connected === step.participants, step.perParticipantKb <= 25] : [null, null];
    row(scenario, "connected", step.connected, base.connected, isLast ? `= ${step.participants}` : "", all);
    row(scenario, "server RSS MB", round(step.rssKb / 1024), round(base.rssKb / 1024));
    row(scenario, "RSS KB / participant", step.perParticipantKb, base.perParticipantKb, isLast ? "≤ 25" : "", perPhone);
  });
  type Targets = { ack99?: number; v2t99?: number; v2tRatio?: number };
  const answers = (scenario: string, b: AnswerStats, base: AnswerStats, targets: Targets) => {
    row(scenario, "answers acked", b.acked, base.acked, `= ${b.sent} sent`, b.acked === b.sent);
    row(scenario, "server CPU ms / answer", b.serverCpuMsPerAnswer!, base.serverCpuMsPerAnswer!);
    const services = processCount > 1 ? "PostgreSQL, Redis, HAProxy" : "PostgreSQL";
    if (b.servicesCpuMsPerAnswer !== undefined) row(scenario, `${services} CPU ms / answer`, b.servicesCpuMsPerAnswer, NaN);
    row(scenario, "ack p50 ms", b.ack.p50, base.ack.p50);
    const ackPass = targets.ack99 ? b.ack.p99 <= targets.ack99 : null;
    row(scenario, "ack p99 ms", b.ack.p99, base.ack.p99, targets.ack99 ? `≤ ${targets.ack99}` : "", ackPass);
    row(scenario, "vote-to-tally p50 ms", b.voteToTally.p50, base.voteToTally.p50);
    const v2tPass = targets.v2t99
      ? b.voteToTally.p99 <= targets.v2t99
      : targets.v2tRatio
        ? b.voteToTally.p99 <= targets.v2tRatio * base.voteToTally.p99
        : null;
    const v2tTarget = targets.v2t99 ? `≤ ${targets.v2t99}` : targets.v2tRatio ? `≤ ${targets.v2tRatio}× baseline` : "";
    row(scenario, "vote-to-tally p99 ms", b.voteToTally.p99, base.voteToTally.p99, v2tTarget, v2tPass);
    row(scenario, "votes with no tally", b.noTally, base.noTally, "0", b.noTally === 0);
    row(scenario, "answers lost", b.lost, base.lost, "0", b.lost === 0);
    row(scenario, "duplicates stored", b.duplicates, base.duplicates, "0", b.duplicates === 0);
  };
  const loop = (scenario: string, b: LoopDelay, base: LoopDelay | undefined, target?: number) => {
    row(scenario, "server loop delay max ms", b.maxMs, base?.maxMs ?? NaN, target ? `≤ ${target}` : "", target ? b.maxMs <= target : null);
    row(scenario, "server loop delay p99 ms", b.p99Ms, base?.p99Ms ?? NaN);
  };
  const phones = sizes.steps[last];
  if (!commandsOnly) {
    const repeats = BURST_PROMPTS.length > 1 ? ` (median of ${BURST_PROMPTS.length})` : "";
    const burst = `burst ${phones} in ${sizes.burstWindowMs / 1000} s${repeats}`;
    answers(burst, beside.burst, baseline.burst, { v2tRatio: 1.25 });
    loop(burst, beside.burst.serverLoop!, baseline.burst.serverLoop);
    const rounds = sizes.pacedRounds > 1 ? ` (${sizes.pacedRounds} rounds)` : "";
    const paced = `paced ${sizes.pacedRate}/s × ${sizes.pacedSeconds} s${rounds}`;
    answers(paced, beside.paced, baseline.paced, { ack99: 25, v2t99: 150 });
    loop(paced, beside.paced.serverLoop!, baseline.paced.serverLoop);
  }
  beside.commands.forEach((command, i) => {
    const base = baseline.commands[i];
    const scenario = `${command.label}, ${phones} phones`;
    loop(scenario, command.loop, base?.loop, LOOP_TARGET_MS);
    row(scenario, "ack ms", command.ackMs, base?.ackMs ?? NaN);
    row(scenario, "every phone has its state ms", command.allPhonesMs, base?.allPhonesMs ?? NaN);
    if (command.syncs > 0) row(scenario, "phones' run:sync", command.syncs, base?.syncs ?? NaN);
  });
  const revealedBurst = `revealed prompt: burst ${phones} in ${sizes.burstWindowMs / 1000} s`;
  answers(revealedBurst, beside.revealedBurst, baseline.revealedBurst, {});
  loop(revealedBurst, beside.revealedBurst.serverLoop!, baseline.revealedBurst.serverLoop);
  const revealedPaced = `revealed prompt, ${phones} answers: paced 500/s`;
  answers(revealedPaced, beside.revealedPaced, baseline.revealedPaced, {});
  loop(revealedPaced, beside.revealedPaced.serverLoop!, baseline.revealedPaced.serverLoop, LOOP_TARGET_MS);
  return out;
}

function printTable(table: Row[]): void {
  const header = ["scenario", "figure", "target", "Beside", "baseline", "ratio", ""];
  const verdict = (pass: boolean | null) => (pass === null ? "" : pass ? "pass" : "FAIL");
  const cells = table.map((r) => [r.scenario, r.figure, r.target, ...[r.beside, r.baseline, r.ratio].map(String), verdict(r.pass)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = (i: number) => i >= 3 && i <= 5;
  const line = (c: string[]) => c.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${cells.map(line).join("\n")}\n`);
}

const mb = (kb: number) => round(kb / 1024);
const started = Date.now();
/** The machine is shared: how busy it was says how far to trust the latencies. */
const loadAverageAtStart = os.loadavg().map((load) => round(load, 2));
const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" });
fs.mkdirSync(RESULTS, { recursive: true });
if (args.includes("--sign-in-flood")) {
  log("beside: starting the server");
  const server = await startBeside();
  const flood = await measureSignInFlood(server.url, server.code, log);
  await server.stop();
  const file = path.join(RESULTS, "sign-in-flood.json");
  fs.writeFileSync(file, `${JSON.stringify({ command: "npm run bench -- --sign-in-flood", date: new Date(started).toISOString(), loadAverageAtStart, ...flood }, null, 2)}\n`);
  console.log(`Wrote ${file}.`);
  process.exit(0);
}
const { baseline, beside } = await measureBoth();
const table = rows(beside, baseline);
console.log(`\nBeside: ${besideIs}.`);
printTable(table);
if (beside.takeover) {
  const { leaseMs, consoleReconnectedMs, consoleStateMs } = beside.takeover;
  console.log(
    `Takeover after a SIGKILL of the run's lease holder: another process held the lease after ${leaseMs} ms (polled every 50 ms); ` +
      `the console, reconnected through HAProxy after ${consoleReconnectedMs} ms, had a fresh facilitator:state after ${consoleStateMs} ms.\n`,
  );
}
const result = {
  command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
  date: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    ramMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
  },
  sizes,
  backend,
  processes: processCount,
  besideIs,
  takeover: beside.takeover,
  table,
  beside,
  baseline,
};
fs.writeFileSync(path.join(RESULTS, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`Wrote ${RESULTS}/latest.json (${result.durationSeconds} s).`);
process.exit(table.some((r) => r.pass === false) ? 1 : 0);
