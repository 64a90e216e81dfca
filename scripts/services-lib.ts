/**
 * Throwaway PostgreSQL and Redis servers, and HAProxy in front of Beside processes, for tests and benchmarks (issue
 * 20), on loopback and free ports, with all their files in one directory: `startServices` and `startHaproxy` start
 * them, `stopServices` stops what they started. The command line is scripts/services.ts. Nothing here is for
 * production: the cluster trusts every local connection, and Redis listens without a password.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface StartOptions {
  /** The directory for every file of the servers; created if missing. */
  dir: string;
  postgres?: boolean;
  redis?: boolean;
  /** More arguments for redis-server (`["--save", "60 1"]` for one that saves to disk), kept for `restartRedis`. */
  redisArgs?: string[];
}

export interface Services {
  /** postgres://beside@127.0.0.1:PORT/beside, with `postgres`. */
  databaseUrl?: string;
  /** redis://127.0.0.1:PORT, with `redis`. */
  redisUrl?: string;
}

/** What `startServices` started, kept in DIR/services.json for `stopServices`. */
interface Started extends Services {
  postgres?: { bin: string; data: string; runAs?: string };
  redis?: { port: number; pidFile: string; args?: string[] };
  haproxy?: { pidFile: string };
  /** http://127.0.0.1:PORT, HAProxy's address, with `startHaproxy`. */
  haproxyUrl?: string;
}

/** A missing program, a port taken, a server that didn't come up: said in words for the person running it. */
export class ServicesError extends Error {}

const STATE_FILE = "services.json";
const START_ATTEMPTS = 3;

/** A port that was free a moment ago on 127.0.0.1 (the system's pick, let go at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A program in `dirs` (PATH's by default), or null. */
function findProgram(name: string, dirs = (process.env.PATH ?? "").split(path.delimiter)) {
  const searched = dirs.filter(Boolean);
  for (const dir of searched) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * PostgreSQL's programs' directory: PG_BIN if set, else where pg_ctl is on PATH, else Debian's newest
 * /usr/lib/postgresql/N/bin (Debian keeps them off PATH).
 */
function postgresBin() {
  const debian = "/usr/lib/postgresql";
  const newest = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  const pgCtl = process.env.PG_BIN
    ? findProgram("pg_ctl", [process.env.PG_BIN])
    : (findProgram("pg_ctl") ?? (newest ? findProgram("pg_ctl", [path.join(debian, newest, "bin")]) : null));
  // A link on PATH (as /usr/local/bin/pg_ctl) leads to the directory that holds initdb and createdb too.
  const bin = pgCtl && path.dirname(fs.realpathSync(pgCtl));
  if (!bin || !["initdb", "createdb"].every((program) => fs.existsSync(path.join(bin, program)))) {
    throw new ServicesError(
      "PostgreSQL's programs (initdb, pg_ctl, createdb) are missing: install Debian's package postgresql-15, or set PG_BIN to their directory.",
    );
  }
  return bin;
}

/** The path of one of PostgreSQL's programs (psql, pg_dump…), found as `startServices` finds pg_ctl. */
export function postgresProgram(name: string) {
  return path.join(postgresBin(), name);
}

/** True when PostgreSQL's programs are installed (tests skip without them). */
export function postgresAvailable() {
  try {
    postgresBin();
    return true;
  } catch (error) {
    if (error instanceof ServicesError) return false;
    throw error;
  }
}

/** True when redis-server is installed. */
export function redisAvailable() {
  return findProgram("redis-server") !== null;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a program, as `runAs` through runuser when given; fails with what it printed. */
function run(program: string, args: string[], runAs?: string, cwd?: string) {
  const [file, argv] = runAs ? ["runuser", ["-u", runAs, "--", program, ...args]] : [program, args];
  const result = spawnSync(file, argv, { cwd, encoding: "utf8" });
  if (result.error) throw new ServicesError(`${program} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new ServicesError(`${path.basename(program)} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * A fresh cluster in DIR/postgres/data, its socket and log beside it in DIR/postgres, and a database `beside` whose
 * owner `beside` needs no password on loopback. As root PostgreSQL refuses to run, so the directory goes to the
 * `postgres` user and every program runs as it: DIR gets o+x to let it through, and DIR's parents must already.
 */
async function startPostgres(dir: string): Promise<Required<Pick<Started, "postgres" | "databaseUrl">>> {
  const bin = postgresBin();
  const home = path.join(dir, "postgres");
  const data = path.join(home, "data");
  const log = path.join(home, "server.log");
  if (fs.existsSync(home)) throw new ServicesError(`${home} already exists: give a fresh directory, or stop and remove the last one.`);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  let runAs: string | undefined;
  if (isRoot()) {
    runAs = "postgres";
    const { uid, gid } = userIds(runAs);
    fs.chownSync(home, uid, gid);
    fs.chmodSync(dir, fs.statSync(dir).mode | 0o001);
  }
  run(path.join(bin, "initdb"), ["-D", data, "--auth=trust", "-U", "beside", "--no-sync", "-E", "UTF8", "--locale=C", "--no-instructions"], runAs, home);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      // pg_ctl hands these to a shell.
      `-k '${home.replaceAll("'", `'\\''`)}'`,
      "-c fsync=on",
      "-c shared_buffers=64MB",
      "-c max_connections=100",
    ].join(" ");
    try {
      run(path.join(bin, "pg_ctl"), ["start", "-w", "-D", data, "-l", log, "-o", options], runAs, home);
    } catch (error) {
      const taken = fs.existsSync(log) && /already in use/.test(fs.readFileSync(log, "utf8"));
      if (error instanceof ServicesError && taken && attempt < START_ATTEMPTS) continue;
      throw error;
    }
    run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "beside", "beside"]);
    return { postgres: { bin, data, runAs }, databaseUrl: `postgres://beside@127.0.0.1:${port}/beside` };
  }
}

function userIds(name: string) {
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** Resolves once Redis answers PING on `port`, or fails after `ms`. */
async function redisReady(port: number, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      let reply = "";
      socket.on("connect", () => socket.write("PING\r\n"));
      socket.on("data", (chunk) => {
        reply += chunk.toString();
        if (reply.includes("\r\n")) socket.end();
      });
      socket.on("close", () => resolve(reply));
      socket.on("error", () => resolve(""));
    });
    if (answer.startsWith("+PONG")) return;
    if (Date.now() > until) throw new ServicesError(`Redis did not answer on port ${port} within ${ms} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts redis-server on `port` as a daemon: without persistence unless `args` say otherwise (later ones win). */
function launchRedis(dir: string, port: number, pidFile: string, args: string[]) {
  const server = findProgram("redis-server");
  if (!server) throw new ServicesError("redis-server is missing: install Debian's package redis-server.");
  // With --daemonize the command returns before the port is bound: readiness is a PING answered.
  run(server, [
    "--bind", "127.0.0.1",
    "--port", String(port),
    "--dir", dir,
    "--save", "",
    "--appendonly", "no",
    "--daemonize", "yes",
    "--pidfile", pidFile,
    "--logfile", path.join(dir, "redis.log"),
    ...args,
  ]);
}

/** Redis without persistence (unless `args` turn it on), its pid file and log in DIR. */
async function startRedis(dir: string, args: string[] = []): Promise<Required<Pick<Started, "redis" | "redisUrl">>> {
  if (!redisAvailable()) throw new ServicesError("redis-server is missing: install Debian's package redis-server.");
  const pidFile = path.join(dir, "redis.pid");
  const log = path.join(dir, "redis.log");
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    launchRedis(dir, port, pidFile, args);
    try {
      await redisReady(port, 10_000);
      return { redis: { port, pidFile, args }, redisUrl: `redis://127.0.0.1:${port}` };
    } catch (error) {
      const problems: string[] = [];
      await stopRedis({ port, pidFile }, problems);
      const taken = fs.existsSync(log) && /already in use/.test(fs.readFileSync(log, "utf8"));
      if (error instanceof ServicesError && taken && problems.length === 0 && attempt < START_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Starts the servers asked for, with their files in `dir`; what was started is stopped again if one fails. */
export async function startServices({ dir, postgres = false, redis = false, redisArgs = [] }: StartOptions): Promise<Services> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, STATE_FILE))) throw new ServicesError(`${dir} has servers started already: stop them first.`);
  const started: Started = {};
  const save = () => fs.writeFileSync(path.join(dir, STATE_FILE), `${JSON.stringify(started, null, 2)}\n`);
  try {
    if (postgres) {
      Object.assign(started, await startPostgres(dir));
      save();
    }
    if (redis) {
      Object.assign(started, await startRedis(dir, redisArgs));
      save();
    }
  } catch (error) {
    await stopServices(dir);
    throw error;
  }
  return { databaseUrl: started.databaseUrl, redisUrl: started.redisUrl };
}

/** Stops what `startServices` started in `dir` (nothing, if it started nothing there). Its files stay. */
export async function stopServices(dir: string) {
  const stateFile = path.join(dir, STATE_FILE);
  if (!fs.existsSync(stateFile)) return;
  const started = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Started;
  const problems: string[] = [];
  if (started.postgres && fs.existsSync(path.join(started.postgres.data, "postmaster.pid"))) {
    const { bin, data, runAs } = started.postgres;
    try {
      run(path.join(bin, "pg_ctl"), ["stop", "-w", "-D", data, "-m", "fast"], runAs, path.dirname(data));
    } catch (error) {
      problems.push(String(error instanceof Error ? error.message : error));
    }
  }
  if (started.redis) await stopRedis(started.redis, problems);
  if (started.haproxy) await stopHaproxy(started.haproxy, problems);
  fs.rmSync(stateFile);
  if (problems.length > 0) throw new ServicesError(problems.join("\n"));
}

/**
 * Stops the PostgreSQL that `startServices` started in `dir` and starts it again with the same settings. "immediate"
 * stops it as a crash would (no checkpoint; it recovers from its write-ahead log and empties UNLOGGED tables), "fast"
 * cleanly.
 */
export function restartPostgres(dir: string, mode: "immediate" | "fast") {
  const started = JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as Started;
  if (!started.postgres) throw new ServicesError(`${dir} has no PostgreSQL started.`);
  const { bin, data, runAs } = started.postgres;
  const home = path.dirname(data);
  const log = path.join(home, "server.log");
  run(path.join(bin, "pg_ctl"), ["restart", "-w", "-D", data, "-m", mode, "-l", log], runAs, home);
}

/**
 * Stops PostgreSQL (`fast`: its connections are cut, as in an outage), runs `whileDown`, then starts it again and
 * waits until it takes connections, whatever `whileDown` did.
 */
export async function pausePostgres(dir: string, whileDown: () => Promise<void>) {
  const started = JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as Started;
  if (!started.postgres) throw new ServicesError(`${dir} has no PostgreSQL started.`);
  const { bin, data, runAs } = started.postgres;
  const home = path.dirname(data);
  // The server's own arguments (port, socket directory…), as it was started with them, but its data directory.
  const argv = [...fs.readFileSync(path.join(data, "postmaster.opts"), "utf8").matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  const options = argv
    .filter((_, i) => argv[i] !== "-D" && argv[i - 1] !== "-D")
    .map((arg) => `'${arg.replaceAll("'", "'\\''")}'`)
    .join(" ");
  run(path.join(bin, "pg_ctl"), ["stop", "-w", "-D", data, "-m", "fast"], runAs, home);
  try {
    await whileDown();
  } finally {
    run(path.join(bin, "pg_ctl"), ["start", "-w", "-D", data, "-l", path.join(home, "server.log"), "-o", options], runAs, home);
  }
}

/**
 * Stops the Redis that `startServices` started in `dir` as an outage would (`shutdown nosave`: everything in it is
 * gone), runs `whileDown` if given (a test's checks during the outage), and starts it again on the same port with the
 * same arguments; resolves once it answers.
 */
export async function restartRedis(dir: string, whileDown?: () => Promise<void>) {
  const started = readStarted(dir);
  if (!started.redis) throw new ServicesError(`${dir} has no Redis started.`);
  const problems: string[] = [];
  await stopRedis(started.redis, problems);
  if (problems.length > 0) throw new ServicesError(problems.join("\n"));
  const { port, pidFile, args = [] } = started.redis;
  try {
    await whileDown?.();
  } finally {
    launchRedis(dir, port, pidFile, args);
    await redisReady(port, 10_000);
  }
}

function readStarted(dir: string): Started {
  const stateFile = path.join(dir, STATE_FILE);
  return fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as Started) : {};
}

/** The HAProxy configuration in the repository (deploy/haproxy.cfg), the one a compose file uses too. */
export const HAPROXY_CONFIG = path.resolve(import.meta.dirname, "../deploy/haproxy.cfg");

/** True when haproxy is installed (on PATH, or Debian's /usr/sbin/haproxy). */
export function haproxyAvailable() {
  return haproxyProgram() !== null;
}

function haproxyProgram() {
  return findProgram("haproxy") ?? findProgram("haproxy", ["/usr/sbin"]);
}

export interface HaproxyOptions {
  /** The directory of the services (`startServices`'s), where its pid file goes; created if missing. */
  dir: string;
  /** The port to listen on (127.0.0.1); a free one when not given. */
  port?: number;
  /** The two Beside processes, as host:port (deploy/haproxy.cfg names two). */
  backends: [string, string];
}

/**
 * HAProxy on 127.0.0.1 in front of two Beside processes, with deploy/haproxy.cfg (sticky cookie `beside_node`, checks
 * of /livez): resolves with its URL once it accepts connections. `stopServices(dir)` stops it.
 */
export async function startHaproxy({ dir, port, backends }: HaproxyOptions): Promise<string> {
  const program = haproxyProgram();
  if (!program) throw new ServicesError("haproxy is missing: install Debian's package haproxy.");
  if (backends.length !== 2) throw new ServicesError("deploy/haproxy.cfg names two Beside processes: give two backends.");
  fs.mkdirSync(dir, { recursive: true });
  const started = readStarted(dir);
  if (started.haproxy) throw new ServicesError(`${dir} has HAProxy started already: stop the services first.`);
  const pidFile = path.join(dir, "haproxy.pid");
  for (let attempt = 1; ; attempt++) {
    const listen = port ?? (await freePort());
    const env = { ...process.env, HAPROXY_BIND: `127.0.0.1:${listen}`, BESIDE_NODE_A: backends[0], BESIDE_NODE_B: backends[1] };
    // -D: it returns once it has bound its port (or failed to).
    const result = spawnSync(program, ["-f", HAPROXY_CONFIG, "-D", "-p", pidFile], { env, encoding: "utf8" });
    if (result.error) throw new ServicesError(`haproxy could not run: ${result.error.message}`);
    if (result.status !== 0) {
      const taken = /cannot bind|Address already in use/i.test(result.stderr + result.stdout);
      if (taken && port === undefined && attempt < START_ATTEMPTS) continue;
      throw new ServicesError(`haproxy failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
    }
    const url = `http://127.0.0.1:${listen}`;
    Object.assign(started, { haproxy: { pidFile }, haproxyUrl: url });
    fs.writeFileSync(path.join(dir, STATE_FILE), `${JSON.stringify(started, null, 2)}\n`);
    return url;
  }
}

async function stopHaproxy({ pidFile }: { pidFile: string }, problems: string[]) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  if (alive(pid)) process.kill(pid, "SIGTERM");
  const until = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > until) {
      problems.push(`HAProxy (pid ${pid}) did not stop within 10 s.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `redis-cli shutdown nosave` where redis-cli is installed, else SIGTERM to the pid in its pid file; waits for it to go. */
async function stopRedis({ port, pidFile }: { port: number; pidFile: string }, problems: string[]) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  const cli = findProgram("redis-cli");
  if (cli) spawnSync(cli, ["-h", "127.0.0.1", "-p", String(port), "shutdown", "nosave"], { encoding: "utf8" });
  else if (alive(pid)) process.kill(pid, "SIGTERM");
  const until = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > until) {
      problems.push(`Redis (pid ${pid}) did not stop within 10 s.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True while `pid` runs. A daemon that has exited stays a zombie until init reaps it, which may take a while: it counts as gone. */
function alive(pid: number) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (name) state …"; the name may hold spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true;
  }
}
