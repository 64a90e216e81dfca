/**
 * `node --import tsx bench/prompt-commands.ts [ANSWERS]`: how long the facilitator's commands take in the run
 * engine (their transaction, no socket and no broadcast) once a prompt holds ANSWERS stored answers (default
 * 10,000), the median of five rounds. Reopening a revealed prompt copies every stored answer into its released
 * copy, and closing it clears them again, so those two grow with the answers; docs/performance.md has figures.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase } from "~/models/db.server";
import { RunEngine } from "~/runs/run-engine.server";
import type { Result } from "~/realtime/events";

const ANSWERS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;
const PROMPT = "check-in";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-commands-"));
const database = openDatabase(path.join(dir, "beside.db"));
try {
  const engine = new RunEngine(database.db, new PlanLibrary(database.db, new PlanFiles(path.resolve("tests/fixtures/plans"))), { defaultK: () => 5 });
  const started = expectOk(engine.startRun("every-prompt", 5));
  const run = engine.loadRunByCode(started.code)!;
  const runId = run.row.id;
  const slide = run.plan.slides.findIndex((s) => s.prompt?.id === PROMPT);
  expectOk(engine.goToSlide(runId, slide));
  expectOk(engine.changePrompt(runId, PROMPT, "open"));
  // Answered the way the group commit writes them: up to 256 per transaction.
  for (let from = 0; from < ANSWERS; from += 256) {
    const writes = Array.from({ length: Math.min(256, ANSWERS - from) }, (_, i) => {
      const device = randomBytes(32).toString("base64url");
      return expectOk(engine.prepareResponse(runId, device, PROMPT, { type: "scale", value: 1 + ((from + i) % 5) })).write;
    });
    for (const result of engine.commitResponses(writes)) expectOk(result);
  }
  expectOk(engine.changePrompt(runId, PROMPT, "close"));

  const times = new Map<string, number[]>();
  const time = (label: string, command: () => unknown) => {
    const start = performance.now();
    command();
    times.set(label, [...(times.get(label) ?? []), performance.now() - start]);
  };
  for (let round = 0; round < ROUNDS; round++) {
    time("slide:go", () => expectOk(engine.goToSlide(runId, slide)));
    time("run:pause", () => expectOk(engine.setPaused(runId, round % 2 === 0)));
    time("prompt:reveal (closed)", () => expectOk(engine.changePrompt(runId, PROMPT, "reveal")));
    time("prompt:open (reopens a revealed prompt: releases every answer)", () => expectOk(engine.changePrompt(runId, PROMPT, "open")));
    time("the screens' view with its tally", () => engine.sharedReads(() => engine.audienceView(engine.loadRun(runId)!)));
    time("prompt:close (clears the released copies)", () => expectOk(engine.changePrompt(runId, PROMPT, "close")));
    time("prompt:hide", () => expectOk(engine.changePrompt(runId, PROMPT, "hide")));
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
