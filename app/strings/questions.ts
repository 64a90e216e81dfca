import { useStrings } from "./index";

export type { QuestionStrings } from "./en/questions";

/** The question box's text, in the page's language: a part of the page's catalogue (app/strings/index.ts). */
export function useQuestionStrings() {
  return useStrings().questions;
}
