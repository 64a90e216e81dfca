import { asc, desc, eq } from "drizzle-orm";

import { accounts, runs } from "../../db/schema";
import type { Db } from "./db.server";

/** A past or live run as history lists it: never its secrets, only who started it. */
export interface HistoryRow {
  id: string;
  code: string;
  planId: string;
  planVersion: number | null;
  k: number;
  state: "live" | "ended";
  startedAt: Date;
  endedAt: Date | null;
  textPurgedAt: Date | null;
  peakParticipants: number;
  /** The name of the account that started the run; null if none (or it was deleted). */
  facilitator: string | null;
}

const historyColumns = {
  id: runs.id,
  code: runs.code,
  planId: runs.planId,
  planVersion: runs.planVersion,
  k: runs.k,
  state: runs.state,
  startedAt: runs.startedAt,
  endedAt: runs.endedAt,
  textPurgedAt: runs.textPurgedAt,
  peakParticipants: runs.peakParticipants,
  facilitator: accounts.name,
};

/** Every run of a plan (any version: runs.plan_id is the library key), newest or oldest first. */
export function runsOfPlan(db: Db, planKey: string, order: "newest" | "oldest" = "newest"): HistoryRow[] {
  return db
    .select(historyColumns)
    .from(runs)
    .leftJoin(accounts, eq(accounts.id, runs.startedBy))
    .where(eq(runs.planId, planKey))
    .orderBy(order === "newest" ? desc(runs.startedAt) : asc(runs.startedAt), asc(runs.id))
    .all();
}

export function getHistoryRow(db: Db, runId: string): HistoryRow | undefined {
  return db.select(historyColumns).from(runs).leftJoin(accounts, eq(accounts.id, runs.startedBy)).where(eq(runs.id, runId)).get();
}
