import path from "node:path";

import { openStorage } from "~/storage/open.server";
import type { Storage } from "~/storage/storage";

import { freshDatabase, onPostgres } from "./backend";

/** A fresh, migrated database of the lane's backend: a SQLite file in `dir`, or a PostgreSQL database of the run's cluster. */
export async function openLaneStorage(dir: string): Promise<Storage> {
  return onPostgres
    ? openStorage({ DATABASE_URL: await freshDatabase(), DATABASE_FILE: "unused" })
    : openStorage({ DATABASE_URL: undefined, DATABASE_FILE: path.join(dir, "beside.db") });
}

/** Runs with the ids given, straight into storage (no plan behind them): live, or ended when said. */
export async function insertRuns(storage: Storage, runs: Array<{ id: string; ended?: boolean }>) {
  const now = new Date();
  await storage.queries.savePlanSnapshot({ hash: "h", planId: "p", source: "#" }, now);
  for (const run of runs) {
    await storage.queries.insertRun({
      id: run.id,
      code: `C-${run.id}`,
      planId: "p",
      planHash: "h",
      facilitatorSecretHash: `f-${run.id}`,
      k: 3,
      startedAt: now,
    });
    if (run.ended) await storage.queries.markRunEnded(run.id, now);
  }
}
