import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openRedis, type Redis } from "../../server/cluster/redis";
import { RedisMarks } from "../../server/cluster/redis-marks";
import { MarksUnavailableError } from "~/runs/engine/marks.server";
import { createLogger } from "../../server/logger";
import { redisAvailable, startServices, stopServices } from "../../scripts/services-lib";

/**
 * Issue 20: the engine's lateness marks shared by every process through Redis (a throwaway redis-server on a free
 * port): what one process marks, another reads; a run's marks go at its end; and an unreachable Redis never holds
 * an answer up.
 */
const missing = !redisAvailable();
if (missing) console.warn("redis-marks.test.ts: skipped, redis-server is missing (install Debian's package redis-server).");

let dir: string;
let redisUrl: string;
const opened: Redis[] = [];

async function process(logs: string[] = []) {
  const log = createLogger("info", (line) => logs.push(line));
  const redis = await openRedis(redisUrl, log);
  opened.push(redis);
  // As the server makes them: nothing waits for a Redis that doesn't answer (redis.ts's watchdog).
  return { redis, marks: new RedisMarks(redis.client, log, () => redis.ready()) };
}

describe.skipIf(missing)("lateness marks in Redis", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-redis-marks-"));
    redisUrl = (await startServices({ dir, redis: true })).redisUrl!;
  });
  afterAll(async () => {
    for (const redis of opened.splice(0)) await redis.close();
    await stopServices(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a prompt opened on one process makes a phone on another late, and the holder reads every process's late keys", async () => {
    const a = await process();
    const b = await process();
    await a.marks.noteOpening("run-1", "belief");
    const openedAt = await b.marks.openedAt("run-1", "belief");
    expect(openedAt).toBeGreaterThan(0);
    // A reopening keeps the first moment, wherever it happens.
    await b.marks.noteOpening("run-1", "belief");
    expect(await a.marks.openedAt("run-1", "belief")).toBe(openedAt);

    await b.marks.addLate("run-1", "belief", ["key-1", "key-2"]);
    await a.marks.addLate("run-1", "belief", ["key-3"]);
    expect([...(await a.marks.lateKeys("run-1", "belief"))].sort()).toEqual(["key-1", "key-2", "key-3"]);
    await a.marks.dropLate("run-1", "belief", ["key-2"]);
    expect([...(await b.marks.lateKeys("run-1", "belief"))].sort()).toEqual(["key-1", "key-3"]);
  });

  it("keeps a question's approval once, counts its late votes from any process, and records its last release", async () => {
    const a = await process();
    const b = await process();
    await a.marks.noteApproval("run-2", "q:1", 2);
    await b.marks.noteApproval("run-2", "q:1", 7);
    await b.marks.addLateVote("run-2", "q:1");
    await a.marks.addLateVote("run-2", "q:1");
    await a.marks.setOnTimeReleased("run-2", "q:1", 5);
    const approval = await b.marks.approval("run-2", "q:1");
    expect(approval).toMatchObject({ late: 2, onTimeReleased: 5 });
    expect(approval!.approvedAt).toBeGreaterThan(0);
    expect([...(await a.marks.approvals("run-2")).keys()]).toEqual(["q:1"]);
    expect(await a.marks.approval("run-2", "never-approved")).toBeUndefined();
  });

  it("forgets everything of a run at its end, and nothing of another run; what is kept expires on its own at the latest", async () => {
    const { redis, marks } = await process();
    await marks.noteOpening("run-3", "p");
    await marks.addLate("run-3", "p", ["k"]);
    await marks.noteApproval("run-3", "q", 0);
    await marks.noteOpening("run-4", "p");
    const ttl = await redis.client.ttl("beside:{run-3}:late:p");
    expect(ttl).toBeGreaterThan(0);
    await marks.forget("run-3");
    expect(await redis.client.keys("beside:{run-3}*")).toEqual([]);
    expect(await redis.client.keys("beside:{run-4}*")).not.toEqual([]);
    expect(await marks.lateKeys("run-3", "p")).toEqual([]);
    // An answer still on its way as the run ended leaves no key behind.
    await marks.addLate("run-3", "p", ["after-the-end"]);
    expect(await redis.client.keys("beside:{run-3}*")).toEqual([]);
  });

  it("forgets a run whose end came while Redis couldn't answer, once it can", async () => {
    const { redis, marks } = await process();
    const other = await process();
    await marks.noteOpening("run-6", "p");
    await marks.addLate("run-6", "p", ["k"]);
    // Redis stops answering for a while (its clients paused), as the run ends.
    await other.redis.client.sendCommand(["CLIENT", "PAUSE", "1500", "ALL"]);
    await marks.forget("run-6");
    await new Promise((resolve) => setTimeout(resolve, 1600));
    // The next mark that reaches Redis brings the forgetting with it.
    await marks.noteOpening("run-7", "p");
    await expect.poll(() => redis.client.keys("beside:{run-6}*"), { timeout: 5000 }).toEqual([]);
  });

  it("takes a Redis that stops answering without closing its connections as away within a few seconds, and as back once it answers", async () => {
    const logs: string[] = [];
    const { redis, marks } = await process(logs);
    const other = await process();
    expect(redis.ready()).toBe(true);
    await other.redis.client.sendCommand(["CLIENT", "PAUSE", "6000", "ALL"]);
    await expect.poll(() => redis.ready(), { timeout: 10_000, interval: 100 }).toBe(false);
    // Nothing waits for it meanwhile: a mark is skipped without being sent, and the log says why.
    await marks.addLate("run-8", "p", ["k"]);
    expect(logs.filter((line) => line.includes("lateness marks can't reach Redis") && line.includes("not answering"))).toHaveLength(1);
    await expect.poll(() => redis.ready(), { timeout: 15_000, interval: 100 }).toBe(true);
  });

  it("while Redis is unreachable nothing waits for it: marks are skipped, reads give what was last read, and the log says so once", async () => {
    const logs: string[] = [];
    const { redis, marks } = await process(logs);
    await marks.noteOpening("run-5", "p");
    const openedAt = await marks.openedAt("run-5", "p");
    await marks.addLate("run-5", "p", ["before"]);
    expect(await marks.lateKeys("run-5", "p")).toEqual(["before"]);
    // Redis goes away (as a crash would: nothing saved).
    await redis.client.sendCommand(["SHUTDOWN", "NOSAVE"]).catch(() => {});
    await expect.poll(() => redis.client.isReady, { timeout: 10_000 }).toBe(false);
    await marks.addLate("run-5", "p", ["during"]);
    await marks.addLate("run-5", "p", ["during-2"]);
    expect(await marks.lateKeys("run-5", "p")).toEqual(["before"]);
    // But not for a release, which must not count a late answer towards k by an older read: it waits.
    await expect(marks.lateKeys("run-5", "p", { fresh: true })).rejects.toBeInstanceOf(MarksUnavailableError);
    await expect(marks.approvals("run-5", { fresh: true })).rejects.toBeInstanceOf(MarksUnavailableError);
    await expect(marks.setOnTimeReleased("run-5", "q", 3)).rejects.toBeInstanceOf(MarksUnavailableError);
    expect(await marks.openedAt("run-5", "p")).toBe(openedAt);
    // A prompt never read before has no moment to give: its phones count as early ones (fail open).
    expect(await marks.openedAt("run-5", "other")).toBeUndefined();
    expect(logs.filter((line) => line.includes("lateness marks can't reach Redis"))).toHaveLength(1);
  });
});
