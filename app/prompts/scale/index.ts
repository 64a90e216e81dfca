
import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";

import type { ScalePrompt } from "./plan";

export type ScaleAnswer = { type: "scale"; value: number };
export type ScaleTally = {
  type: "scale";
  answers: number;
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
  /** counts[i] is how many chose min + i. */
  counts: number[];
  median: number;
};

export const scale: PromptLogic<ScalePrompt, ScaleAnswer, ScaleTally> = {
  check: (prompt, { value }) =>
    Number.isInteger(value) && value >= prompt.min && value <= prompt.max ? accept([value]) : refuse({ reason: "answers.scale", params: { min: prompt.min, max: prompt.max } }),
  restore: (prompt, { numbers }) => ({ type: "scale", value: numbers[0] ?? prompt.min }),
  tally: (prompt, answers, rows) => {
    const counts = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => rows.find((row) => row.value === prompt.min + i)?.count ?? 0);
    return {
      type: "scale",
      answers,
      min: prompt.min,
      max: prompt.max,
      minLabel: prompt.minLabel,
      maxLabel: prompt.maxLabel,
      counts,
      median: medianOf(counts, prompt.min),
    };
  },
  settings: (t, prompt) => [
    t.scale(prompt.min, prompt.minLabel, prompt.max, prompt.maxLabel),
    ...(prompt.compareWith ? [t.comparedWith(prompt.compareWith)] : []),
  ],
  displayHeight: (prompt, m) => {
    const choices = m.textHeight(`${prompt.min} = ${prompt.minLabel} · ${prompt.max} = ${prompt.maxLabel}`, m.width);
    const half = prompt.compareWith ? (m.width - 2 * m.text) / 2 : m.width;
    const chart = (prompt.compareWith ? 0.24 : 0.3) * m.canvas + 2 * m.line;
    const labels = m.textHeight(`${prompt.min} = ${prompt.minLabel}  ${prompt.max} = ${prompt.maxLabel}`, half);
    const caption = m.textHeight(`${m.strings.room.results.median} ${prompt.max} · ${m.strings.room.results.answers(1000)}`, half);
    let results = chart + labels + caption + m.text;
    if (prompt.compareWith) {
      results += m.textHeight(m.strings.room.results.earlierHeading(prompt.question), half) + 0.3 * m.text;
      results += m.textHeight(m.strings.room.results.compareNote, m.width) + m.text;
    }
    return { choices, results };
  },
  csvRows: (prompt, shown) => Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => [String(prompt.min + i), shown ? (shown.counts[i] ?? 0) : null]),
  comparison: {
    kind: "values",
    options: (prompt) => Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => String(prompt.min + i)),
    counts: (tally) => new Map(tally.counts.map((count, i) => [String(tally.min + i), count])),
  },
};

/** The median of a distribution given as counts per value (lower median for an even total). */
export function medianOf(counts: number[], min: number): number {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return min;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= middle) return min + i;
  }
  return min + counts.length - 1;
}
