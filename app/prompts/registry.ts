import type { Prompt, PromptType } from "~/content/plan-schema";

import type { PromptLogic } from "./module";
import { multipleChoice } from "./multiple-choice";
import { openText } from "./open-text";
import { ranking } from "./ranking";
import { scale } from "./scale";
import { singleChoice } from "./single-choice";
import { wordCloud } from "./word-cloud";

/**
 * The prompt types, each with its logic: checking and normalising answers, tallies, moderation, CSV rows.
 * The run engine, the socket layer, the report and the CSV reach a type only through here. Nothing in
 * this registry loads zod or React, so a phone may load it.
 *
 * Adding a type: a folder app/prompts/<type>/ and one line here, in plans.ts, payloads.ts, inputs.tsx and results.tsx
 * (the type checker and tests/unit/prompt-types.test.ts refuse a type missing from any of them).
 */
export const promptLogic = {
  "single-choice": singleChoice,
  "multiple-choice": multipleChoice,
  scale,
  ranking,
  "word-cloud": wordCloud,
  "open-text": openText,
} satisfies { [T in PromptType]: PromptLogic<Extract<Prompt, { type: T }>, { type: T }, { type: T }> };

type Logic = typeof promptLogic;
type PartsOf<L> = L extends PromptLogic<infer P, infer A, infer T> ? { prompt: P; answer: A; tally: T } : never;

/** An answer to any registered type (pass aside: see Answer in app/realtime/events.ts). */
export type RegisteredAnswer = { [T in PromptType]: PartsOf<Logic[T]>["answer"] }[PromptType];
/** A tally of any registered type. */
export type RegisteredTally = { [T in PromptType]: PartsOf<Logic[T]>["tally"] }[PromptType];

/** A prompt type's logic, for a prompt, answer and tally of that type (the caller has checked they agree). */
export function logicOf(type: PromptType): PromptLogic<Prompt, RegisteredAnswer, RegisteredTally> {
  return promptLogic[type] as unknown as PromptLogic<Prompt, RegisteredAnswer, RegisteredTally>;
}
