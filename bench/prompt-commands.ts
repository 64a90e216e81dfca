/**
 * `node --import tsx bench/prompt-commands.ts [ANSWERS]`: how long the facilitator's commands take in the run
 * engine (their transaction, no socket and no broadcast) once a prompt holds ANSWERS stored answers (default
 * 10,000), the median of five rounds. Reopening a revealed prompt copies every stored answer into its released
 * copy, and closing it clears them again, so those two grow with the answers; docs/performance.md has figures.
 */
import { answeredPrompt, expectOk, PROMPT, stepTimer } from "./answered-prompt";

const ANSWERS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;

const { engine, runId, slide, dispose } = answeredPrompt(ANSWERS);
try {
  expectOk(engine.changePrompt(runId, PROMPT, "close"));
  const steps = stepTimer();
  for (let round = 0; round < ROUNDS; round++) {
    steps.time("slide:go", () => expectOk(engine.goToSlide(runId, slide)));
    steps.time("run:pause", () => expectOk(engine.setPaused(runId, round % 2 === 0)));
    steps.time("prompt:reveal (closed)", () => expectOk(engine.changePrompt(runId, PROMPT, "reveal")));
    steps.time("prompt:open (reopens a revealed prompt: releases every answer)", () => expectOk(engine.changePrompt(runId, PROMPT, "open")));
    steps.time("the screens' view with its tally", () => engine.sharedReads(() => engine.audienceView(engine.loadRun(runId)!)));
    steps.time("prompt:close (clears the released copies)", () => expectOk(engine.changePrompt(runId, PROMPT, "close")));
    steps.time("prompt:hide", () => expectOk(engine.changePrompt(runId, PROMPT, "hide")));
  }
  steps.report(`${ANSWERS} stored answers, median of ${ROUNDS} rounds (ms):`);
} finally {
  dispose();
}
