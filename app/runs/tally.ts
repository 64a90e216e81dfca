import type { Prompt } from "~/content/plan-schema";
import type { Moderation, PromptStatus, Results, Tally } from "~/realtime/events";

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
 * What a screen may see of a prompt's results. The console sees them, and
 * displays and phones too once they are revealed. Nobody sees a tally under
 * k answers, and public screens are not even told how many there are. While
 * a prompt is open, `counts` and the tally are what was last released (in
 * batches of at least k), so no bar moves as one neighbour taps.
 */
export function resultsFor(
  audience: "facilitator" | "public",
  status: PromptStatus,
  k: number,
  counts: StoredCounts,
  tally: () => Tally,
): Results {
  if (audience === "public" && !status.revealed) return { status: "hidden" };
  if (answersOf(counts) < k) return { status: "withheld", k };
  return { status: "shown", tally: tally() };
}

/**
 * Applies the facilitator's moderation. Free text is put in the order
 * `orderKey` gives (a keyed hash of the text: neither arrival order nor the
 * alphabet). The console gets every entry with its state; public screens get
 * approved free text only, and no hidden word. When `wordsNeedApproval` (a
 * sensitive slide), words are like free text: public screens get approved
 * words only, and the console sees the others as pending.
 */
export function moderateTally(
  tally: Tally,
  audience: "facilitator" | "public",
  decisions: ReadonlyMap<string, "approved" | "hidden">,
  orderKey: (text: string) => string,
  wordsNeedApproval = false,
): Tally {
  if (tally.type === "open-text") {
    // One order for everyone, so the console's list of approved entries reads in the display's order.
    const keyed = tally.entries.map((entry) => ({ entry, key: orderKey(entry.text) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const ordered = keyed.map(({ entry }) => entry);
    if (audience === "facilitator") {
      return { ...tally, entries: ordered.map((entry) => ({ ...entry, moderation: moderationOf(decisions, entry.text) })) };
    }
    return { ...tally, entries: ordered.filter((entry) => decisions.get(entry.text) === "approved") };
  }
  if (tally.type === "word-cloud") {
    if (audience === "facilitator") {
      return {
        ...tally,
        words: tally.words.map((word) => {
          const decision = decisions.get(word.word);
          if (decision === "hidden") return { ...word, hidden: true };
          return wordsNeedApproval && decision !== "approved" ? { ...word, pending: true } : word;
        }),
      };
    }
    const shown = (word: string) => (wordsNeedApproval ? decisions.get(word) === "approved" : decisions.get(word) !== "hidden");
    return { ...tally, words: tally.words.filter((word) => shown(word.word)) };
  }
  return tally;
}

function moderationOf(decisions: ReadonlyMap<string, "approved" | "hidden">, text: string): Moderation {
  return decisions.get(text) ?? "pending";
}
