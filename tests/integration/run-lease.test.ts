import { describe, expect, it } from "vitest";

import { onPostgres } from "../helpers/backend";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { startRun } from "../helpers/server";

/**
 * Decision 051 in the server: a process takes the lease of a run it starts at once, lets go of its leases when it
 * stops, and a process started on the same database takes the live runs nobody holds, one epoch on.
 */

const startServer = useTestServers();
const nowMs = onPostgres ? "(extract(epoch from clock_timestamp()) * 1000)::bigint" : "cast(unixepoch('subsec') * 1000 as integer)";
const leaseOf = (dbFile: string, runId: string) =>
  query<{ holder: string; epoch: number; held: number | boolean }>(
    dbFile,
    `select holder, epoch, expires_at > ${nowMs} as held from leases where name = ?`,
    runId,
  )[0];

describe("A run's lease", () => {
  it("is taken by the process that starts the run, let go when it stops, and taken by the next process on the database", async () => {
    const first = await startServer();
    const { authority } = first.server;
    const { code } = await startRun(first);
    const runId = query<{ id: string }>(first.dbFile, "select id from runs where code = ?", code)[0]!.id;
    await expect.poll(() => authority.holds(runId)).toBe(true);
    expect(authority.epoch(runId)).toBe(1);
    expect(leaseOf(first.dbFile, runId)).toMatchObject({ holder: authority.holder, epoch: 1 });
    expect(Boolean(leaseOf(first.dbFile, runId)!.held)).toBe(true);
    expect(authority.holder).toMatch(/^.+:\d+:[0-9a-f-]{36}$/);

    await first.stop();
    expect(Boolean(leaseOf(first.dbFile, runId)!.held)).toBe(false);

    const second = await startServer({ dbFile: first.dbFile });
    await expect.poll(() => second.server.authority.holds(runId)).toBe(true);
    expect(second.server.authority.epoch(runId)).toBe(2);
    expect(leaseOf(second.dbFile, runId)).toMatchObject({ holder: second.server.authority.holder, epoch: 2 });
  });
});
