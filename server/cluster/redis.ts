/**
 * The connection to Redis for several Beside processes (issue 20, design §1.3 and §8): node-redis 5 with the
 * settings every connection shares, one log line per outage, and the check that Redis keeps nothing on disk.
 *
 * The offline queue stays on (node-redis's default), on purpose. The Socket.IO Redis Streams adapter 0.3.1
 * `duplicate()`s the client it is given for its XREAD loop, and when a read fails it calls the loop again at once
 * (`startPolling` in its dist/adapter.js). With `disableOfflineQueue` every command is refused the moment the
 * connection drops, so that loop would spin in microtasks and starve the event loop for the whole outage; with the
 * queue on, the failed read waits in the queue until Redis is back. Beside's own publishes check `isReady` first
 * (bus.ts), so the queue holds only the adapter's reads and broadcasts while Redis is away.
 */
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, ErrorReply } from "redis";

import { describeError, type Logger } from "../logger";

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A Redis that stops answering without closing its connections (its machine gone, a network cut) leaves node-redis
 * waiting for as long as TCP takes to notice, a quarter of an hour: a PING every second that gets no answer within
 * this long makes Beside treat Redis as away (`ready()` false: the bus down, marks skipped) until one does again.
 */
export const UNANSWERED_AFTER_MS = 3000;

/** How long start-up waits for Redis before it gives up and says so. */
export const REDIS_READY_TIMEOUT_MS = 10_000;

/** The stream the Socket.IO adapter writes broadcasts to, and how long Redis keeps it (roughly). */
export const ADAPTER_OPTIONS = { streamName: "beside", maxLen: 1000 } as const;

/** Redis can't be used: unreachable at start-up, or keeping its data on disk. The server prints it and exits. */
export class RedisStartError extends Error {
  override name = "RedisStartError";
}

export interface RedisOptions {
  /** Start even when Redis saves its data to disk (REDIS_PERSISTENCE_OK=1). */
  persistenceOk?: boolean;
  /** How long to wait for the first connection (tests make it short). */
  readyTimeoutMs?: number;
}

/** Redis's connections for one process: the command client, the ones made from it, and whether all are ready. */
export interface Redis {
  /** The client for commands and publishes. */
  client: RedisClient;
  /** A new connection with the same settings (a subscriber, say), connected, and closed with the others. */
  duplicate(): Promise<RedisClient>;
  /** True while every connection (the adapter's included) is ready. */
  ready(): boolean;
  /** The Socket.IO adapter on this Redis: broadcasts go through the stream `beside` to every process. */
  adapter(): Promise<ReturnType<typeof createAdapter>>;
  /** Closes every connection. Close the Socket.IO server first: its adapter's read loop must stop before its client goes. */
  close(): Promise<void>;
}

/** host:port of a Redis URL, for messages: never its password. */
export function redisPlace(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "6379"}`;
}

/**
 * Connects to Redis at `url` and waits for it to be ready (at most 10 s), then checks that it keeps nothing on disk
 * (decision Q6: what Beside will keep there about live runs must not reach a disk or a backup) unless
 * `persistenceOk`. Throws a RedisStartError the server prints and exits with.
 */
export async function openRedis(url: string, log: Logger, options: RedisOptions = {}): Promise<Redis> {
  const place = redisPlace(url);
  const clients = new Set<RedisClient>();
  let state: "starting" | "up" | "down" | "closed" = "starting";
  let lastError: unknown;
  let lastLoggedWhileReady = 0;

  const allReady = () => [...clients].every((client) => client.isReady);

  /** Every connection: its errors counted as one outage (one line), and "back" once all are ready again. */
  function watch(client: RedisClient): RedisClient {
    clients.add(client);
    client.on("error", (error: unknown) => {
      lastError = error;
      if (state === "closed" || state === "starting") return;
      if (client.isReady) {
        // An error on a connection that still works (a PING's reply went wrong): at most one line a minute.
        if (Date.now() - lastLoggedWhileReady > 60_000) {
          lastLoggedWhileReady = Date.now();
          log.error("Redis reported a problem", { redis: place, error: messageOf(error) });
        }
        return;
      }
      if (state === "up") {
        state = "down";
        log.error("Redis is unreachable; Beside keeps trying every second", { redis: place, error: messageOf(error) });
      }
    });
    // A connection closed on purpose (the bus's or the adapter's, as they close) no longer counts.
    client.on("end", () => {
      if (!client.isOpen) clients.delete(client);
    });
    client.on("ready", () => {
      if (state === "down" && allReady()) {
        state = "up";
        log.info("Redis is back", { redis: place });
      }
    });
    // The adapter's read loop calls disconnect() on its client when the server closes, maybe after close() below has
    // already closed it; node-redis would throw ClientClosedError there, an unhandled rejection in the adapter.
    client.disconnect = async () => {
      if (client.isOpen) client.destroy();
    };
    return client;
  }

  function duplicateOf(client: RedisClient): RedisClient {
    // node-redis's own duplicate(), not the one set below on copies.
    const copy = watch((Object.getPrototypeOf(client) as RedisClient).duplicate.call(client) as RedisClient);
    // The adapter duplicates the client it is given for its read loop and its subscriber: those connections are
    // watched and closed with the rest too.
    copy.duplicate = (() => duplicateOf(copy)) as RedisClient["duplicate"];
    return copy;
  }

  const client = createClient({
    url,
    socket: {
      connectTimeout: 2000,
      // 100 ms, 200 ms, 400 ms, 800 ms, then every second, for as long as it takes.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1000),
    },
    pingInterval: 1000,
    // Commands waiting while Redis is away are bounded: past this, a new one is refused at once.
    commandsQueueMaxLength: 10_000,
  });
  watch(client);

  const timeoutMs = options.readyTimeoutMs ?? REDIS_READY_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ready = await Promise.race([connected, timedOut]);
  clearTimeout(timer);
  if (!ready || !client.isReady) {
    state = "closed";
    if (client.isOpen) client.destroy();
    const why = lastError ? ` (${messageOf(lastError)})` : "";
    throw new RedisStartError(
      `Beside cannot start: Redis at ${place} did not answer within ${Math.round(timeoutMs / 1000)} s${why}. Start it, or check REDIS_URL.`,
    );
  }

  try {
    await checkPersistence(client, place, log, options.persistenceOk ?? false);
  } catch (error) {
    state = "closed";
    client.destroy();
    throw error;
  }
  state = "up";

  // The watchdog: when Redis last answered a PING (or a connection became ready), on this process's clock.
  let answered = performance.now();
  client.on("ready", () => (answered = performance.now()));
  const watchdog = setInterval(() => {
    if (state === "closed" || !client.isReady) return;
    client.ping().then(
      () => (answered = performance.now()),
      () => {},
    );
  }, 1000);
  watchdog.unref();
  const answering = () => performance.now() - answered < UNANSWERED_AFTER_MS;

  return {
    client,
    duplicate: async () => {
      const copy = duplicateOf(client);
      await copy.connect();
      return copy;
    },
    ready: () => state !== "closed" && allReady() && answering(),
    adapter: async () => {
      // A client of the adapter's own, so that the connections it duplicates from it (its read loop, its subscriber)
      // are watched and closed with the rest; connected first, so that the adapter starts on a ready Redis (design §1.3).
      const own = duplicateOf(client);
      await own.connect();
      return createAdapter(own, ADAPTER_OPTIONS);
    },
    close: async () => {
      state = "closed";
      clearInterval(watchdog);
      for (const each of clients) if (each.isOpen) each.destroy();
      clients.clear();
    },
  };
}

/** Refuses a Redis that saves to disk (RDB snapshots or an append-only file) unless allowed; warns when it can't tell. */
async function checkPersistence(client: RedisClient, place: string, log: Logger, persistenceOk: boolean): Promise<void> {
  let save: string | undefined;
  let appendonly: string | undefined;
  try {
    const config = await client.configGet(["save", "appendonly"]);
    save = config.save ?? "";
    appendonly = config.appendonly ?? "no";
  } catch (error) {
    // A managed Redis often disables or renames CONFIG.
    if (!(error instanceof ErrorReply)) throw error;
    log.warn("could not ask Redis whether it saves to disk (CONFIG GET refused): make sure it does not", { redis: place, error: error.message });
    return;
  }
  const persists = save.trim() !== "" || appendonly === "yes";
  if (!persists) return;
  const how = `save "${save}", appendonly ${appendonly}`;
  if (persistenceOk) {
    log.warn("Redis saves its data to disk; started anyway (REDIS_PERSISTENCE_OK=1)", { redis: place, persistence: how });
    return;
  }
  throw new RedisStartError(
    `Beside cannot start: Redis at ${place} saves its data to disk (${how}), and what Beside keeps in Redis about live runs must not reach a disk or a backup. ` +
      `Turn its persistence off (save "" and appendonly no), or set REDIS_PERSISTENCE_OK=1 to start anyway.`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : describeError(error);
}
