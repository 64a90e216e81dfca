/**
 * `node --import tsx bench/key-order-rewrite.ts [ANSWERS]`: where a `prompt:close` with ANSWERS stored answers spends
 * its time (decision 021's rewrite in key order, its commit, the log's truncation), each step timed on its own, the
 * median of five rounds. docs/performance.md has figures.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase, truncateLog } from "~/models/db.server";
import { rewriteResponsesInKeyOrder } from "~/models/response.server";
import { RunEngine } from "~/runs/run-engine.server";
import type { Result } from "~/realtime/events";

const ANSWERS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;
const PROMPT = "check-in";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-rewrite-"));
const database = openDatabase(path.join(dir, "beside.db"));
try {
  const engine = new RunEngine(database.db, new PlanLibrary(database.db, new PlanFiles(path.resolve("tests/fixtures/plans"))), { defaultK: () => 5 });
  const started = expectOk(engine.startRun("every-prompt", 5));
  const run = engine.loadRunByCode(started.code)!;
  const runId = run.row.id;
  const slide = run.plan.slides.findIndex((s) => s.prompt?.id === PROMPT);
  expectOk(engine.goToSlide(runId, slide));
  expectOk(engine.changePrompt(runId, PROMPT, "open"));
  for (let from = 0; from < ANSWERS; from += 256) {
    const writes = Array.from({ length: Math.min(256, ANSWERS - from) }, (_, i) => {
      const device = randomBytes(32).toString("base64url");
      return expectOk(engine.prepareResponse(runId, device, PROMPT, { type: "scale", value: 1 + ((from + i) % 5) })).write;
    });
    for (const result of engine.commitResponses(writes)) expectOk(result);
  }
  truncateLog(database.db);

  const times = new Map<string, number[]>();
  const time = (label: string, step: () => unknown) => {
    const start = performance.now();
    step();
    times.set(label, [...(times.get(label) ?? []), performance.now() - start]);
  };
  for (let round = 0; round < ROUNDS; round++) {
    time("the rewrite, in a transaction with its commit", () => database.db.transaction((tx) => rewriteResponsesInKeyOrder(tx, runId, PROMPT)));
    time("truncating the log", () => truncateLog(database.db));
    time("prompt:close in the engine, with both", () => {
      expectOk(engine.changePrompt(runId, PROMPT, "open"));
      const start = performance.now();
      expectOk(engine.changePrompt(runId, PROMPT, "close"));
      times.set("  (close alone)", [...(times.get("  (close alone)") ?? []), performance.now() - start]);
    });
  }
  console.log(`${ANSWERS} stored answers, median of ${ROUNDS} rounds (ms):`);
  for (const [label, list] of times) console.log(`  ${label}: ${median(list).toFixed(1)}`);
} finally {
  database.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.reason}`);
  return result.data;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
