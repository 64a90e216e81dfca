import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { TEST_SETUP_TOKEN } from "./auth";
import { freshDatabase, isPostgresUrl, onPostgres, storageEnv } from "./backend";
import { FIXTURE_PLANS } from "./server";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Its SQLite file, or on the PostgreSQL lane its DATABASE_URL. */
  dbFile: string;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns a TypeScript script (server/index.ts by default) with only this environment (and PATH), collecting what it prints. */
function spawnScript(env: Record<string, string>, script = "server/index.ts") {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    // Only what is given: the server must not depend on the test runner's environment.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * Starts `script` and waits for the line `ready` matches on its output (20 s at most); fails with what it printed
 * if it exits first. The benchmark starts its bare baseline server with it too.
 */
export async function startScript(script: string, env: Record<string, string>, ready: RegExp) {
  const spawned = spawnScript(env, script);
  const { child, exited, output } = spawned;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output()}`)), 20_000);
    const check = () => {
      const found = ready.exec(output());
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited:\n${output()}`));
    });
  });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null) child.kill(signal);
    return exited;
  };
  return { ...spawned, match, stop };
}

/**
 * Runs `npm start`'s server (server/index.ts) as a child process, as an operator would. DATABASE_FILE names the
 * database to reuse (a restart): a SQLite file, or on the PostgreSQL lane a server's DATABASE_URL.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const reused = env.DATABASE_FILE !== undefined && (!onPostgres || isPostgresUrl(env.DATABASE_FILE));
  const dbFile = reused
    ? env.DATABASE_FILE!
    : onPostgres
      ? await freshDatabase()
      : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-proc-")), "beside.db");
  const { DATABASE_FILE: _named, ...rest } = env;
  const { child, output, match, stop } = await startScript(
    "server/index.ts",
    {
      PORT: "0",
      HOST: "127.0.0.1",
      PLANS_DIR: FIXTURE_PLANS,
      NODE_ENV: "production",
      SETUP_TOKEN: TEST_SETUP_TOKEN,
      ...rest,
      ...storageEnv(dbFile),
    },
    /Beside is running at (http:\/\/\S+)/,
  );
  return { url: match[1]!, child, dbFile, output, stop };
}
/** Runs the server with this environment and returns how it exited and what it said (for start-up failures). */
export async function runServerExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, exited, output } = spawnScript(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}
