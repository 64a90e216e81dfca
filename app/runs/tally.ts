import type { Prompt } from "~/content/plan-schema";
import type { PromptStatus, Results, Tally } from "~/realtime/events";

/** A value from the stored answers and how many responses chose it (from SQL: json_each + GROUP BY). */
export interface ValueCount {
  value: number | string;
  count: number;
}

/** A prompt's stored responses: all of them, and the passes among them. */
export interface StoredCounts {
  responses: number;
  passes: number;
}

/** Word clouds stay readable: only the most frequent words are shown. */
export const WORD_CLOUD_LIMIT = 50;

/** Answers that count towards k: every response except passes. */
export function answersOf(counts: StoredCounts): number {
  return counts.responses - counts.passes;
}

/** Builds a prompt's tally from the grouped stored values. */
export function buildTally(prompt: Prompt, answers: number, rows: ValueCount[]): Tally {
  const countOf = (value: number | string) => rows.find((row) => row.value === value)?.count ?? 0;
  switch (prompt.type) {
    case "single-choice":
    case "multiple-choice":
      return { type: prompt.type, answers, options: prompt.options.map((label, i) => ({ label, count: countOf(i) })) };
    case "scale": {
      const counts = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => countOf(prompt.min + i));
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
    }
    case "word-cloud":
      return {
        type: "word-cloud",
        answers,
        words: rows
          .filter((row): row is { value: string; count: number } => typeof row.value === "string")
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
          .slice(0, WORD_CLOUD_LIMIT)
          .map(({ value, count }) => ({ word: value, count })),
      };
    case "open-text":
      // Alphabetical: no order that hints at who wrote what, or when.
      return {
        type: "open-text",
        answers,
        entries: rows
          .filter((row): row is { value: string; count: number } => typeof row.value === "string")
          .sort((a, b) => a.value.localeCompare(b.value))
          .map(({ value, count }) => ({ text: value, count })),
      };
  }
}

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

/**
 * What a screen may see of a prompt's results. Nobody sees them while the
 * prompt is open (no bar moves as someone taps). Once it is closed the
 * facilitator sees them, and displays and phones too when they are revealed.
 * Nobody sees a tally under k answers, and public screens are not even told
 * how many there are.
 */
export function resultsFor(
  audience: "facilitator" | "public",
  status: PromptStatus,
  k: number,
  counts: StoredCounts,
  tally: () => Tally,
): Results {
  if (status.phase === "open" || (audience === "public" && !status.revealed)) return { status: "hidden" };
  if (answersOf(counts) < k) return { status: "withheld", k };
  return { status: "shown", tally: tally() };
}
