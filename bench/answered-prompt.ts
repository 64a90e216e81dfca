/**
 * For the engine's micro-benchmarks (prompt-commands.ts, key-order-rewrite.ts): a run in a fresh database file whose
 * prompt "check-in" is open and holds `answers` stored answers, written the way the group commit writes them.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { PlanFiles } from "~/content/plan-files.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase, type DatabaseHandle } from "~/models/db.server";
import { RunEngine } from "~/runs/run-engine.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import type { Result } from "~/realtime/events";

export const PROMPT = "check-in";

export interface AnsweredPrompt {
  /** The SQLite file itself, for what is SQLite's own (its write-ahead log). */
  database: DatabaseHandle;
  storage: SqliteStorage;
  engine: RunEngine;
  runId: string;
  /** The slide that shows PROMPT. */
  slide: number;
  /** Closes the database and deletes its folder. */
  dispose(): void;
}

export async function answeredPrompt(answers: number): Promise<AnsweredPrompt> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-engine-"));
  const database = openDatabase(path.join(dir, "beside.db"));
  const dispose = () => {
    database.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const storage = new SqliteStorage(database);
    const plans = await PlanLibrary.load(storage, new PlanFiles(path.resolve("tests/fixtures/plans")));
    const engine = new RunEngine(storage, plans, { defaultK: () => 5 });
    const started = expectOk(await engine.startRun("every-prompt", 5));
    const run = (await engine.loadRunByCode(started.code))!;
    const runId = run.row.id;
    const slide = run.plan.slides.findIndex((s) => s.prompt?.id === PROMPT);
    expectOk(await engine.goToSlide(runId, slide));
    expectOk(await engine.changePrompt(runId, PROMPT, "open"));
    // Answered the way the group commit writes them: up to 256 per transaction.
    for (let from = 0; from < answers; from += 256) {
      const writes = [];
      for (let i = 0; i < Math.min(256, answers - from); i++) {
        const device = randomBytes(32).toString("base64url");
        writes.push(expectOk(await engine.prepareResponse(runId, device, PROMPT, { type: "scale", value: 1 + ((from + i) % 5) })).write);
      }
      for (const result of await engine.commitResponses(writes)) expectOk(result);
    }
    return { database, storage, engine, runId, slide, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.reason}`);
  return result.data;
}

/** Times each step under its label; `report` prints the median of each. */
export function stepTimer() {
  const times = new Map<string, number[]>();
  return {
    /** Times `step` until it has settled. */
    async time(label: string, step: () => unknown): Promise<void> {
      const start = performance.now();
      await step();
      this.add(label, performance.now() - start);
    },
    add(label: string, ms: number): void {
      times.set(label, [...(times.get(label) ?? []), ms]);
    },
    report(heading: string): void {
      console.log(heading);
      for (const [label, list] of times) console.log(`  ${label}: ${median(list).toFixed(1)}`);
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
