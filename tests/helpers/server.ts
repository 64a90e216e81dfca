import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { parseConfig } from "~/config/env.server";

import { createBesideServer, type BesideServer } from "../../server/app";
import { createLogger } from "../../server/logger";
import { signIn, TEST_SETUP_TOKEN } from "./auth";
import { freshDatabase, isPostgresUrl, onPostgres, storageEnv } from "./backend";
import type { ServerProcess } from "./process";

export const FIXTURE_PLANS = path.resolve("tests/fixtures/plans");
export const CONTENT_PLANS = path.resolve("content/plans");
/** Plans for the course tests, and the course over them (tests/fixtures/courses). */
export const FIXTURE_COURSE_PLANS = path.resolve("tests/fixtures/course-plans");
export const FIXTURE_COURSES = path.resolve("tests/fixtures/courses");

export interface TestServer {
  url: string;
  server: BesideServer;
  /** Every line the server logged. */
  logs: string[];
  /** The lines logged as errors: a test that provokes none expects none. */
  errors(): string[];
  /** The server's SQLite file, or on the PostgreSQL lane its DATABASE_URL (tests/helpers/backend.ts). */
  dbFile: string;
  /** A directory of the test's own. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * The real server (Express + Remix build + Socket.IO) on a free port with its own SQLite file,
 * or with `dbFile`, an existing one (a restart). On the PostgreSQL lane it is a database of its own on the run's
 * cluster instead, or `dbFile`'s when that is one's URL.
 */
export async function startTestServer(
  options: {
    plansDir?: string;
    /** Built-in courses; none unless given (the fixture courses name plans the default fixture plans don't have). */
    coursesDir?: string;
    env?: Record<string, string>;
    dbFile?: string;
    purgeIntervalMs?: number;
    logRetryMs?: { first: number; max: number };
    accountsNow?: () => Date;
  } = {},
): Promise<TestServer> {
  const reused = options.dbFile !== undefined && (!onPostgres || isPostgresUrl(options.dbFile));
  const dir = reused && !isPostgresUrl(options.dbFile!) ? path.dirname(options.dbFile!) : fs.mkdtempSync(path.join(os.tmpdir(), "beside-test-"));
  const dbFile = reused ? options.dbFile! : onPostgres ? await freshDatabase() : path.join(dir, "beside.db");
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    ...storageEnv(dbFile),
    PLANS_DIR: options.plansDir ?? FIXTURE_PLANS,
    COURSES_DIR: options.coursesDir ?? path.join(dir, "no-courses"),
    LOG_LEVEL: "info",
    // Signals reach the console at once in tests; one test sets a delay to check it.
    SIGNAL_DELAY_SECONDS: "0",
    // Releases on the tally's own 100 ms clock, so `Recorder.settle` sees them; the adversary tests set their own.
    RELEASE_INTERVAL_SECONDS: "0.1",
    SETUP_TOKEN: TEST_SETUP_TOKEN,
    ...options.env,
  });
  const logs: string[] = [];
  const server = await createBesideServer(config, createLogger("info", (line) => logs.push(line)), {
    purgeIntervalMs: options.purgeIntervalMs,
    logRetryMs: options.logRetryMs,
    accountsNow: options.accountsNow,
  });
  const url = await server.listen();
  let stopped = false;
  return {
    url,
    server,
    logs,
    errors: () => logs.filter((line) => line.includes(" ERROR ")),
    dbFile,
    dir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}

/**
 * Starts a run through the library page's form, signed in as a facilitator.
 * Returns the join code and the cookies that open the console (sign-in and the run's secret).
 */
export async function startRun(
  server: TestServer | ServerProcess,
  planId = "every-prompt",
  k = 5,
): Promise<{ code: string; cookie: string; facilitatorSecret: string }> {
  const session = await signIn(server, "server" in server ? "facilitator" : "organiser");
  const response = await fetch(`${server.url}/library?index`, {
    method: "POST",
    headers: { Cookie: session },
    body: new URLSearchParams({ planId, k: String(k) }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Starting a run failed: ${response.status} ${await response.text()}`);
  const location = response.headers.get("location") ?? "";
  const code = /\/console\/([A-Z0-9]+)$/.exec(location)?.[1];
  const setCookie = response.headers.get("set-cookie") ?? "";
  if (!code || !setCookie) throw new Error(`Unexpected redirect: ${location}`);
  const runCookie = setCookie.split(";")[0]!;
  return { code, cookie: `${session}; ${runCookie}`, facilitatorSecret: runCookie.slice(runCookie.indexOf("=") + 1) };
}
