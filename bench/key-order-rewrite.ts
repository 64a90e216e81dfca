/**
 * `node --import tsx bench/key-order-rewrite.ts [ANSWERS]`: where a `prompt:close` with ANSWERS stored answers
 * (default 10,000) spends its time: decision 021's rewrite in key order with its commit, the log's truncation, and
 * the close in the engine as a whole (with both), the median of five rounds. docs/performance.md has figures.
 */
import { truncateLog } from "~/models/db.server";

import { answeredPrompt, expectOk, PROMPT, stepTimer } from "./answered-prompt";

const ANSWERS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;

const { database, storage, engine, runId, dispose } = await answeredPrompt(ANSWERS);
try {
  truncateLog(database.db);
  const steps = stepTimer();
  for (let round = 0; round < ROUNDS; round++) {
    await steps.time("the rewrite, in a transaction with its commit", () =>
      storage.transaction((tx) => tx.rewriteResponsesInKeyOrder(runId, PROMPT)),
    );
    await steps.time("truncating the log", () => truncateLog(database.db));
    expectOk(await engine.changePrompt(runId, PROMPT, "open"));
    await steps.time("prompt:close in the engine", async () => expectOk(await engine.changePrompt(runId, PROMPT, "close")));
  }
  steps.report(`${ANSWERS} stored answers, median of ${ROUNDS} rounds (ms):`);
} finally {
  dispose();
}
