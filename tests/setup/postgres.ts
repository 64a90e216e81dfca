import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { openPostgres } from "~/storage/postgres/storage.server";

import { startServices, stopServices } from "../../scripts/services-lib";

const TEMPLATE = "beside_template";

/**
 * With BESIDE_TEST_BACKEND=postgres: one throwaway PostgreSQL cluster for the whole run (scripts/services-lib.ts),
 * with a template database the migrations are applied to once; each test server's database is a copy of it
 * (tests/helpers/backend.ts). The cluster stops, and its files go, when the run ends. Without it: nothing.
 */
export default async function setup(project: TestProject) {
  if (process.env.BESIDE_TEST_BACKEND !== "postgres") return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-pglane-"));
  const teardown = async () => {
    await stopServices(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = performance.now();
    const { databaseUrl } = await startServices({ dir, postgres: true });
    const admin = new URL(databaseUrl!);
    const template = new URL(admin);
    template.pathname = `/${TEMPLATE}`;
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`create database ${TEMPLATE}`);
    await client.end();
    // Opening storage applies the migrations; closing it leaves no connection on the template, which copying needs.
    await (await openPostgres(template.toString())).close();
    console.info(`PostgreSQL lane: cluster started and template migrated in ${Math.round(performance.now() - started)} ms`);
    project.provide("postgresUrl", admin.toString());
    project.provide("postgresTemplate", TEMPLATE);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
