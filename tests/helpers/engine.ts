import { expect } from "vitest";

import { ResponseWriter } from "~/runs/engine/answer-path.server";
import type { RunEngine } from "~/runs/run-engine.server";

/**
 * The run engine driven as the hub drives it, on whichever storage it was given: a run of tests/fixtures/plans'
 * every-prompt plan, and phones answering its scale prompt through a group commit.
 */

/** A live run of the fixture plan on its scale prompt ("check-in", slide 1), opened; its id. */
export async function runOnCheckIn(engine: RunEngine): Promise<string> {
  const started = await engine.startRun("every-prompt");
  if (!started.ok) throw new Error("the run didn't start");
  const run = (await engine.loadRunByCode(started.data.code))!;
  expect((await engine.goToSlide(run.row.id, 1)).ok).toBe(true);
  expect((await engine.changePrompt(run.row.id, "check-in", "open")).ok).toBe(true);
  return run.row.id;
}

/** Sends `phones` answers to the scale prompt through a group commit and resolves with each one's result. */
export async function answerCheckIn(engine: RunEngine, runId: string, phones: string[], value = 3) {
  const writer = new ResponseWriter(
    (writes) => engine.commitResponses(writes),
    (error) => {
      throw error;
    },
  );
  return Promise.all(
    phones.map(async (device) => {
      const prepared = await engine.prepareResponse(runId, device, "check-in", { type: "scale", value });
      if (!prepared.ok) return prepared;
      return writer.submit(prepared.data.write);
    }),
  );
}

/** `count` phones' names. */
export const phones = (count: number, prefix = "phone") => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
