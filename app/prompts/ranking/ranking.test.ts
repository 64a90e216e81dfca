import { describe, expect, it } from "vitest";

import { parsePlan } from "~/content/parse-plan.server";
import type { Prompt } from "~/content/plan-schema";
import { answerSchema } from "~/realtime/schemas";
import { fromStoredAnswer, toStoredAnswer } from "~/runs/answers";
import { buildTally } from "~/domain/tally";

import { ranking, PLACE, pointsFor, type RankingTally } from "./index";
import { rankingPlan, type RankingPrompt } from "./plan";
import { groupOrder } from "./results";
import { en } from "~/strings/en";
import { sayRefusal } from "~/strings/refusal";

/** A checked answer as a participant reads it: a refusal said in English. */
const said = (result: ReturnType<typeof toStoredAnswer>) => (result.ok ? result : { ok: false, message: sayRefusal(en.refusals, result.refusal) });

const OPTIONS = ["Sleep", "A walk", "A friend", "Music", "Quiet"];
const prompt = (top?: number): RankingPrompt => rankingPlan.parse({ id: "helps", type: "ranking", question: "What helps?", options: OPTIONS, ...(top ? { top } : {}) });

/** A plan with one ranking prompt whose extra settings are `lines`; the prompt block's first line is line 12. */
function planWith(lines: string) {
  const source = [
    "---",
    "id: test-plan",
    "title: A test plan",
    "summary: Used by the tests.",
    "duration: 30",
    "audience: testers",
    "---",
    "",
    "# Hi",
    "",
    "```prompt",
    "id: helps",
    "type: ranking",
    "question: What helps?",
    lines,
    "```",
    "",
  ].join("\n");
  return parsePlan(source, "plan.md");
}

describe("a ranking prompt in a plan", () => {
  it("ranks every option when the plan sets no top, and the top few when it does", () => {
    const all = planWith("options:\n  - Sleep\n  - Music\n  - Quiet");
    expect(all.ok && all.plan.slides[0]!.prompt).toMatchObject({ type: "ranking", options: ["Sleep", "Music", "Quiet"], top: 3 });
    const three = planWith("top: 2\noptions:\n  - Sleep\n  - Music\n  - Quiet");
    expect(three.ok && three.plan.slides[0]!.prompt).toMatchObject({ top: 2 });
  });

  it.each([
    ["top: 4", 'top: 4 is more than the 3 options; use at most 3'],
    ["top: 1", '"top" must be a whole number, at least 2'],
    ["top: 2.5", '"top" must be a whole number, at least 2'],
    ["top: three", '"top" must be a whole number, at least 2'],
  ])("refuses %s at the line of top, saying what fits", (setting, message) => {
    const result = planWith(`${setting}\noptions:\n  - Sleep\n  - Music\n  - Quiet`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ file: "plan.md", line: 15, message: expect.stringContaining(message) }]);
  });

  it("refuses options as the choice types do, and top on another type with why", () => {
    const one = planWith("options:\n  - Sleep");
    expect(!one.ok && one.issues[0]!.message).toContain("needs at least 2 options");
    const same = planWith("options:\n  - Sleep\n  - sleep");
    expect(!same.ok && same.issues[0]!.message).toContain("must all be different");
    const result = parsePlan(
      "---\nid: p\ntitle: T\nsummary: S.\nduration: 5\naudience: a\n---\n\n# Hi\n\n```prompt\nid: q\ntype: single-choice\nquestion: Q?\ntop: 2\noptions:\n  - A\n  - B\n```\n",
      "plan.md",
    );
    expect(!result.ok && result.issues[0]).toMatchObject({ line: 15, message: expect.stringContaining("only a ranking prompt can say how many options to rank") });
  });
});

describe("a ranking answer", () => {
  it("is stored as place × 100 + option, first place first, and restored as the same order", () => {
    const stored = toStoredAnswer(prompt(), { type: "ranking", order: [2, 0, 4, 1, 3] });
    expect(stored).toEqual({ ok: true, stored: { passed: false, values: [2, 100, 204, 301, 403] } });
    if (!stored.ok) return;
    expect(fromStoredAnswer(prompt(), stored.stored)).toEqual({ type: "ranking", order: [2, 0, 4, 1, 3] });
    // The stored array's own order doesn't matter: places are in the values.
    expect(fromStoredAnswer(prompt(), { passed: false, values: [301, 2, 100] })).toEqual({ type: "ranking", order: [2, 0, 1] });
  });

  it.each([
    ["a repeated option", [0, 0, 1], "rank each option once"],
    ["an option not shown", [0, 1, 5], "choose from the options shown"],
    ["a negative index", [-1, 0, 1], "choose from the options shown"],
    ["too few", [0, 1], "rank exactly 3 of the options"],
    ["too many", [0, 1, 2, 3], "rank exactly 3 of the options"],
  ])("with %s is refused with a message a participant can act on", (_, order, message) => {
    expect(said(toStoredAnswer(prompt(3), { type: "ranking", order }))).toEqual({ ok: false, message });
  });

  it("stays readable at the option limit: a plan can't list more than PLACE - 1 options, nor a payload rank PLACE of them, so place × PLACE + option never runs into the next place", () => {
    const withOptions = (n: number) => ({ id: "helps", type: "ranking", question: "What helps?", options: Array.from({ length: n }, (_, i) => `Option ${i + 1}`) });
    // The most options a plan may list (raise choiceOptions' cap past PLACE - 1 and this fails).
    const most = Array.from({ length: PLACE + 1 }, (_, i) => i + 1).filter((n) => rankingPlan.safeParse(withOptions(n)).success).at(-1)!;
    expect(most).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThanOrEqual(PLACE - 1);
    expect(answerSchema.safeParse({ type: "ranking", order: Array.from({ length: PLACE }, (_, i) => i) }).success).toBe(false);
    // At that limit, the last option ranked first and the first ranked last come back as they were sent.
    const largest = rankingPlan.parse(withOptions(most));
    const order = Array.from({ length: most }, (_, i) => most - 1 - i);
    const stored = toStoredAnswer(largest, { type: "ranking", order });
    expect(stored.ok).toBe(true);
    if (stored.ok) expect(fromStoredAnswer(largest, stored.stored)).toEqual({ type: "ranking", order });
  });

  it("without a top must rank every option", () => {
    expect(said(toStoredAnswer(prompt(), { type: "ranking", order: [0, 1, 2] }))).toEqual({ ok: false, message: "rank all 5 options" });
  });

  it("arrives as a strict payload: integers, 1 to 10 of them, nothing else", () => {
    expect(answerSchema.safeParse({ type: "ranking", order: [1, 0] }).success).toBe(true);
    expect(answerSchema.safeParse({ type: "ranking", order: [] }).success).toBe(false);
    expect(answerSchema.safeParse({ type: "ranking", order: [0.5, 1] }).success).toBe(false);
    expect(answerSchema.safeParse({ type: "ranking", order: ["0"] }).success).toBe(false);
    expect(answerSchema.safeParse({ type: "ranking", order: Array.from({ length: 11 }, (_, i) => i) }).success).toBe(false);
    expect(answerSchema.safeParse({ type: "ranking", order: [0, 1], extra: 1 }).success).toBe(false);
  });
});

/** The grouped stored values of some rankings, as SQL's json_each + GROUP BY gives them. */
function rowsOf(rankings: number[][]) {
  const counts = new Map<number, number>();
  for (const order of rankings) for (const [place, option] of order.entries()) counts.set(place * PLACE + option, (counts.get(place * PLACE + option) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

describe("the ranking tally", () => {
  it("gives Borda points: top for a first place, down to 1 for the last ranked, none when not ranked", () => {
    expect([0, 1, 2, 3].map((place) => pointsFor(place, 3))).toEqual([3, 2, 1, 0]);
  });

  it("adds each option's points and first places over every ranking (all options ranked)", () => {
    const rankings = [
      [0, 1, 2, 3, 4],
      [0, 2, 1, 4, 3],
      [2, 0, 1, 3, 4],
    ];
    const tally = buildTally(prompt() as Prompt, 3, rowsOf(rankings)) as RankingTally;
    expect(tally).toEqual({
      type: "ranking",
      answers: 3,
      top: 5,
      options: [
        { label: "Sleep", points: 5 + 5 + 4, first: 2 },
        { label: "A walk", points: 4 + 3 + 3, first: 0 },
        { label: "A friend", points: 3 + 4 + 5, first: 1 },
        { label: "Music", points: 2 + 1 + 2, first: 0 },
        { label: "Quiet", points: 1 + 2 + 1, first: 0 },
      ],
    });
    expect(groupOrder(tally).map((o) => o.label)).toEqual(["Sleep", "A friend", "A walk", "Music", "Quiet"]);
  });

  it("with a top of 2 counts only the two places ranked: options left out get nothing", () => {
    const tally = buildTally(prompt(2) as Prompt, 3, rowsOf([[3, 4], [4, 3], [4, 0]])) as RankingTally;
    expect(tally.options).toEqual([
      { label: "Sleep", points: 1, first: 0 },
      { label: "A walk", points: 0, first: 0 },
      { label: "A friend", points: 0, first: 0 },
      { label: "Music", points: 2 + 1, first: 1 },
      { label: "Quiet", points: 1 + 2 + 2, first: 2 },
    ]);
    expect(groupOrder(tally).map((o) => o.label)).toEqual(["Quiet", "Music", "Sleep", "A walk", "A friend"]);
  });

  it("breaks a tie in points by first places, then by the plan's order", () => {
    // Sleep and A walk both get 4 points; A walk was first twice, Sleep once. Music and Quiet tie at nothing.
    const tally = buildTally(prompt(2) as Prompt, 3, rowsOf([[0, 2], [1, 0], [1, 0]])) as RankingTally;
    expect(tally.options.map((o) => [o.label, o.points, o.first])).toEqual([
      ["Sleep", 4, 1],
      ["A walk", 4, 2],
      ["A friend", 1, 0],
      ["Music", 0, 0],
      ["Quiet", 0, 0],
    ]);
    expect(groupOrder(tally).map((o) => o.label)).toEqual(["A walk", "Sleep", "A friend", "Music", "Quiet"]);
  });

  it("ignores stored values that name no option of the prompt", () => {
    const tally = buildTally(prompt(2) as Prompt, 1, [{ value: 9, count: 4 }, { value: "x", count: 1 }, { value: 0, count: 1 }]) as RankingTally;
    expect(tally.options[0]).toEqual({ label: "Sleep", points: 2, first: 1 });
    expect(tally.options.slice(1).every((o) => o.points === 0 && o.first === 0)).toBe(true);
  });
});

describe("the ranking's CSV rows", () => {
  it("are two per option, its points and how many put it first, empty when withheld", () => {
    const tally = buildTally(prompt(2) as Prompt, 2, rowsOf([[1, 0], [1, 2]])) as RankingTally;
    expect(ranking.csvRows(prompt(2), tally)).toEqual([
      ["Sleep: points", 1],
      ["Sleep: ranked first", 0],
      ["A walk: points", 4],
      ["A walk: ranked first", 2],
      ["A friend: points", 1],
      ["A friend: ranked first", 0],
      ["Music: points", 0],
      ["Music: ranked first", 0],
      ["Quiet: points", 0],
      ["Quiet: ranked first", 0],
    ]);
    expect(ranking.csvRows(prompt(2), null).every(([, count]) => count === null)).toBe(true);
  });
});
