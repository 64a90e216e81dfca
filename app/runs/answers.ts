import type { Prompt } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";
import type { Refusal } from "~/strings/refusal";

import { logicOf } from "~/prompts/registry";

export { toggleOption } from "~/prompts/multiple-choice/toggle";
export { hasLoneSurrogate, normaliseText, normaliseWord } from "~/prompts/shared/text";

/** How an answer is stored: a pass flag and a JSON array that SQL can tally with json_each. */
export interface StoredAnswer {
  passed: boolean;
  values: Array<number | string>;
}

/**
 * Checks an answer against its prompt and turns it into what is stored, through the prompt type's module.
 * Returns why, for a participant to act on, when the answer doesn't fit.
 */
export function toStoredAnswer(
  prompt: Prompt,
  answer: Answer,
  language = "en",
): { ok: true; stored: StoredAnswer } | { ok: false; refusal: Refusal } {
  if (answer.type === "pass") return { ok: true, stored: { passed: true, values: [] } };
  if (answer.type !== prompt.type) return { ok: false, refusal: { reason: "answers.wrongType", params: { type: prompt.type } } };

  const checked = logicOf(prompt.type).check(prompt, answer, language);
  return checked.ok ? { ok: true, stored: { passed: false, values: checked.values } } : checked;
}

/** The answer a device sees again after a reload, rebuilt from what is stored. */
export function fromStoredAnswer(prompt: Prompt, stored: StoredAnswer): Answer {
  if (stored.passed) return { type: "pass" };
  const numbers = stored.values.filter((v): v is number => typeof v === "number");
  const strings = stored.values.filter((v): v is string => typeof v === "string");
  return logicOf(prompt.type).restore(prompt, { numbers, strings });
}
