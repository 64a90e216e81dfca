import { describe, expect, it } from "vitest";

import type { Tally } from "~/realtime/events";

import { groupChange, percentsOf } from "./group-change";
import { medianOf } from "~/domain/tally";

type ScaleTally = Extract<Tally, { type: "scale" }>;

/** A 1–5 scale's distribution from counts per value. */
function scale(counts: number[], min = 1): ScaleTally {
  const answers = counts.reduce((sum, c) => sum + c, 0);
  return { type: "scale", answers, min, max: min + counts.length - 1, minLabel: "low", maxLabel: "high", counts, median: medianOf(counts, min) };
}

describe("groupChange", () => {
  it("says more chose the top two values when their share rose by 10 points or more", () => {
    // 1 of 5 chose 4 or 5 at the start (20%), 3 of 5 at the end (60%).
    expect(groupChange(scale([1, 3, 0, 1, 0]), scale([0, 1, 1, 2, 1]))).toEqual({ kind: "more-high", high: [4, 5], low: [1, 2] });
  });

  it("says more chose the bottom two values when theirs rose", () => {
    expect(groupChange(scale([0, 1, 1, 2, 1]), scale([1, 3, 0, 1, 0]))?.kind).toBe("more-low");
  });

  it("says about the same when neither share moved by 10 points", () => {
    expect(groupChange(scale([1, 1, 1, 1, 1]), scale([1, 1, 1, 1, 1]))?.kind).toBe("about-the-same");
    // 40% → 45% at the top, 40% → 35% at the bottom, across groups of different sizes.
    expect(groupChange(scale([1, 1, 1, 1, 1]), scale([3, 4, 4, 5, 4]))?.kind).toBe("about-the-same");
  });

  it("counts a change of exactly 10 points as a change, whatever the fractions' rounding", () => {
    // Top two: 2 of 10 → 3 of 10.
    expect(groupChange(scale([4, 2, 2, 1, 1]), scale([4, 2, 1, 2, 1]))?.kind).toBe("more-high");
  });

  it("says when the ends grew together, when the middle grew, and when only one end shrank", () => {
    expect(groupChange(scale([0, 0, 5, 0, 0]), scale([1, 1, 1, 1, 1]))?.kind).toBe("more-ends");
    expect(groupChange(scale([1, 1, 1, 1, 1]), scale([0, 0, 5, 0, 0]))?.kind).toBe("more-middle");
    expect(groupChange(scale([0, 0, 3, 1, 1]), scale([0, 0, 5, 0, 0]))?.kind).toBe("fewer-high");
    expect(groupChange(scale([1, 1, 3, 0, 0]), scale([0, 0, 5, 0, 0]))?.kind).toBe("fewer-low");
  });

  it("compares the single top and bottom value on a scale of fewer than 5 values", () => {
    expect(groupChange(scale([3, 1, 1]), scale([1, 1, 3]))).toEqual({ kind: "more-high", high: [3], low: [1] });
    expect(groupChange(scale([2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0], 0), scale([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3], 0))).toEqual({
      kind: "more-high",
      high: [9, 10],
      low: [0, 1],
    });
  });

  it("says nothing when either distribution has no answers or the scales differ", () => {
    expect(groupChange(scale([0, 0, 0, 0, 0]), scale([1, 1, 1, 1, 1]))).toBeNull();
    expect(groupChange(scale([1, 1, 1, 1, 1]), scale([1, 1, 1, 1, 1, 1]))).toBeNull();
  });
});

describe("percentsOf", () => {
  it("gives each value's share in whole percents, lowest value first", () => {
    expect(percentsOf(scale([1, 3, 0, 1, 0]))).toEqual([20, 60, 0, 20, 0]);
    expect(percentsOf(scale([1, 1, 1]))).toEqual([33, 33, 33]);
    expect(percentsOf(scale([0, 0]))).toEqual([0, 0]);
  });
});
