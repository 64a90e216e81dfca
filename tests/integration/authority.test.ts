import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { endWithoutPlan } from "~/runs/run-engine.server";
import type { Queries, Storage } from "~/storage/storage";

import { Authority, type AuthorityOptions } from "../../server/cluster/authority";
import { onPostgres } from "../helpers/backend";
import { insertRuns, openLaneStorage } from "../helpers/lane-storage";

/**
 * Issue 20, decision 051: two processes' authorities on one database (here two Authorities in one process on one
 * real storage, the lane's backend). Each live run has one holder; a holder that dies without letting go is
 * replaced once its lease runs out, one a clean stop lets go at the next scan; a run that ends is let go.
 * Intervals are short so the tests are; the figures (how long a takeover took) are printed, not asserted.
 */

let dir: string;
let storage: Storage;
const started: Authority[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-authority-"));
  storage = await openLaneStorage(dir);
  await insertRuns(storage, [{ id: "run-1" }]);
});

afterEach(async () => {
  for (const authority of started.splice(0)) await authority.stop();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const LEASE_QUERIES = new Set<string>(["takeLease", "renewLeases", "liveRunsWithoutHolder", "dropLeases"]);

const FAST: AuthorityOptions = { ttlMs: 600, renewIntervalMs: 150, scanIntervalMs: 150, scanJitterMs: 30 };

/** An Authority on `on`, started, with what it was told recorded, and a wait for the next thing it is told. */
function authority(name: string, options: AuthorityOptions = {}, on: Storage = storage) {
  const told: string[] = [];
  const waiting: Array<{ matches: (line: string) => boolean; resolve: () => void }> = [];
  const tell = (line: string) => {
    told.push(line);
    for (const wait of waiting.splice(0)) (wait.matches(line) ? wait.resolve : () => waiting.push(wait))();
  };
  const it = new Authority(on, {
    ...FAST,
    holder: name,
    onGained: (run, epoch) => tell(`gained ${run} ${epoch}`),
    onLost: (run) => tell(`lost ${run}`),
    onProblem: (message) => tell(`problem ${message}`),
    ...options,
  });
  started.push(it);
  it.start();
  /** Resolves when a line starting with `prefix` is told (or already was, from the `from`th on); fails the test after 15 s. */
  const heard = (prefix: string, from = 0) =>
    told.slice(from).some((line) => line.startsWith(prefix))
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiting.push({ matches: (line) => line.startsWith(prefix), resolve })),
          sleep(15_000).then(() => {
            throw new Error(`${name} was never told "${prefix}…" (told: ${told.join("; ") || "nothing"})`);
          }),
        ]);
  return { authority: it, told, heard };
}

describe(`Authorities on ${onPostgres ? "PostgreSQL" : "SQLite"}`, () => {
  it("give a live run one holder, however often both scan", async () => {
    const a = authority("A");
    const b = authority("B");
    await Promise.race([a.heard("gained run-1"), b.heard("gained run-1")]);
    // Many renewals and scans later, still exactly one holds it, and the other was never told it gained it.
    await sleep(FAST.ttlMs! * 3);
    expect([a.authority.holds("run-1"), b.authority.holds("run-1")].sort()).toEqual([false, true]);
    expect([...a.told, ...b.told]).toEqual(["gained run-1 1"]);
  });

  it("hand a run to the other once its holder halts without letting go (as when killed), one epoch on", async () => {
    const a = authority("A");
    await a.heard("gained run-1 1");
    const b = authority("B");
    // B starts scanning while A holds: B must not take it.
    await sleep(FAST.ttlMs!);
    expect(b.told).toEqual([]);
    const halted = performance.now();
    await a.authority.halt();
    await b.heard("gained run-1 2");
    console.info(
      `authority on ${onPostgres ? "PostgreSQL" : "SQLite"}: taken over ${Math.round(performance.now() - halted)} ms after the holder halted (TTL ${FAST.ttlMs} ms, renewal and scan every ${FAST.scanIntervalMs} ms)`,
    );
    expect(b.authority.holds("run-1")).toBe(true);
    expect(b.authority.epoch("run-1")).toBe(2);
    expect(a.authority.holds("run-1")).toBe(false);
    expect(await storage.queries.holdsLease("run-1", "A", 1)).toBe(false);
  });

  it("hand a run over at the next scan when its holder stops cleanly, long before its lease would have run out", async () => {
    // A lease of a minute: B can only take the run within the test's time because A let go of it.
    const long = { ttlMs: 60_000 };
    const a = authority("A", long);
    await a.heard("gained run-1 1");
    const b = authority("B", long);
    await sleep(FAST.scanIntervalMs! * 3);
    expect(b.told).toEqual([]);
    const stopped = performance.now();
    await a.authority.stop();
    await b.heard("gained run-1 2");
    console.info(`authority: handed over ${Math.round(performance.now() - stopped)} ms after a clean stop (scan every ${FAST.scanIntervalMs} ms)`);
    expect(a.told).toEqual(["gained run-1 1"]);
  });

  it("take a run at once when asked (a run this process starts), and let go of a run that ends", async () => {
    const a = authority("A", { scanIntervalMs: 60_000 });
    // The first scan at start took run-1; run-2 starts later and is taken at once, not at a scan a minute away.
    await a.heard("gained run-1 1");
    await insertRuns(storage, [{ id: "run-2" }]);
    expect(await a.authority.take("run-2")).toBe(1);
    expect(a.authority.runs().sort()).toEqual(["run-1", "run-2"]);
    const b = authority("B");
    await storage.transaction(async (tx) => {
      await tx.lockRun("run-1", "change");
      await endWithoutPlan(tx, "run-1", new Date());
    });
    await a.heard("lost run-1");
    expect(a.authority.holds("run-1")).toBe(false);
    expect(a.authority.holds("run-2")).toBe(true);
    await sleep(FAST.ttlMs!);
    expect(b.told).toEqual([]);
    expect(a.told).toEqual(["gained run-1 1", "gained run-2 1", "lost run-1"]);
  });

  it("keep a lease whose renewal fails only until it would have run out, then report it lost", async () => {
    // The database out of reach for the leases' queries, as when it is down.
    let down = false;
    const failing = new Proxy(storage.queries, {
      get: (queries, name: keyof Queries) =>
        down && LEASE_QUERIES.has(name) ? () => Promise.reject(new Error("connection refused")) : queries[name],
    });
    const a = authority("A", {}, { ...storage, queries: failing } as Storage);
    await a.heard("gained run-1 1");
    // Right after a renewal: then the lease has TTL left.
    await sleep(FAST.renewIntervalMs! + 50);
    down = true;
    const wentDown = performance.now();
    await a.heard("lost run-1");
    // The last renewal that worked was at most one interval before; the lease lasted a TTL from then.
    expect(performance.now() - wentDown).toBeGreaterThanOrEqual(FAST.ttlMs! - FAST.renewIntervalMs! - 50);
    expect(a.authority.holds("run-1")).toBe(false);
    // Told once for the whole outage.
    expect(a.told.filter((line) => line.startsWith("problem"))).toHaveLength(1);
    expect(a.told.at(-1)).toBe("lost run-1");
    // Back again, the next scan takes the run again (the same holder: the same epoch).
    const back = a.told.length;
    down = false;
    await a.heard("gained run-1 1", back);
  });
});
