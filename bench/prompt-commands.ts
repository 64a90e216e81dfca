/**
 * `node --import tsx bench/prompt-commands.ts [ANSWERS]`: how long the facilitator's commands take in the run
 * engine (their transaction, no socket and no broadcast) once a prompt holds ANSWERS stored answers (default
 * 10,000), the median of five rounds. Reopening a revealed prompt copies every stored answer into its released
 * copy, and closing it clears them again, so those two grow with the answers; docs/performance.md has figures.
 */
import { answeredPrompt, expectOk, PROMPT, stepTimer } from "./answered-prompt";

const ANSWERS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;

const { engine, runId, slide, dispose } = await answeredPrompt(ANSWERS);
try {
  expectOk(await engine.changePrompt(runId, PROMPT, "close"));
  const steps = stepTimer();
  for (let round = 0; round < ROUNDS; round++) {
    await steps.time("slide:go", async () => expectOk(await engine.goToSlide(runId, slide)));
    await steps.time("run:pause", async () => expectOk(await engine.setPaused(runId, round % 2 === 0)));
    await steps.time("prompt:reveal (closed)", async () => expectOk(await engine.changePrompt(runId, PROMPT, "reveal")));
    await steps.time("prompt:open (reopens a revealed prompt: releases every answer)", async () => expectOk(await engine.changePrompt(runId, PROMPT, "open")));
    await steps.time("the screens' view with its tally", () => engine.sharedReads(async () => engine.audienceView((await engine.loadRun(runId))!)));
    await steps.time("prompt:close (clears the released copies)", async () => expectOk(await engine.changePrompt(runId, PROMPT, "close")));
    await steps.time("prompt:hide", async () => expectOk(await engine.changePrompt(runId, PROMPT, "hide")));
  }
  steps.report(`${ANSWERS} stored answers, median of ${ROUNDS} rounds (ms):`);
} finally {
  dispose();
}
