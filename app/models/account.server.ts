import { and, asc, count, eq, gt, isNull, lte } from "drizzle-orm";

import { accounts, sessions } from "../../db/schema";
import type { Db } from "./db.server";

export type AccountRow = typeof accounts.$inferSelect;

export function insertAccount(db: Db, account: typeof accounts.$inferInsert): AccountRow {
  return db.insert(accounts).values(account).returning().get();
}

export function countAccounts(db: Db): number {
  return db.select({ n: count() }).from(accounts).get()?.n ?? 0;
}

export function countActiveOrganisers(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(accounts)
      .where(and(eq(accounts.role, "organiser"), isNull(accounts.disabledAt)))
      .get()?.n ?? 0
  );
}

export function getAccountById(db: Db, id: string): AccountRow | undefined {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

export function getAccountByEmail(db: Db, email: string): AccountRow | undefined {
  return db.select().from(accounts).where(eq(accounts.email, email)).get();
}

export function listAccounts(db: Db): AccountRow[] {
  return db.select().from(accounts).orderBy(asc(accounts.name), asc(accounts.email)).all();
}

export function updateAccount(db: Db, id: string, change: Partial<Pick<AccountRow, "role" | "disabledAt" | "passwordHash" | "name" | "email" | "language">>) {
  db.update(accounts).set(change).where(eq(accounts.id, id)).run();
}

export function insertSession(db: Db, session: typeof sessions.$inferInsert) {
  db.insert(sessions).values(session).run();
}

/** The account behind a live session; none if the session expired or the account is disabled. */
export function getSessionAccount(db: Db, tokenHash: string, now: Date): AccountRow | undefined {
  return db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(accounts.disabledAt)))
    .get()?.account;
}

export function deleteSession(db: Db, tokenHash: string) {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSessionsOf(db: Db, accountId: string) {
  db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
}

export function deleteExpiredSessions(db: Db, now: Date) {
  db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
}
