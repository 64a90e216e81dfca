import { eq } from "drizzle-orm";

import { settings } from "../../db/schema";
import type { Db } from "./db.server";

export function getSetting(db: Db, key: string): { value: unknown; updatedAt: Date } | undefined {
  return db.select({ value: settings.value, updatedAt: settings.updatedAt }).from(settings).where(eq(settings.key, key)).get();
}

export function putSetting(db: Db, key: string, value: unknown, now: Date) {
  db.insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    .run();
}

export function deleteSetting(db: Db, key: string) {
  db.delete(settings).where(eq(settings.key, key)).run();
}
