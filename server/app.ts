import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

import { Accounts } from "~/auth/accounts.server";
import type { BesideContext } from "~/context.server";
import type { Config } from "~/config/env.server";
import { DistressLists } from "~/content/distress-lists.server";
import { CourseFiles } from "~/content/course-files.server";
import { loadHelpResources, staleEntries, verifyWarning } from "~/content/help-resources.server";
import { Guides } from "~/content/guide.server";
import { PlanFiles } from "~/content/plan-files.server";
import { loadPlanTemplate } from "~/content/plan-template.server";
import { CourseLibrary } from "~/library/course-library.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { addressKey, CodeGuesses } from "~/runs/code-guesses.server";
import { RunEngine } from "~/runs/run-engine.server";
import { RunReports } from "~/runs/run-report.server";
import { Settings } from "~/settings/settings.server";
import { openStorage } from "~/storage/open.server";

import { Authority } from "./cluster/authority";
import { LocalBus, RedisBus, type Bus } from "./cluster/bus";
import { openRedis, type Redis } from "./cluster/redis";
import { RedisMarks } from "./cluster/redis-marks";
import { describeError, type Logger } from "./logger";
import { compressPublicResponses } from "./compress";
import { refuseUnreadableForms } from "./form-limits";
import { cspNonceOf, securityHeaders } from "./headers";
import { refuseCrossSiteWrites } from "./origin";
import { requestLogPolicy } from "./request-log";
import { refuseSignInsWhileBusy } from "./sign-in-flood";
import { attachRealtime, type Realtime } from "./socket";

export interface BesideServer {
  httpServer: http.Server;
  realtime: Realtime;
  context: BesideContext;
  /** Which live runs this process does the serialised work of, by their leases (decision 051). */
  authority: Authority;
  /** The message bus between processes: on Redis with REDIS_URL, else this process alone. */
  bus: Bus;
  /** Redis's connections, with REDIS_URL. */
  redis?: Redis;
  /** Starts listening; resolves with the URL it listens on. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export const BUILD_PATH = path.resolve("build/index.js");

/** How often the retention purge runs while the server is up (it also runs at start-up). */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The lease one process holds while it purges (decision 051): with several processes, only one purges at a time. It
 * lasts longer than a purge takes, and is let go as soon as the purge is done.
 */
export const MAINTENANCE_LEASE = "~maintenance";
export const MAINTENANCE_LEASE_TTL_MS = 10 * 60 * 1000;

/**
 * One HTTP server: Express for health and static files, the Remix handler for
 * pages, Socket.IO for the live run. Everything shares one engine and database.
 */
export async function createBesideServer(
  config: Config,
  logger: Logger,
  options: {
    purgeIntervalMs?: number;
    /** When emptying the write-ahead log is tried again while another connection reads the file (tests make it short). */
    logRetryMs?: { first: number; max: number };
    /** The accounts' clock (sign-in locks, session expiry); tests that check a lock hold it still. */
    accountsNow?: () => Date;
  } = {},
): Promise<BesideServer> {
  // Read before the database opens: a list with problems stops start-up with nothing to close.
  const distress = DistressLists.load(config.DISTRESS_DIR);
  // Content read once: a broken guide page or template stops start-up with its file and line, before the database opens.
  // A translation lacking a page, or with one English lacks, only warns: its readers get English's page.
  const guides = Guides.load(config.GUIDE_DIR, (message) => logger.warn(message));
  const guide = guides.english;
  const planTemplate = loadPlanTemplate(config.PLAN_TEMPLATE_FILE);
  const storage = await openStorage(config, {
    onProblem: (message) => logger.error(message),
    onNotice: (message) => logger.info(message),
    logRetryMs: options.logRetryMs,
  });
  // With REDIS_URL, Redis must be ready (and keep nothing on disk) before anything is shared through it.
  let redis: Redis | undefined;
  try {
    redis = config.REDIS_URL ? await openRedis(config.REDIS_URL, logger, { persistenceOk: config.REDIS_PERSISTENCE_OK }) : undefined;
  } catch (error) {
    await storage.close();
    throw error;
  }
  const bus: Bus = redis ? await RedisBus.open(redis, logger) : new LocalBus(logger);
  const adapter = redis ? await redis.adapter() : undefined;
  const plans = await PlanLibrary.load(storage, new PlanFiles(config.PLANS_DIR));
  const courses = await CourseLibrary.load(storage, new CourseFiles(config.COURSES_DIR), plans);
  const settings = await Settings.load(storage, config, loadHelpResources(config.HELP_FILE));
  const help = settings.helpSource();
  const helpPlace = help.own ? "the Get help list in Settings" : config.HELP_FILE;
  for (const stale of staleEntries(settings.help(), new Date())) {
    logger.warn(
      `help resource "${stale.name}" (${stale.locale}) was last verified on ${stale.lastVerified}, more than a year ago: check it and update ${helpPlace}`,
    );
  }
  // One line for all of them: the shipped list marks whole sections, and a line per entry would bury the rest of the log.
  const toVerify = verifyWarning(settings.help(), helpPlace);
  if (toVerify) logger.warn(toVerify);
  const accounts = await Accounts.open(storage, { setupToken: config.SETUP_TOKEN, now: options.accountsNow });
  // Each live run's lease is held by one process (decision 051): this one's as it starts them, or as it takes over a
  // run whose holder stopped. The holder does the run's serialised work (the hub: decision 052).
  let gained: (runId: string) => void = () => {};
  const authority = new Authority(storage, { onProblem: (message) => logger.error(message), onGained: (runId) => gained(runId) });
  const engine = new RunEngine(storage, plans, {
    defaultK: () => settings.get("defaultK"),
    onProblem: (message) => logger.error(message),
    onRunStarted: (runId) => void authority.take(runId),
    // With several processes, lateness is marked where they all see it (decision 052).
    marks: redis ? new RedisMarks(redis.client, logger, () => redis.ready()) : undefined,
  });
  const reports = new RunReports(storage, engine, plans);
  const codeGuesses = new CodeGuesses((code) => engine.loadRunByCode(code));
  const context: BesideContext = { engine, plans, courses, accounts, reports, settings, config, codeGuesses, distress, guide, guides, planTemplate };
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
  const requestLog = requestLogPolicy(build);

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(config));
  app.use((req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      // Only staff pages leave a line: nothing a participant's phone asks for does, not even the time of a visit.
      const path = requestLog.loggedPath(req.originalUrl);
      if (path !== null) {
        logger.info("request", { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) });
      } else if (res.statusCode >= 500) {
        logger.error("request failed", { status: res.statusCode });
      }
    });
    next();
  });

  // Liveness, for a load balancer: the process runs and answers. It asks nothing of the database or Redis, so that
  // an outage of either (shared by every process) doesn't take every process out of the balancer at once.
  app.get("/livez", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  // Readiness: the database answers, and with REDIS_URL every connection to Redis is ready.
  app.get("/healthz", async (_req, res) => {
    const problem = await readiness(storage, redis);
    if (problem) res.status(503).type("text/plain").send(problem);
    else res.type("text/plain").send("ok");
  });

  app.use(refuseCrossSiteWrites(config));
  app.use(refuseUnreadableForms());
  app.use("/login", refuseSignInsWhileBusy(accounts));

  app.use(compressPublicResponses());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Browsers ask for this whatever the page says; answer without a Remix 404.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  // Pages hold reports, plans and sessions: no cache keeps them unless a route says so. (After the
  // static files, which keep theirs: express.static sets Cache-Control only when none is set yet.)
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({
        beside: context,
        cspNonce: cspNonceOf(res),
        // The address only keys the in-memory count of wrong codes; the route gets the answer, never the address.
        lookUpCode: (code: string) => codeGuesses.lookUp(req.socket.remoteAddress, code),
        // As for wrong codes, the address is only a key, here of the phones per address (form-phones.ts).
        participate: (phone, event, payload) => realtime.formPhones.participate(phone, event, payload, addressKey(req.socket.remoteAddress)),
        enterByForm: (phone) => realtime.formPhones.enter(phone, addressKey(req.socket.remoteAddress)),
        phoneSeen: (phone) => realtime.formPhones.seen(phone, addressKey(req.socket.remoteAddress)),
      }),
    }),
  );

  const httpServer = http.createServer(app);
  const realtime = attachRealtime(httpServer, {
    adapter,
    engine,
    accounts,
    codeGuesses,
    config,
    logger,
    hub: {
      signalDelayMs: [(config.SIGNAL_DELAY_SECONDS * 1000) / 4, config.SIGNAL_DELAY_SECONDS * 1000],
      releaseIntervalMs: config.RELEASE_INTERVAL_SECONDS * 1000,
      cluster: redis ? { bus, authority } : undefined,
    },
  });
  if (redis) {
    const { hub } = realtime;
    bus.on((message, { fromSelf, from }) => {
      if (!fromSelf) hub.receive(from, message);
    });
    bus.onDown(() => hub.disconnected());
    bus.onUp(() => hub.reconnected());
    gained = (runId) => hub.gained(runId);
  }

  // Questions still on their way to the console when the last process stopped lost their delay with its timers: each
  // gets a fresh one now, so none stays hidden from the console for good.
  for (const { runId, questionId } of await engine.questionsArriving()) realtime.hub.questionReceived(runId, questionId);
  authority.start();

  // The retention purge: at start-up, then every hour.
  let purging = false;
  const purge = async () => {
    // One purge at a time: a slow one still under way when the next is due lets it pass.
    if (purging) return;
    purging = true;
    // And one process at a time: another purging now lets this one pass.
    if (!(await authority.takeOnce(MAINTENANCE_LEASE, MAINTENANCE_LEASE_TTL_MS))) {
      purging = false;
      return;
    }
    try {
      const { ended, purged } = await engine.purgeExpiredText(settings.get("retentionDays"));
      // Screens still open on an abandoned run learn that it has ended.
      for (const runId of ended) void realtime.hub.publishState(runId);
      if (ended.length + purged > 0) logger.info("retention purge", { endedAbandonedRuns: ended.length, runsWithTextDeleted: purged });
    } catch (error) {
      logger.error("the retention purge failed; it will be tried again", { error: describeError(error) });
    } finally {
      await authority.letGoOf(MAINTENANCE_LEASE);
      purging = false;
    }
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), options.purgeIntervalMs ?? PURGE_INTERVAL_MS);
  purgeTimer.unref();

  return {
    httpServer,
    realtime,
    context,
    authority,
    bus,
    redis,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.PORT, config.HOST, () => {
          const { port } = httpServer.address() as AddressInfo;
          const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
          resolve(`http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${port}`);
        });
      }),
    close: async () => {
      clearInterval(purgeTimer);
      // First, so that another process takes this one's runs at its next scan.
      await authority.stop();
      await realtime.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await bus.close();
      // After the Socket.IO server: its adapter's read loop stops before its connection goes (redis.ts).
      await redis?.close();
      await storage.close();
    },
  };
}

/** Why this process can't serve now ("database unavailable", "redis unavailable"), or undefined when it can. */
export async function readiness(storage: { ping(): Promise<void> }, redis: Pick<Redis, "ready"> | undefined): Promise<string | undefined> {
  try {
    await storage.ping();
  } catch {
    return "database unavailable";
  }
  if (redis && !redis.ready()) return "redis unavailable";
  return undefined;
}
