import { questionsEn, type QuestionStrings } from "./en/questions";

/**
 * The question box's text, kept apart from the run's catalogue (./index.ts) so that a phone downloads it only with
 * the question box's own code, when a box opens (decision 036). English only for now: a translation adds a
 * catalogue of the same type here, chosen by the run's language as useStrings does.
 */
export function useQuestionStrings(): QuestionStrings {
  return questionsEn;
}
