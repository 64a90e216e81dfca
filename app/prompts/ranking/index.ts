import { staffEn } from "~/strings/en/staff-pages";

import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";
import { choiceHeights } from "../shared/choice-fit";

import type { RankingPrompt } from "./plan";

/** `order`: the options' places in the plan's list, the participant's first choice first; `top` of them. */
export type RankingAnswer = { type: "ranking"; order: number[] };
export type RankingTally = {
  type: "ranking";
  answers: number;
  /** How many places a ranking has: the plan's `top`, or every option. */
  top: number;
  /** In plan order: Borda points (see pointsFor) and how many rankings put the option first. */
  options: Array<{ label: string; points: number; first: number }>;
};

/**
 * Each ranked option is stored as one number, place × PLACE + option, so SQL's grouping by value (json_each)
 * counts how many rankings put each option at each place, and the tally stays an aggregate like any other.
 */
export const PLACE = 100;

/** Borda points for a place (0 = first) in a ranking of `top` places: top for the first, down to 1 for the last ranked. */
export function pointsFor(place: number, top: number): number {
  return place < top ? top - place : 0;
}

export const ranking: PromptLogic<RankingPrompt, RankingAnswer, RankingTally> = {
  check: (prompt, { order }) => {
    if (order.some((o) => !Number.isInteger(o) || o < 0 || o >= prompt.options.length)) return refuse({ reason: "answers.chooseShown" });
    if (new Set(order).size !== order.length) return refuse({ reason: "answers.rankOnce" });
    if (order.length !== prompt.top) return refuse({ reason: "answers.rankCount", params: { top: prompt.top, options: prompt.options.length } });
    return accept(order.map((option, place) => place * PLACE + option));
  },
  restore: (_prompt, { numbers }) => ({
    type: "ranking",
    order: [...numbers].sort((a, b) => a - b).map((value) => value % PLACE),
  }),
  tally: (prompt, answers, rows) => {
    const options = prompt.options.map((label) => ({ label, points: 0, first: 0 }));
    for (const row of rows) {
      if (typeof row.value !== "number") continue;
      const place = Math.floor(row.value / PLACE);
      const option = options[row.value % PLACE];
      if (!option) continue;
      option.points += pointsFor(place, prompt.top) * row.count;
      if (place === 0) option.first += row.count;
    }
    return { type: "ranking", answers, top: prompt.top, options };
  },
  settings: (t, prompt) => [t.rankTop(prompt.top, prompt.options.length)],
  // The figures beside a bar ("12 points · first for 3") take about twice a choice's.
  displayHeight: (prompt, measure) =>
    choiceHeights(prompt.options, measure, {
      value: 12,
      note: `${measure.strings.room.results.ranking.legend(prompt.top, prompt.top - 1)} ${measure.strings.room.results.ranking.unranked} ${measure.strings.room.results.answers(1000)}`,
    }),
  csvRows: (prompt, shown) => {
    const t = staffEn.reports.rankingCsv;
    return prompt.options.flatMap((label, i): Array<[string, number | null]> => [
      [t.points(label), shown ? (shown.options[i]?.points ?? 0) : null],
      [t.first(label), shown ? (shown.options[i]?.first ?? 0) : null],
    ]);
  },
};
