import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { TEST_SETUP_TOKEN } from "./auth";
import { FIXTURE_PLANS } from "./server";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  dbFile: string;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns server/index.ts with only this environment (and PATH), collecting what it prints. */
function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
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

/** Runs `npm start`'s server (server/index.ts) as a child process, as an operator would. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dbFile = env.DATABASE_FILE ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-proc-")), "beside.db");
  const { child, exited, output } = spawnServer({
    PORT: "0",
    HOST: "127.0.0.1",
    PLANS_DIR: FIXTURE_PLANS,
    NODE_ENV: "production",
    SETUP_TOKEN: TEST_SETUP_TOKEN,
    ...env,
    DATABASE_FILE: dbFile,
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 20_000);
    const check = () => {
      const match = /Beside is running at (http:\/\/\S+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${output()}`));
    });
  });

  return {
    url,
    child,
    dbFile,
    output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server with this environment and returns how it exited and what it said (for start-up failures). */
export async function runServerExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, exited, output } = spawnServer(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}
