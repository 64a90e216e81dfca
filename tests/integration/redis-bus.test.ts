import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BUS_CHANNEL, RedisBus, type BusMessage } from "../../server/cluster/bus";
import { openRedis, type Redis } from "../../server/cluster/redis";
import { createLogger } from "../../server/logger";
import { redisAvailable, restartRedis, startServices, stopServices } from "../../scripts/services-lib";
import { startScript } from "../helpers/process";

/**
 * Issue 20, design §5 and §1.3: the bus between processes and the Socket.IO Redis Streams adapter on a real Redis
 * (a throwaway redis-server on a free port, scripts/services-lib.ts), stopped and started again as an outage would.
 */
const missing = !redisAvailable();
if (missing) console.warn("redis-bus.test.ts: skipped, redis-server is missing (install Debian's package redis-server).");

/** One process's side: its Redis connections, its bus, what it logged and received. */
interface Process {
  redis: Redis;
  bus: RedisBus;
  logs: string[];
  received: Array<{ message: BusMessage; fromSelf: boolean; from: string }>;
}

let dir: string;
let redisUrl: string;
const opened: Process[] = [];
const children: Array<{ stop(signal?: NodeJS.Signals): Promise<number | null> }> = [];

async function openProcess(): Promise<Process> {
  const logs: string[] = [];
  const log = createLogger("info", (line) => logs.push(line));
  const redis = await openRedis(redisUrl, log);
  const bus = await RedisBus.open(redis, log);
  const received: Process["received"] = [];
  bus.on((message, { fromSelf, from }) => received.push({ message, fromSelf, from }));
  const process = { redis, bus, logs, received };
  opened.push(process);
  return process;
}

/** Resolves once `check` holds, polling every 10 ms; fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(missing)("the bus and the adapter on a real Redis", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-redis-bus-"));
    redisUrl = (await startServices({ dir, redis: true })).redisUrl!;
  });

  afterAll(async () => {
    for (const child of children) await child.stop("SIGKILL");
    for (const { bus, redis } of opened) {
      await bus.close();
      await redis.close();
    }
    if (dir) {
      await stopServices(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("delivers every message to every process, its sender included, each sender's in the order sent", async () => {
    const a = await openProcess();
    const b = await openProcess();
    expect(a.bus.up && b.bus.up).toBe(true);
    for (let i = 0; i < 50; i++) {
      expect(a.bus.publish({ t: "state", run: `a${i}` })).toBe(true);
      expect(b.bus.publish({ t: "answers", run: `b${i}` })).toBe(true);
    }
    await until(() => a.received.length === 100 && b.received.length === 100, "100 messages on each bus");
    const runs = (process: Process, prefix: string) =>
      process.received
        .filter(({ message }) => "run" in message && message.run.startsWith(prefix))
        .map(({ message }) => (message as { run: string }).run);
    const sent = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}${i}`);
    for (const process of [a, b]) {
      expect(runs(process, "a")).toEqual(sent("a"));
      expect(runs(process, "b")).toEqual(sent("b"));
    }
    // Each process gets its own messages from itself, not a second time through Redis.
    expect(a.received.filter(({ fromSelf }) => fromSelf).map(({ message }) => message.t)).toEqual(Array(50).fill("state"));
    expect(b.received.filter(({ fromSelf }) => !fromSelf).map(({ message }) => message.t)).toEqual(Array(50).fill("state"));
    // A presence message with its counts per run arrives as sent.
    const presence: BusMessage = { t: "presence", runs: { r1: [12, 1], r2: [0, 2] } };
    a.bus.publish(presence);
    await until(() => b.received.length === 101, "the presence message");
    expect(b.received.at(-1)).toEqual({ message: presence, fromSelf: false, from: a.bus.uid });
    // A bus closed on purpose leaves its Redis ready (/healthz counts the connections still meant to be open).
    await a.bus.close();
    expect(a.bus.publish({ t: "state", run: "closed" })).toBe(false);
    expect(a.redis.ready()).toBe(true);
  });

  it("drops malformed and unknown messages, counting them, and delivers the good ones after them", async () => {
    const a = await openProcess();
    const before = a.bus.dropped;
    const junk = [
      "not json",
      JSON.stringify({ from: "another", message: { t: "takeover", run: "r" } }),
      JSON.stringify({ from: "another", message: { t: "presence", runs: { r: [-1, 0] } } }),
      JSON.stringify({ message: { t: "state", run: "r" } }),
      JSON.stringify(null),
    ];
    for (const raw of junk) await a.redis.client.publish(BUS_CHANNEL, raw);
    await a.redis.client.publish(BUS_CHANNEL, JSON.stringify({ from: "another", message: { t: "console", run: "r9" } }));
    await until(() => a.received.length === 1, "the good message");
    expect(a.received).toEqual([{ message: { t: "console", run: "r9" }, fromSelf: false, from: "another" }]);
    expect(a.bus.dropped - before).toBe(junk.length);
  });

  it("goes down with Redis and refuses to publish while down, and comes back after a restart, one log line each way", async () => {
    const a = await openProcess();
    const b = await openProcess();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const downs = [0, 0];
    const ups = [0, 0];
    a.bus.onDown(() => downs[0]!++);
    b.bus.onDown(() => downs[1]!++);
    a.bus.onUp(() => ups[0]!++);
    b.bus.onUp(() => ups[1]!++);
    try {
      await restartRedis(dir, async () => {
        await until(() => !a.bus.up && !b.bus.up, "both buses down");
        expect(a.bus.publish({ t: "state", run: "while-down" })).toBe(false);
        expect(a.redis.ready()).toBe(false);
        // Down for a while: a few reconnection attempts, still one line.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      });
      await until(() => a.bus.up && b.bus.up && a.redis.ready() && b.redis.ready(), "both buses up again");
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(downs).toEqual([1, 1]);
    expect(ups).toEqual([1, 1]);
    for (const { logs } of [a, b]) {
      expect(logs.filter((line) => line.includes("Redis is unreachable"))).toHaveLength(1);
      expect(logs.filter((line) => line.includes("Redis is back"))).toHaveLength(1);
    }
    // The message refused while down was not queued: only what is published now arrives.
    const seen = b.received.length;
    expect(a.bus.publish({ t: "state", run: "after" })).toBe(true);
    await until(() => b.received.length > seen, "a message after the restart");
    expect(b.received.slice(seen).map(({ message }) => message)).toEqual([{ t: "state", run: "after" }]);
    expect(b.received.some(({ message }) => "run" in message && message.run === "while-down")).toBe(false);
  }, 60_000);

  it("keeps the event loop turning while Redis is down, with the adapter on two Socket.IO servers that share broadcasts", async () => {
    // Each server in a process of its own (tests/helpers/adapter-process.ts): a read loop that spins (design §1.3)
    // starves that process, and its ticks stop, rather than this test hanging with it.
    const speaker = await startScript("tests/helpers/adapter-process.ts", { REDIS_URL: redisUrl, SAY: "a" }, /listening (\d+)/);
    const listener = await startScript("tests/helpers/adapter-process.ts", { REDIS_URL: redisUrl }, /listening (\d+)/);
    children.push(speaker, listener);
    const client: Socket = connect(`http://127.0.0.1:${listener.match[1]}`, { transports: ["websocket"] });
    try {
      const heard: string[] = [];
      client.on("word", (word: string) => heard.push(word));
      // A broadcast on one process reaches a client of the other, through the stream.
      await until(() => heard.length > 0, "a broadcast from the other process");

      /** The longest wait between two of a process's 50 ms ticks in what it printed since `from`. */
      const ticksSince = (child: typeof speaker, from: number) =>
        child
          .output()
          .slice(from)
          .split("\n")
          .filter((line) => line === "tick").length;
      let longest = 0;
      await restartRedis(dir, async () => {
        const from = [speaker.output().length, listener.output().length];
        // Ten looks 200 ms apart: each time both processes ticked since the last look (four ticks' time), or were starved.
        for (let look = 0; look < 10; look++) {
          const before = [ticksSince(speaker, from[0]!), ticksSince(listener, from[1]!)];
          const started = performance.now();
          await until(
            () => ticksSince(speaker, from[0]!) > before[0]! && ticksSince(listener, from[1]!) > before[1]!,
            "both processes' timers",
            2000,
          );
          longest = Math.max(longest, performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
      console.info(`redis-bus: the longest wait for a tick of both adapter processes while Redis was down: ${Math.round(longest)} ms`);
      const count = heard.length;
      await until(() => heard.length > count, "a broadcast through the stream after the restart", 15_000);
      for (const child of [speaker, listener]) {
        expect(child.output()).not.toContain("unhandled");
        expect(child.output().match(/Redis is unreachable/g) ?? []).toHaveLength(1);
      }
    } finally {
      client.close();
    }
  }, 60_000);

  it("closes a Socket.IO server on the adapter while Redis is down, at once and without an unhandled rejection", async () => {
    const child = await startScript("tests/helpers/adapter-process.ts", { REDIS_URL: redisUrl, SAY: "c" }, /listening (\d+)/);
    children.push(child);
    await restartRedis(dir, async () => {
      await until(() => child.output().includes("Redis is unreachable"), "the process to see Redis go");
      // Its adapter's read and broadcasts wait in node-redis's offline queue: closing must end them, not wait for Redis.
      const exited = child.stop("SIGTERM");
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running after 5 s"), 5000))]);
      expect(code).toBe(0);
    });
    expect(child.output()).not.toContain("unhandled");
  }, 30_000);
});
