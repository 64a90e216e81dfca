import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as wait } from "node:timers/promises";

import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";

import { openDatabase, type DatabaseHandle } from "~/models/db.server";

import { SqliteStorage } from "./sqlite.server";

let database: DatabaseHandle;
let storage: SqliteStorage;
let problems: string[];

beforeEach(() => {
  database = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-storage-")), "beside.db"));
  database.db.run(sql`insert into plan_snapshots values ('h', 'p', 'x', 0)`);
  database.db.run(
    sql`insert into runs (id, code, plan_id, plan_hash, facilitator_secret_hash, response_key_salt, k, started_at) values ('r', 'C', 'p', 'h', 'f', 's', 5, 0)`,
  );
  problems = [];
  storage = new SqliteStorage(database, { onProblem: (message) => problems.push(message) });
});

afterEach(() => {
  storage.close();
  database.close();
});

const answer = (key: string) => ({ runId: "r", promptId: "q", responseKey: key, answer: { passed: false, values: [1] } });

it("commits everything a transaction did, or nothing when its work throws", async () => {
  await storage.transaction(async (tx) => {
    await tx.upsertResponse(answer("a"));
    await tx.savePromptPhase({ runId: "r", promptId: "q", phase: "open", revealed: false });
  });
  await expect(
    storage.transaction(async (tx) => {
      await tx.upsertResponse(answer("b"));
      await tx.setCurrentSlide("r", 3, new Date());
      throw new Error("refused half way");
    }),
  ).rejects.toThrow("refused half way");

  expect((await storage.queries.countResponses("r", "q")).responses).toBe(1);
  expect((await storage.queries.getRunById("r"))?.currentSlide).toBe(0);
  expect((await storage.queries.getPromptPhase("r", "q"))?.phase).toBe("open");
});

it("lets nothing else touch the connection while a transaction is open: a query outside waits and sees it whole", async () => {
  const seen: number[] = [];
  // Another caller's query, asked in the middle of the transaction's work (between two of its awaits).
  let outside: Promise<void> | undefined;
  const written = storage.transaction(async (tx) => {
    await tx.upsertResponse(answer("a"));
    outside = storage.queries.countResponses("r", "q").then((counts) => void seen.push(counts.responses));
    await tx.upsertResponse(answer("b"));
    await tx.upsertResponse(answer("c"));
  });
  await written;
  await outside;
  expect(seen).toEqual([3]);
});

it("runs transactions one after another, in the order they were asked for", async () => {
  const order: string[] = [];
  await Promise.all(
    ["first", "second", "third"].map((name) =>
      storage.transaction(async (tx) => {
        order.push(`${name} begins`);
        await tx.upsertResponse(answer(name));
        order.push(`${name} ends`);
      }),
    ),
  );
  expect(order).toEqual(["first begins", "first ends", "second begins", "second ends", "third begins", "third ends"]);
});

it("rolls back a transaction that waits on something else, frees the connection and tells its caller", async () => {
  const stalled = storage.transaction(async (tx) => {
    await tx.upsertResponse(answer("a"));
    await wait(20);
    await tx.upsertResponse(answer("b"));
  });
  await expect(stalled).rejects.toThrow("after it ended");
  expect(problems).toEqual([expect.stringContaining("rolled back")]);
  // Nothing of it was kept, and the connection serves others.
  expect((await storage.queries.countResponses("r", "q")).responses).toBe(0);
  await storage.transaction((tx) => tx.upsertResponse(answer("c")));
  expect((await storage.queries.countResponses("r", "q")).responses).toBe(1);
});

it("fails a transaction whose work queries outside it, instead of waiting for itself for ever", async () => {
  const deadlocked = storage.transaction(async (tx) => {
    await tx.upsertResponse(answer("a"));
    // Wrong: `queries` waits until the transaction is over.
    await storage.queries.getRunById("r");
  });
  await expect(deadlocked).rejects.toThrow("rolled back");
  expect((await storage.queries.countResponses("r", "q")).responses).toBe(0);
});

it("answers every model query by name, each once", () => {
  expect(typeof storage.queries.upsertResponse).toBe("function");
  expect(typeof storage.queries.rewriteQuestionsInKeyOrder).toBe("function");
  expect(typeof storage.queries.acceptAgreement).toBe("function");
});
