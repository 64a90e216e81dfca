
import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";
import { choiceHeights } from "../shared/choice-fit";

import type { MultipleChoicePrompt } from "./plan";

export type MultipleChoiceAnswer = { type: "multiple-choice"; options: number[] };
export type MultipleChoiceTally = { type: "multiple-choice"; answers: number; options: Array<{ label: string; count: number }> };

export const multipleChoice: PromptLogic<MultipleChoicePrompt, MultipleChoiceAnswer, MultipleChoiceTally> = {
  check: (prompt, answer) => {
    const options = [...new Set(answer.options)].sort((a, b) => a - b);
    if (options.length === 0) return refuse({ reason: "answers.chooseAtLeastOne" });
    if (options.some((o) => !Number.isInteger(o) || o < 0 || o >= prompt.options.length)) return refuse({ reason: "answers.chooseShown" });
    if (prompt.exclusive !== undefined && options.length > 1 && options.includes(prompt.exclusive)) {
      return refuse({ reason: "answers.chooseAlone", params: { option: prompt.options[prompt.exclusive]! } });
    }
    return accept(options);
  },
  restore: (_prompt, { numbers }) => ({ type: "multiple-choice", options: numbers }),
  tally: (prompt, answers, rows) => ({
    type: "multiple-choice",
    answers,
    options: prompt.options.map((label, i) => ({ label, count: rows.find((row) => row.value === i)?.count ?? 0 })),
  }),
  settings: (t, prompt) => (prompt.exclusive !== undefined ? [t.exclusive(prompt.options[prompt.exclusive] ?? "")] : []),
  displayHeight: (prompt, measure) => choiceHeights(prompt.options, measure, { note: measure.strings.room.results.manyChoices }),
  csvRows: (prompt, shown) => prompt.options.map((label, i) => [label, shown ? (shown.options[i]?.count ?? 0) : null]),
  comparison: {
    kind: "options",
    manyPerAnswer: true,
    options: (prompt) => prompt.options,
    counts: (tally) => new Map(tally.options.map((o) => [o.label, o.count])),
  },
};
