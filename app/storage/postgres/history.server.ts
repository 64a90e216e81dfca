import { asc, desc, eq, sql } from "drizzle-orm";

import { accounts, runs } from "../../../db/schema.pg";
import type { HistoryRow } from "~/models/history.server";

import type { PgDb } from "./db.server";

/** app/models/history.server.ts on PostgreSQL: what each query does is written there. */

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

/** Runs started at the same millisecond are in byte order of id (`collate "C"`), as SQLite orders them. */
export async function runsOfPlan(db: PgDb, planKey: string, order: "newest" | "oldest" = "newest"): Promise<HistoryRow[]> {
  return db
    .select(historyColumns)
    .from(runs)
    .leftJoin(accounts, eq(accounts.id, runs.startedBy))
    .where(eq(runs.planId, planKey))
    .orderBy(order === "newest" ? desc(runs.startedAt) : asc(runs.startedAt), sql`${runs.id} collate "C"`);
}

export async function getHistoryRow(db: PgDb, runId: string): Promise<HistoryRow | undefined> {
  return (await db.select(historyColumns).from(runs).leftJoin(accounts, eq(accounts.id, runs.startedBy)).where(eq(runs.id, runId)))[0];
}
