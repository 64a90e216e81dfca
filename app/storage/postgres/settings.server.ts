import { eq } from "drizzle-orm";

import { settings } from "../../../db/schema.pg";

import type { PgDb } from "./db.server";

/** app/models/settings.server.ts on PostgreSQL. */

export async function getSetting(db: PgDb, key: string): Promise<{ value: unknown; updatedAt: Date } | undefined> {
  return (await db.select({ value: settings.value, updatedAt: settings.updatedAt }).from(settings).where(eq(settings.key, key)))[0];
}

export async function putSetting(db: PgDb, key: string, value: unknown, now: Date) {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

export async function deleteSetting(db: PgDb, key: string) {
  await db.delete(settings).where(eq(settings.key, key));
}
