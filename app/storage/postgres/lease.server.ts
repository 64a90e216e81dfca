import { and, eq, gt, inArray, sql } from "drizzle-orm";

import { leases, runs } from "../../../db/schema.pg";

import type { PgDb } from "./db.server";

/**
 * app/models/lease.server.ts on PostgreSQL: what each query does is written there. The clock is the database's,
 * read as each statement runs (clock_timestamp, not the transaction's start), in milliseconds as SQLite's.
 */

const nowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export async function takeLease(db: PgDb, name: string, holder: string, ttlMs: number): Promise<number | null> {
  const { rows } = await db.execute<{ epoch: number }>(sql`
    insert into ${leases} as l (name, holder, epoch, expires_at) values (${name}, ${holder}, 1, ${nowMs} + ${ttlMs}::bigint)
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,
      epoch = l.epoch + (l.holder <> excluded.holder)::int
    where l.holder = excluded.holder or l.expires_at < ${nowMs}
    returning epoch`);
  return rows[0]?.epoch ?? null;
}

export async function renewLeases(db: PgDb, holder: string, names: string[], ttlMs: number): Promise<Array<{ name: string; epoch: number }>> {
  if (names.length === 0) return [];
  return db
    .update(leases)
    .set({ expiresAt: sql`${nowMs} + ${ttlMs}::bigint` })
    .where(and(eq(leases.holder, holder), inArray(leases.name, names), gt(leases.expiresAt, nowMs)))
    .returning({ name: leases.name, epoch: leases.epoch });
}

export async function dropLeases(db: PgDb, holder: string, names?: string[]) {
  const mine = eq(leases.holder, holder);
  await db
    .update(leases)
    .set({ expiresAt: 0 })
    .where(names ? and(mine, inArray(leases.name, names)) : mine);
}

/** FOR SHARE: a takeover's upsert of this row waits until the caller's transaction ends. */
export async function holdsLease(db: PgDb, name: string, holder: string, epoch: number): Promise<boolean> {
  const rows = await db
    .select({ name: leases.name })
    .from(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.epoch, epoch), gt(leases.expiresAt, nowMs)))
    .for("share");
  return rows.length > 0;
}

export async function liveRunsWithoutHolder(db: PgDb, limit: number): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(
    sql`select r.id from ${runs} r left join ${leases} l on l.name = r.id
      where r.state = 'live' and (l.name is null or l.expires_at < ${nowMs}) limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

export async function dropLeasesOfEndedRuns(db: PgDb) {
  await db.execute(sql`delete from ${leases} where name not like '~%' and name not in (select id from ${runs} where state = 'live')`);
}
