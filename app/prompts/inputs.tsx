import type { Prompt, PromptType } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";

import { multipleChoiceInput } from "./multiple-choice/input";
import { openTextInput } from "./open-text/input";
import { rankingInput } from "./ranking/input";
import { scaleInput } from "./scale/input";
import { singleChoiceInput } from "./single-choice/input";
import type { PromptInput } from "./view";
import { wordCloudInput } from "./word-cloud/input";

/**
 * Each prompt type's input on a phone. Loaded by the answer form and the phone page only: no zod, no
 * server code, not the logic registry (registry.ts), and apart from the results (results.tsx), which
 * other pages load, so the phone's scripts stay in as few pieces as before.
 */
export const promptInputs = {
  "single-choice": singleChoiceInput,
  "multiple-choice": multipleChoiceInput,
  scale: scaleInput,
  ranking: rankingInput,
  "word-cloud": wordCloudInput,
  "open-text": openTextInput,
} satisfies { [T in PromptType]: PromptInput<Extract<Prompt, { type: T }>, Extract<Answer, { type: T }>> };

type AnyAnswer = Exclude<Answer, { type: "pass" }>;

/** A prompt type's input, for a prompt and answer of that type (the caller has checked they agree). */
export function inputOf(type: PromptType): PromptInput<Prompt, AnyAnswer> {
  return promptInputs[type] as unknown as PromptInput<Prompt, AnyAnswer>;
}
