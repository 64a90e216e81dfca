import type { Prompt, PromptType } from "~/content/plan-schema";
import type { Answer, Tally } from "~/realtime/events";

import { multipleChoiceView } from "./multiple-choice/view";
import { openTextView } from "./open-text/view";
import { scaleView } from "./scale/view";
import { singleChoiceView } from "./single-choice/view";
import type { PromptView } from "./view";
import { wordCloudView } from "./word-cloud/view";

/**
 * Each prompt type's views: its phone input and its results. What a phone loads of the prompt types:
 * no zod, no server code, and not the logic registry (registry.ts).
 */
export const promptViews = {
  "single-choice": singleChoiceView,
  "multiple-choice": multipleChoiceView,
  scale: scaleView,
  "word-cloud": wordCloudView,
  "open-text": openTextView,
} satisfies { [T in PromptType]: PromptView<Extract<Prompt, { type: T }>, Extract<Answer, { type: T }>, Extract<Tally, { type: T }>> };

type AnyAnswer = Exclude<Answer, { type: "pass" }>;

/** A prompt type's views, for a prompt, answer and tally of that type (the caller has checked they agree). */
export function viewOf(type: PromptType): PromptView<Prompt, AnyAnswer, Tally> {
  return promptViews[type] as unknown as PromptView<Prompt, AnyAnswer, Tally>;
}
