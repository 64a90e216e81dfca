import { describe, expect, it, vi } from "vitest";

import type { Prompt } from "~/content/plan-schema";
import type { PromptStatus, Tally } from "~/realtime/events";

import { answersOf, buildTally, medianOf, moderateTally, resultsWithheld, WORD_CLOUD_LIMIT, type StoredCounts, type ValueCount } from "./tally";

type PromptOf<T extends Prompt["type"]> = Extract<Prompt, { type: T }>;

const single: PromptOf<"single-choice"> = {
  id: "belief",
  type: "single-choice",
  question: "Which belief?",
  options: ["Only me", "People hurt", "Neither"],
};
const multiple: PromptOf<"multiple-choice"> = { ...single, id: "signs", type: "multiple-choice", options: ["A", "B", "C", "D"] };
const scale: PromptOf<"scale"> = {
  id: "check-in",
  type: "scale",
  question: "How are you?",
  min: 1,
  max: 5,
  minLabel: "Empty",
  maxLabel: "Full",
};
const words: PromptOf<"word-cloud"> = { id: "strength", type: "word-cloud", question: "Strength means…", maxWords: 3 };
const text: PromptOf<"open-text"> = { id: "ask", type: "open-text", question: "One small ask", maxLength: 280 };

describe("buildTally", () => {
  it("fills in zero counts for options nobody chose, in the plan's order", () => {
    expect(buildTally(single, 4, [{ value: 2, count: 4 }])).toEqual({
      type: "single-choice",
      answers: 4,
      options: [
        { label: "Only me", count: 0 },
        { label: "People hurt", count: 0 },
        { label: "Neither", count: 4 },
      ],
    });
  });

  it("counts multiple-choice options per option, ignoring values that are not options", () => {
    const rows: ValueCount[] = [
      { value: 3, count: 1 },
      { value: 0, count: 5 },
      { value: 7, count: 9 },
    ];
    expect(buildTally(multiple, 6, rows)).toEqual({
      type: "multiple-choice",
      answers: 6,
      options: [
        { label: "A", count: 5 },
        { label: "B", count: 0 },
        { label: "C", count: 0 },
        { label: "D", count: 1 },
      ],
    });
  });

  it("indexes scale counts from min, with zeros filled in, and carries the labels", () => {
    const rows: ValueCount[] = [
      { value: 5, count: 1 },
      { value: 2, count: 3 },
      { value: 1, count: 1 },
    ];
    expect(buildTally(scale, 5, rows)).toEqual({
      type: "scale",
      answers: 5,
      min: 1,
      max: 5,
      minLabel: "Empty",
      maxLabel: "Full",
      counts: [1, 3, 0, 0, 1],
      median: 2,
    });
  });

  it("indexes scale counts from 0 on a scale from 0", () => {
    const fromZero: PromptOf<"scale"> = { ...scale, min: 0, max: 3 };
    const tally = buildTally(fromZero, 6, [
      { value: 0, count: 4 },
      { value: 3, count: 2 },
    ]);
    expect(tally).toMatchObject({ type: "scale", min: 0, max: 3, counts: [4, 0, 0, 2], median: 0 });
  });

  it("gives a scale with no answers all-zero counts and the median at min", () => {
    expect(buildTally(scale, 0, [])).toMatchObject({ counts: [0, 0, 0, 0, 0], median: 1 });
  });

  it("sorts a word cloud by count, then alphabetically", () => {
    const rows: ValueCount[] = [
      { value: "rest", count: 2 },
      { value: "asking", count: 5 },
      { value: "calm", count: 2 },
      { value: "boundaries", count: 2 },
      { value: "trust", count: 1 },
    ];
    expect(buildTally(words, 7, rows)).toEqual({
      type: "word-cloud",
      answers: 7,
      words: [
        { word: "asking", count: 5 },
        { word: "boundaries", count: 2 },
        { word: "calm", count: 2 },
        { word: "rest", count: 2 },
        { word: "trust", count: 1 },
      ],
    });
  });

  it(`keeps only the ${WORD_CLOUD_LIMIT} most frequent words`, () => {
    expect(WORD_CLOUD_LIMIT).toBe(50);
    // 60 words; "word-00" is the rarest, "word-59" the most frequent.
    const rows: ValueCount[] = Array.from({ length: 60 }, (_, i) => ({ value: `word-${String(i).padStart(2, "0")}`, count: i + 1 }));
    const tally = buildTally(words, 100, rows) as Extract<Tally, { type: "word-cloud" }>;
    expect(tally.words).toHaveLength(50);
    expect(tally.words[0]).toEqual({ word: "word-59", count: 60 });
    expect(tally.words.at(-1)).toEqual({ word: "word-10", count: 11 });
    expect(tally.words.map((w) => w.word)).not.toContain("word-09");
  });

  it("does not reorder the rows it was given", () => {
    const rows: ValueCount[] = [
      { value: "b", count: 1 },
      { value: "a", count: 2 },
    ];
    buildTally(words, 2, rows);
    expect(rows.map((r) => r.value)).toEqual(["b", "a"]);
  });

  it("lists open text alphabetically, whatever order it arrived in", () => {
    const rows: ValueCount[] = [
      { value: "Say no less", count: 1 },
      { value: "ask a friend for a lift", count: 2 },
      { value: "Call my sister", count: 1 },
    ];
    expect(buildTally(text, 4, rows)).toEqual({
      type: "open-text",
      answers: 4,
      entries: [
        { text: "ask a friend for a lift", count: 2 },
        { text: "Call my sister", count: 1 },
        { text: "Say no less", count: 1 },
      ],
    });
  });
});

describe("medianOf", () => {
  it("finds the middle answer of an odd number of answers", () => {
    // values 1, 2, 2, 4, 5 → 2
    expect(medianOf([1, 2, 0, 1, 1], 1)).toBe(2);
  });

  it("takes the lower median for an even number of answers", () => {
    // values 1, 1, 3, 3 → lower median 1
    expect(medianOf([2, 0, 2], 1)).toBe(1);
    // values 2, 3 → 2
    expect(medianOf([0, 1, 1, 0], 1)).toBe(2);
  });

  it("returns the only value when every answer is in one bucket", () => {
    expect(medianOf([0, 0, 7, 0, 0], 1)).toBe(3);
    expect(medianOf([0, 0, 0, 0, 1], 1)).toBe(5);
  });

  it("counts from min, including a scale from 0", () => {
    expect(medianOf([3, 1, 0], 0)).toBe(0);
    expect(medianOf([0, 1, 3], 0)).toBe(2);
  });

  it("returns min when there are no answers", () => {
    expect(medianOf([0, 0, 0], 1)).toBe(1);
    expect(medianOf([0, 0, 0], 0)).toBe(0);
  });
});

describe("answersOf", () => {
  it("counts every response except passes", () => {
    expect(answersOf({ responses: 7, passes: 3 })).toBe(4);
    expect(answersOf({ responses: 3, passes: 3 })).toBe(0);
    expect(answersOf({ responses: 0, passes: 0 })).toBe(0);
  });
});

/** What a screen sees: the tally when nothing is withheld. */
function resultsFor(audience: "facilitator" | "public", status: PromptStatus, k: number, counts: StoredCounts, tally: () => Tally) {
  return resultsWithheld(audience, status, k, counts) ?? { status: "shown", tally: tally() };
}

describe("resultsWithheld", () => {
  const TALLY: Tally = { type: "single-choice", answers: 5, options: [{ label: "A", count: 5 }] };
  const counts = (answers: number, passes = 0) => ({ responses: answers + passes, passes });
  const closed: PromptStatus = { phase: "closed", revealed: false };
  const revealed: PromptStatus = { phase: "closed", revealed: true };

  it("hides unrevealed results from public screens, even above k, without building the tally", () => {
    const tally = vi.fn(() => TALLY);
    expect(resultsFor("public", closed, 5, counts(40), tally)).toEqual({ status: "hidden" });
    expect(tally).not.toHaveBeenCalled();
  });

  it("withholds revealed results under k, telling k but no counts", () => {
    const tally = vi.fn(() => TALLY);
    const results = resultsFor("public", revealed, 5, counts(4), tally);
    expect(results).toEqual({ status: "withheld", k: 5 });
    expect(tally).not.toHaveBeenCalled();
  });

  it("does not count passes towards k", () => {
    const tally = vi.fn(() => TALLY);
    // 7 responses, but only 4 answers
    expect(resultsFor("public", revealed, 5, counts(4, 3), tally)).toEqual({ status: "withheld", k: 5 });
    expect(resultsFor("facilitator", revealed, 5, counts(4, 3), tally)).toEqual({ status: "withheld", k: 5 });
    expect(tally).not.toHaveBeenCalled();
  });

  it("shows revealed results at exactly k answers", () => {
    const tally = vi.fn(() => TALLY);
    expect(resultsFor("public", revealed, 5, counts(5, 2), tally)).toEqual({ status: "shown", tally: TALLY });
    expect(tally).toHaveBeenCalledTimes(1);
  });

  it("shows the facilitator results before they are revealed, from k answers", () => {
    const tally = vi.fn(() => TALLY);
    expect(resultsFor("facilitator", closed, 5, counts(5), tally)).toEqual({ status: "shown", tally: TALLY });
    expect(tally).toHaveBeenCalledTimes(1);
  });

  it("withholds results from the facilitator too under k, revealed or not", () => {
    const tally = vi.fn(() => TALLY);
    expect(resultsFor("facilitator", closed, 5, counts(4), tally)).toEqual({ status: "withheld", k: 5 });
    expect(resultsFor("facilitator", revealed, 5, counts(0), tally)).toEqual({ status: "withheld", k: 5 });
    expect(tally).not.toHaveBeenCalled();
  });

  it("shows an open prompt's released answers to the console, and to the room only once revealed", () => {
    const tally = vi.fn(() => TALLY);
    // The counts passed in for an open prompt are what was last released, so no bar moves per tap.
    expect(resultsFor("facilitator", { phase: "open", revealed: false }, 5, counts(5), tally)).toEqual({ status: "shown", tally: TALLY });
    expect(resultsFor("public", { phase: "open", revealed: false }, 5, counts(40), tally)).toEqual({ status: "hidden" });
    expect(resultsFor("public", { phase: "open", revealed: true }, 5, counts(4), tally)).toEqual({ status: "withheld", k: 5 });
    expect(resultsFor("public", { phase: "open", revealed: true }, 5, counts(5), tally)).toEqual({ status: "shown", tally: TALLY });
  });

  it("uses the run's own k", () => {
    const tally = vi.fn(() => TALLY);
    expect(resultsFor("public", revealed, 3, counts(3), tally)).toEqual({ status: "shown", tally: TALLY });
    expect(resultsFor("public", revealed, 10, counts(9), tally)).toEqual({ status: "withheld", k: 10 });
  });
});

describe("moderateTally", () => {
  const decisions = new Map<string, "approved" | "hidden">([
    ["slow down", "approved"],
    ["call my sister", "approved"],
    ["nobody", "hidden"],
    ["shame", "hidden"],
  ]);
  const reverse = (text: string) => [...text].reverse().join("");
  const openText = {
    type: "open-text" as const,
    answers: 4,
    entries: [
      { text: "call my sister", count: 1 },
      { text: "nobody", count: 1 },
      { text: "slow down", count: 1 },
      { text: "unread", count: 1 },
    ],
  };

  it("gives the console every entry with where it stands in the queue, in the display's order", () => {
    expect(moderateTally(openText, "facilitator", decisions, reverse)).toEqual({
      ...openText,
      // Ordered by the key, as the display orders them: reversed texts "daernu" < "nwod wols" < "retsis ym llac" < "ydobon".
      entries: [
        { text: "unread", count: 1, moderation: "pending" },
        { text: "slow down", count: 1, moderation: "approved" },
        { text: "call my sister", count: 1, moderation: "approved" },
        { text: "nobody", count: 1, moderation: "hidden" },
      ],
    });
  });

  it("gives public screens approved text only, ordered by the key and not the alphabet", () => {
    const shown = moderateTally(openText, "public", decisions, reverse);
    // reverse("slow down") = "nwod wols" sorts before reverse("call my sister") = "retsis ym llac".
    expect(shown).toEqual({ ...openText, entries: [{ text: "slow down", count: 1 }, { text: "call my sister", count: 1 }] });
  });

  it("drops hidden words for public screens and marks them for the console", () => {
    const cloud = { type: "word-cloud" as const, answers: 3, words: [{ word: "shame", count: 2 }, { word: "tired", count: 1 }] };
    expect(moderateTally(cloud, "public", decisions, reverse)).toEqual({ ...cloud, words: [{ word: "tired", count: 1 }] });
    expect(moderateTally(cloud, "facilitator", decisions, reverse)).toEqual({
      ...cloud,
      words: [{ word: "shame", count: 2, hidden: true }, { word: "tired", count: 1 }],
    });
  });

  it("on a sensitive slide, gives public screens approved words only and shows the console the rest as pending or hidden", () => {
    const cloud = {
      type: "word-cloud" as const,
      answers: 4,
      words: [
        { word: "shame", count: 2 },
        { word: "slow down", count: 2 },
        { word: "tired", count: 1 },
      ],
    };
    expect(moderateTally(cloud, "public", decisions, reverse, true)).toEqual({ ...cloud, words: [{ word: "slow down", count: 2 }] });
    expect(moderateTally(cloud, "facilitator", decisions, reverse, true)).toEqual({
      ...cloud,
      words: [
        { word: "shame", count: 2, hidden: true },
        { word: "slow down", count: 2 },
        { word: "tired", count: 1, pending: true },
      ],
    });
  });

  it("leaves choice and scale tallies alone", () => {
    const choices = { type: "single-choice" as const, answers: 2, options: [{ label: "Yes", count: 2 }] };
    expect(moderateTally(choices, "public", decisions, reverse)).toBe(choices);
  });
});
