import { and, count, eq, gt, isNull, lte, sql } from "drizzle-orm";

import { accounts, sessions } from "../../../db/schema.pg";
import type { AccountRow } from "~/models/account.server";

import type { PgDb } from "./db.server";

/** app/models/account.server.ts on PostgreSQL: what each query does is written there. */

export async function insertAccount(db: PgDb, account: typeof accounts.$inferInsert): Promise<AccountRow> {
  return (await db.insert(accounts).values(account).returning())[0]!;
}

export async function countAccounts(db: PgDb): Promise<number> {
  return (await db.select({ n: count() }).from(accounts))[0]?.n ?? 0;
}

export async function countActiveOrganisers(db: PgDb): Promise<number> {
  return (
    (
      await db
        .select({ n: count() })
        .from(accounts)
        .where(and(eq(accounts.role, "organiser"), isNull(accounts.disabledAt)))
    )[0]?.n ?? 0
  );
}

export async function getAccountById(db: PgDb, id: string): Promise<AccountRow | undefined> {
  return (await db.select().from(accounts).where(eq(accounts.id, id)))[0];
}

export async function getAccountByEmail(db: PgDb, email: string): Promise<AccountRow | undefined> {
  return (await db.select().from(accounts).where(eq(accounts.email, email)))[0];
}

/** In byte order (`collate "C"`), as SQLite's BINARY collation orders names. */
export async function listAccounts(db: PgDb): Promise<AccountRow[]> {
  return db
    .select()
    .from(accounts)
    .orderBy(sql`${accounts.name} collate "C"`, sql`${accounts.email} collate "C"`);
}

export async function updateAccount(
  db: PgDb,
  id: string,
  change: Partial<Pick<AccountRow, "role" | "disabledAt" | "passwordHash" | "name" | "email" | "language">>,
) {
  await db.update(accounts).set(change).where(eq(accounts.id, id));
}

export async function insertSession(db: PgDb, session: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(session);
}

export async function getSessionAccount(db: PgDb, tokenHash: string, now: Date): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(accounts.disabledAt)));
  return row?.account;
}

export async function deleteSession(db: PgDb, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: PgDb, accountId: string) {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}

export async function deleteExpiredSessions(db: PgDb, now: Date) {
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
}
