import type { Prompt } from "~/content/plan-schema";
import type { ValueCount } from "~/prompts/module";
import { logicOf, type RegisteredTally } from "~/prompts/registry";

export type { ValueCount } from "~/prompts/module";
export { medianOf } from "~/prompts/scale";
export { WORD_CLOUD_LIMIT } from "~/prompts/word-cloud";

/** A prompt that has no phase row has never been opened. */
export type PromptPhase = "pending" | "open" | "closed";

export interface PromptStatus {
  phase: PromptPhase;
  revealed: boolean;
}

/** A prompt's tally: its shape is its type's own (app/prompts/<type>/index.ts). */
export type Tally = RegisteredTally;

/** Where a free-text entry stands in the console's moderation queue. Only "approved" text reaches a display or phone. */
export type Moderation = "pending" | "approved" | "hidden";

/**
 * What a screen may show of a prompt's results. Nothing while the prompt is
 * open; under k answers (passes not counted) nobody gets the tally, and
 * public screens don't even get the count.
 */
export type Results = { status: "hidden" } | { status: "withheld"; k: number } | { status: "shown"; tally: Tally };

/** A prompt's stored responses: all of them, and the passes among them. */
export interface StoredCounts {
  responses: number;
  passes: number;
}

/** Answers that count towards k: every response except passes. */
export function answersOf(counts: StoredCounts): number {
  return counts.responses - counts.passes;
}

/** Builds a prompt's tally from the grouped stored values, through the prompt type's module. */
export function buildTally(prompt: Prompt, answers: number, rows: ValueCount[]): Tally {
  return logicOf(prompt.type).tally(prompt, answers, rows);
}

/**
 * What a screen may not see of a prompt's results, or undefined when it may see its tally. The console sees them,
 * and displays and phones too once they are revealed. Nobody sees a tally under k answers, and public screens are
 * not even told how many there are. While a prompt is open, `counts` and the tally are what was last released (in
 * batches of at least k), so no bar moves as one neighbour taps.
 */
export function resultsWithheld(audience: "facilitator" | "public", status: PromptStatus, k: number, counts: StoredCounts): Results | undefined {
  if (audience === "public" && !status.revealed) return { status: "hidden" };
  if (answersOf(counts) < k) return { status: "withheld", k };
  return undefined;
}

/**
 * Applies the facilitator's moderation. Free text is put in the order
 * `orderKey` gives (a keyed hash of the text: neither arrival order nor the
 * alphabet). The console gets every entry with its state; public screens get
 * approved free text only, and no hidden word. When `wordsNeedApproval` (a
 * sensitive slide), words are like free text: public screens get approved
 * words only, and the console sees the others as pending.
 */
export function moderateTally(
  tally: Tally,
  audience: "facilitator" | "public",
  decisions: ReadonlyMap<string, "approved" | "hidden">,
  orderKey: (text: string) => string,
  wordsNeedApproval = false
): Tally {
  return logicOf(tally.type).text?.moderate(tally, audience, decisions, orderKey, wordsNeedApproval) ?? tally;
}
