import { and, eq, gt, inArray, sql } from "drizzle-orm";

import { leases, runs } from "../../db/schema";
import type { Db } from "./db.server";

/**
 * Leases (decision 051): who does a live run's serialised work, named by the run's id, or by a name starting with
 * `~` for work that is not a run's (`~maintenance`, the retention purge). A lease is held until `expires_at`, in
 * milliseconds on the database's clock, so that processes on several machines compare one clock. `epoch` grows by
 * one each time the holder changes, so a holder that lost a lease can tell its work from its successor's.
 *
 * SQLite is only ever one process's (several processes need PostgreSQL), so here its one process always wins; the
 * queries still do what PostgreSQL's do.
 */

/** Now, in milliseconds, on the database's clock. */
const nowMs = sql`cast(unixepoch('subsec') * 1000 as integer)`;

/**
 * Takes the lease `name` for `holder` for `ttlMs`, in one statement: when nobody holds it, when `holder` already
 * does (it is extended, its epoch kept) or when its holder's time has run out (the epoch grows by one). Resolves with
 * the epoch, or null while someone else holds it.
 */
export function takeLease(db: Db, name: string, holder: string, ttlMs: number): number | null {
  const row = db.get<{ epoch: number } | undefined>(sql`
    insert into ${leases} (name, holder, epoch, expires_at) values (${name}, ${holder}, 1, ${nowMs} + ${ttlMs})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,
      epoch = ${leases}.epoch + (${leases}.holder <> excluded.holder)
    where ${leases}.holder = excluded.holder or ${leases}.expires_at < ${nowMs}
    returning epoch`);
  return row?.epoch ?? null;
}

/**
 * Extends every lease of `names` that `holder` still holds (not expired) by `ttlMs`, in one statement; the names
 * it still holds, with their epochs. A name missing from the answer was lost: it expired, or the run ended.
 */
export function renewLeases(db: Db, holder: string, names: string[], ttlMs: number): Array<{ name: string; epoch: number }> {
  if (names.length === 0) return [];
  return db
    .update(leases)
    .set({ expiresAt: sql`${nowMs} + ${ttlMs}` })
    .where(and(eq(leases.holder, holder), inArray(leases.name, names), gt(leases.expiresAt, nowMs)))
    .returning({ name: leases.name, epoch: leases.epoch })
    .all();
}

/**
 * Lets go of `holder`'s leases of `names`, or of all of them (a clean stop), so others can take them at once. The
 * rows stay, expired, so the next holder's epoch still follows on from this one's.
 */
export function dropLeases(db: Db, holder: string, names?: string[]) {
  const mine = eq(leases.holder, holder);
  db.update(leases)
    .set({ expiresAt: 0 })
    .where(names ? and(mine, inArray(leases.name, names)) : mine)
    .run();
}

/**
 * Whether `holder` still holds `name` at `epoch`, in the caller's transaction: work only a lease's holder does
 * checks it first and rolls back without it (fencing). On PostgreSQL the row is locked until the transaction ends,
 * so a takeover waits for the work; here a transaction holds the one connection anyway.
 */
export function holdsLease(db: Db, name: string, holder: string, epoch: number): boolean {
  return (
    db
      .select({ name: leases.name })
      .from(leases)
      .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.epoch, epoch), gt(leases.expiresAt, nowMs)))
      .get() !== undefined
  );
}

/** Up to `limit` live runs whose lease nobody holds (none, or expired): the ones a process may take. */
export function liveRunsWithoutHolder(db: Db, limit: number): string[] {
  return db
    .all<{ id: string }>(
      sql`select r.id from ${runs} r left join ${leases} l on l.name = r.id
        where r.state = 'live' and (l.name is null or l.expires_at < ${nowMs}) limit ${limit}`,
    )
    .map((row) => row.id);
}

/** Deletes the leases of runs that are no longer live (or no longer there): in the transaction that ends a run. */
export function dropLeasesOfEndedRuns(db: Db) {
  db.run(sql`delete from ${leases} where name not like '~%' and name not in (select id from ${runs} where state = 'live')`);
}
