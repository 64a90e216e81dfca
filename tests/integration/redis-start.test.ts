import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { AudienceView } from "~/realtime/events";

import { openRedis, RedisStartError } from "../../server/cluster/redis";
import { createLogger } from "../../server/logger";
import { freePort, postgresAvailable, redisAvailable, restartRedis, startServices, stopServices } from "../../scripts/services-lib";
import { freshDatabase, onPostgres } from "../helpers/backend";
import { closeAllClients, connectDisplay, connectFacilitator, emit, nextEvent } from "../helpers/clients";
import { runServerExpectingExit } from "../helpers/process";
import { FIXTURE_PLANS, startRun, startTestServer, type TestServer } from "../helpers/server";

/**
 * Issue 20, design §8: starting with REDIS_URL. Redis must answer within its time and keep nothing on disk (Q6), and
 * needs PostgreSQL (Q5); /livez is the process, /healthz the database and Redis. Each file's servers are throwaway ones
 * on free ports (scripts/services-lib.ts); without redis-server (or PostgreSQL's programs, for a whole Beside server)
 * those tests are skipped, saying so.
 */
const noRedis = !redisAvailable();
const noPostgres = !onPostgres && !postgresAvailable();
if (noRedis) console.warn("redis-start.test.ts: the tests on Redis are skipped, redis-server is missing (install Debian's package redis-server).");
else if (noPostgres) console.warn("redis-start.test.ts: the tests of a server with REDIS_URL are skipped, PostgreSQL's programs are missing.");

const dirs: string[] = [];

/** A throwaway service directory, stopped and removed after the file. */
function serviceDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-redis-start-"));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) {
    await stopServices(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Resolves once `check` holds, polling every 50 ms; fails after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it("stops at start with a plain message when REDIS_URL is set on SQLite: several processes need PostgreSQL", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-redis-sqlite-"));
  const exit = await runServerExpectingExit({
    PORT: "0",
    DATABASE_FILE: path.join(dir, "beside.db"),
    REDIS_URL: "redis://127.0.0.1:6379",
    PLANS_DIR: FIXTURE_PLANS,
  });
  expect(exit.code).toBe(1);
  expect(exit.output).toContain("REDIS_URL: needs DATABASE_URL");
  expect(exit.output).not.toMatch(/\n\s+at /);
  // Refused before anything opened: no database file was made.
  expect(fs.existsSync(path.join(dir, "beside.db"))).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(noRedis)("opening Redis", () => {
  it("refuses a Redis that saves to disk unless REDIS_PERSISTENCE_OK, and only warns when it can't ask", async () => {
    const saving = (await startServices({ dir: serviceDir(), redis: true, redisArgs: ["--save", "60 1"] })).redisUrl!;
    const logs: string[] = [];
    const log = createLogger("info", (line) => logs.push(line));
    const refused = await openRedis(saving, log).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RedisStartError);
    expect((refused as Error).message).toMatch(/Redis at 127\.0\.0\.1:\d+ saves its data to disk \(save "60 1", appendonly no\)/);
    expect((refused as Error).message).toContain("REDIS_PERSISTENCE_OK=1");

    const allowed = await openRedis(saving, log, { persistenceOk: true });
    expect(allowed.ready()).toBe(true);
    await allowed.close();
    expect(logs.filter((line) => line.includes(" WARN Redis saves its data to disk; started anyway"))).toHaveLength(1);

    const appendOnly = (await startServices({ dir: serviceDir(), redis: true, redisArgs: ["--appendonly", "yes"] })).redisUrl!;
    expect(await openRedis(appendOnly, log).catch((error: unknown) => error)).toBeInstanceOf(RedisStartError);

    // A managed Redis may have no CONFIG command: Beside can't tell, says so, and goes on.
    const noConfig = (await startServices({ dir: serviceDir(), redis: true, redisArgs: ["--rename-command", "CONFIG", ""] })).redisUrl!;
    const unchecked = await openRedis(noConfig, log);
    expect(unchecked.ready()).toBe(true);
    await unchecked.close();
    expect(logs.filter((line) => line.includes(" WARN could not ask Redis whether it saves to disk"))).toHaveLength(1);

    // Without persistence: not a word.
    const plain = (await startServices({ dir: serviceDir(), redis: true })).redisUrl!;
    const lines = logs.length;
    const opened = await openRedis(plain, log);
    await opened.close();
    expect(logs.slice(lines)).toEqual([]);
  });

  it("gives up on a Redis that doesn't answer within its time, naming where it looked and not its password", async () => {
    const port = await freePort();
    const started = performance.now();
    const error = await openRedis(`redis://beside:secret@127.0.0.1:${port}`, createLogger("silent"), { readyTimeoutMs: 1000 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RedisStartError);
    expect((error as Error).message).toContain(`Redis at 127.0.0.1:${port} did not answer within 1 s (connect ECONNREFUSED`);
    expect((error as Error).message).not.toContain("secret");
    console.info(`redis-start: gave up after ${Math.round(performance.now() - started)} ms`);
  });
});

describe.skipIf(noRedis || noPostgres)("a Beside server with REDIS_URL", () => {
  let dir: string;
  let databaseUrl: string;
  let redisUrl: string;
  let server: TestServer | undefined;

  beforeAll(async () => {
    dir = serviceDir();
    const services = await startServices({ dir, redis: true, postgres: !onPostgres });
    redisUrl = services.redisUrl!;
    databaseUrl = onPostgres ? await freshDatabase() : services.databaseUrl!;
  }, 60_000);

  afterAll(async () => {
    closeAllClients();
    await server?.stop();
  });

  it("is live while it runs and ready only while Redis is, and its broadcasts still reach screens before and after Redis restarts", async () => {
    server = await startTestServer({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } });
    const get = async (pathname: string) => {
      const response = await fetch(`${server!.url}${pathname}`);
      return { status: response.status, text: await response.text() };
    };
    expect(await get("/livez")).toEqual({ status: 200, text: "ok" });
    expect(await get("/healthz")).toEqual({ status: 200, text: "ok" });

    const { code, cookie } = await startRun(server);
    const { socket: facilitator } = await connectFacilitator(server.url, code, cookie);
    const { socket: display } = await connectDisplay(server.url, code);
    const shown = nextEvent(display, "audience:state");
    expect((await emit(facilitator, "slide:go", { index: 1 })).ok).toBe(true);
    expect((await shown).slide?.index).toBe(1);

    let shownLater: Promise<AudienceView> | undefined;
    await restartRedis(dir, async () => {
      await until(async () => (await get("/healthz")).status === 503, "/healthz to say 503");
      expect(await get("/healthz")).toEqual({ status: 503, text: "redis unavailable" });
      expect(await get("/livez")).toEqual({ status: 200, text: "ok" });
      // Commands are stored and acknowledged while Redis is away (PostgreSQL holds them); screens see them by the
      // time Redis is back at the latest (for now a broadcast waits for its entry in the adapter's stream).
      shownLater = nextEvent(display, "audience:state", () => true, 20_000);
      expect((await emit(facilitator, "slide:go", { index: 2 })).ok).toBe(true);
    });
    await until(async () => (await get("/healthz")).status === 200, "/healthz to say ok again");
    expect((await shownLater)?.slide?.index).toBe(2);

    const again = nextEvent(display, "audience:state");
    expect((await emit(facilitator, "slide:go", { index: 3 })).ok).toBe(true);
    expect((await again).slide?.index).toBe(3);
    // One line for the outage (and one for each /healthz that answered 503, as for a database outage).
    const errors = server.errors().map((line) => line.replace(/^\S+ /, ""));
    expect(errors.filter((line) => line !== "ERROR request failed status=503")).toEqual([expect.stringMatching(/^ERROR Redis is unreachable/)]);
    expect(server.logs.filter((line) => line.includes("INFO Redis is back"))).toHaveLength(1);
  }, 60_000);

  it("stops at start, printing why, when its Redis saves to disk", async () => {
    const saving = (await startServices({ dir: serviceDir(), redis: true, redisArgs: ["--save", "60 1"] })).redisUrl!;
    const exit = await runServerExpectingExit({ PORT: "0", DATABASE_URL: databaseUrl, REDIS_URL: saving, PLANS_DIR: FIXTURE_PLANS });
    expect(exit.code).toBe(1);
    expect(exit.output).toContain("saves its data to disk");
    expect(exit.output).not.toMatch(/\n\s+at /);
  }, 60_000);
});
