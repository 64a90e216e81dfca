import type { Prompt, PromptType } from "~/content/plan-schema";
import type { Tally } from "~/realtime/events";

import { multipleChoiceResults } from "./multiple-choice/results";
import { openTextResults } from "./open-text/results";
import { rankingResults } from "./ranking/results";
import { scaleResults } from "./scale/results";
import { singleChoiceResults } from "./single-choice/results";
import type { PromptResults } from "./view";
import { wordCloudResults } from "./word-cloud/results";

/** Each prompt type's results view, for console, display, phone and report. No zod, no server code. */
export const promptResults = {
  "single-choice": singleChoiceResults,
  "multiple-choice": multipleChoiceResults,
  scale: scaleResults,
  ranking: rankingResults,
  "word-cloud": wordCloudResults,
  "open-text": openTextResults,
} satisfies { [T in PromptType]: PromptResults<Extract<Prompt, { type: T }>, Extract<Tally, { type: T }>> };

/** A prompt type's results view, for a prompt and tally of that type (the caller has checked they agree). */
export function resultsOf(type: PromptType): PromptResults<Prompt, Tally> {
  return promptResults[type] as unknown as PromptResults<Prompt, Tally>;
}
