import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgColumn, PgDatabase, PgTable } from "drizzle-orm/pg-core";

import type * as schema from "../../../db/schema.pg";

/**
 * A drizzle node-postgres handle on db/schema.pg.ts: the pool's, or a transaction's (both are a PgDatabase). The
 * PostgreSQL twin of app/models/db.server.ts's Db.
 */
export type PgDb = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/**
 * The PostgreSQL twin of rewriteInKeyOrder (app/models/db.server.ts, decisions 021 and 044): deletes the rows
 * `where` selects and writes them back in the order of `key`, in one statement, in the caller's transaction. The
 * rows pass through the statement itself (a data-modifying `with`), never through a table of their own.
 *
 * Afterwards the rows' physical places (ctid) follow `key` and every row carries the id of this transaction (xmin).
 * The deleted versions stay in the table's pages until vacuum, and their bytes until written over, and every insert
 * stays in the write-ahead log until its segment is written over: Beside can't remove those (decision 050).
 */
export async function rewriteInKeyOrder(db: PgDb, table: PgTable, key: PgColumn[], where: SQL): Promise<void> {
  const columns = sql.join(
    Object.values(getTableColumns(table)).map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const order = sql.join(
    key.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  await db.execute(sql`
    with gone as (delete from ${table} where ${where} returning ${columns})
    insert into ${table} (${columns}) select ${columns} from gone order by ${order}`);
}
