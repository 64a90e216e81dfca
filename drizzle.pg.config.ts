import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations, from its twin of the schema (issue 20); drizzle.config.ts writes SQLite's. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
