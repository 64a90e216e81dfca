
import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";
import { choiceHeights } from "../shared/choice-fit";

import type { SingleChoicePrompt } from "./plan";

export type SingleChoiceAnswer = { type: "single-choice"; option: number };
export type SingleChoiceTally = { type: "single-choice"; answers: number; options: Array<{ label: string; count: number }> };

export const singleChoice: PromptLogic<SingleChoicePrompt, SingleChoiceAnswer, SingleChoiceTally> = {
  check: (prompt, { option }) =>
    Number.isInteger(option) && option >= 0 && option < prompt.options.length ? accept([option]) : refuse({ reason: "answers.chooseOne" }),
  restore: (_prompt, { numbers }) => ({ type: "single-choice", option: numbers[0] ?? 0 }),
  tally: (prompt, answers, rows) => ({
    type: "single-choice",
    answers,
    options: prompt.options.map((label, i) => ({ label, count: rows.find((row) => row.value === i)?.count ?? 0 })),
  }),
  settings: () => [],
  displayHeight: (prompt, measure) => choiceHeights(prompt.options, measure),
  csvRows: (prompt, shown) => prompt.options.map((label, i) => [label, shown ? (shown.options[i]?.count ?? 0) : null]),
  comparison: {
    kind: "options",
    options: (prompt) => prompt.options,
    counts: (tally) => new Map(tally.options.map((o) => [o.label, o.count])),
  },
};
