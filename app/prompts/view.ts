import type { Prompt } from "~/content/plan-schema";
import type { Strings } from "~/strings";

import type { FormAnswer, FormFields } from "./shared/form-fields";

/**
 * What a prompt type shows (docs/decisions/033-prompt-types-as-modules.md), in two parts, each in its own
 * file and registry so a page loads only what it shows: its input (app/prompts/<type>/input.tsx,
 * registered in inputs.tsx) and its results (results.tsx, registered in results.tsx).
 * P is the type's prompt, A its answer, T its tally.
 */
export interface PromptInput<P, A> {
  /** The input on a phone. `draft` is the participant's answer so far (their earlier one when they change it). */
  Input: (props: { prompt: P; draft: A | null; onChange: (answer: A) => void }) => JSX.Element;
  /**
   * The answer that `Input`'s named controls say when posted as a plain form (a phone without its scripts), or the
   * type's refusal for an empty one; the page also reads its own form with it when its scripts arrive, so what the
   * person chose before then is kept. What it returns is checked as the same answer over a socket would be.
   */
  fromForm(form: FormFields, prompt: P): FormAnswer<A>;
  /** Whether a draft can be sent. */
  isComplete(answer: A): boolean;
  /** A participant's own answer, in words, for the confirmation. `prompt` is the prompt shown, whatever its type. */
  describe(t: Strings["phone"]["yours"], prompt: Prompt, answer: A): string;
  /** The words a participant wrote in an answer, for the phone's own distress check; absent for a type without written words. */
  written?(answer: A): string[];
}

export interface PromptResults<P, T> {
  /** The results, as console, display, phone and report show them. */
  Results: (props: { tally: T }) => JSX.Element;
  /** What the room can choose from, on the display before any result is shown (choices, a scale's ends); absent when nothing. */
  Choices?: (props: { prompt: P }) => JSX.Element;
}
