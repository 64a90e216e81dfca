import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Storage } from "~/storage/storage";

import { onPostgres } from "../helpers/backend";
import { insertRuns, openLaneStorage } from "../helpers/lane-storage";

/**
 * Issue 20, decision 051: the lease queries on the backend of the lane (SQLite here, PostgreSQL with
 * `npm run test:integration:postgres`). A lease has one holder at a time, on the database's clock; its epoch grows
 * only when the holder changes; a fenced write's transaction holds a takeover back on PostgreSQL.
 */

let dir: string;
let storage: Storage;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-lease-"));
  storage = await openLaneStorage(dir);
});

afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`Leases on ${onPostgres ? "PostgreSQL" : "SQLite"}`, () => {
  it("have one holder at a time: taken, renewed, refused to a second holder while held, taken over with the next epoch once expired", async () => {
    const q = storage.queries;
    expect(await q.takeLease("run-a", "A", 3000)).toBe(1);
    expect(await q.holdsLease("run-a", "A", 1)).toBe(true);
    // The same holder taking it again extends it and keeps the epoch.
    expect(await q.takeLease("run-a", "A", 3000)).toBe(1);
    expect(await q.renewLeases("A", ["run-a", "never-taken"], 3000)).toEqual([{ name: "run-a", epoch: 1 }]);
    expect(await q.renewLeases("A", [], 3000)).toEqual([]);

    expect(await q.takeLease("run-a", "B", 3000)).toBeNull();
    expect(await q.holdsLease("run-a", "B", 1)).toBe(false);
    expect(await q.renewLeases("B", ["run-a"], 3000)).toEqual([]);

    // A short lease runs out on the database's clock; then another holder takes it, one epoch on.
    expect(await q.takeLease("run-b", "A", 100)).toBe(1);
    expect(await q.takeLease("run-b", "B", 3000)).toBeNull();
    await sleep(250);
    expect(await q.holdsLease("run-b", "A", 1)).toBe(false);
    expect(await q.renewLeases("A", ["run-a", "run-b"], 3000)).toEqual([{ name: "run-a", epoch: 1 }]);
    expect(await q.takeLease("run-b", "B", 3000)).toBe(2);
    expect(await q.holdsLease("run-b", "B", 2)).toBe(true);
    expect(await q.holdsLease("run-b", "B", 1)).toBe(false);
    expect(await q.takeLease("run-b", "A", 3000)).toBeNull();
    // The new holder taking it again keeps its epoch.
    expect(await q.takeLease("run-b", "B", 3000)).toBe(2);

    // Let go, it is free at once, and the next holder's epoch still follows on.
    await q.dropLeases("B", ["run-a", "run-b"]);
    expect(await q.holdsLease("run-a", "A", 1)).toBe(true);
    expect(await q.takeLease("run-b", "A", 3000)).toBe(3);
    await q.dropLeases("A");
    expect(await q.renewLeases("A", ["run-a", "run-b"], 3000)).toEqual([]);
    expect(await q.takeLease("run-a", "B", 3000)).toBe(2);
  });

  it("name the live runs nobody holds, and the leases of runs that ended go", async () => {
    const q = storage.queries;
    await insertRuns(storage, [{ id: "live-1" }, { id: "live-2" }, { id: "ended-1", ended: true }]);
    const free = async () => (await q.liveRunsWithoutHolder(50)).sort();
    expect(await free()).toEqual(["live-1", "live-2"]);
    expect(await q.liveRunsWithoutHolder(1)).toHaveLength(1);
    await q.takeLease("live-1", "A", 3000);
    await q.takeLease("live-2", "A", 100);
    expect(await free()).toEqual([]);
    await sleep(250);
    expect(await free()).toEqual(["live-2"]);

    await q.takeLease("ended-1", "A", 3000);
    await q.takeLease("~maintenance", "A", 3000);
    await q.markRunEnded("live-1", new Date());
    await q.dropLeasesOfEndedRuns();
    expect(await q.renewLeases("A", ["live-1", "live-2", "ended-1", "~maintenance"], 3000)).toEqual([{ name: "~maintenance", epoch: 1 }]);
    expect(await q.takeLease("live-2", "B", 3000)).toBe(2);
  });

  it.skipIf(!onPostgres)("hold a takeover back while a fenced write's transaction is under way (PostgreSQL: for share)", async () => {
    const q = storage.queries;
    expect(await q.takeLease("run-a", "A", 400)).toBe(1);
    let takenOver: number | null | undefined;
    let takeover: Promise<void> | undefined;
    await storage.transaction(async (tx) => {
      expect(await tx.holdsLease("run-a", "A", 1)).toBe(true);
      // The lease runs out while the fenced write is still under way; the takeover must wait for it to commit.
      await sleep(600);
      takeover = q.takeLease("run-a", "B", 3000).then((epoch) => void (takenOver = epoch));
      await sleep(400);
      expect(takenOver).toBeUndefined();
    });
    await takeover;
    expect(takenOver).toBe(2);
  });
});
