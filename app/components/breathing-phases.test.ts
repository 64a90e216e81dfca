import { describe, expect, it } from "vitest";

import { breathingPhases } from "./breathing-phases";

describe("breathingPhases", () => {
  it("goes in, hold, out with the plan's seconds", () => {
    expect(breathingPhases({ inhale: 4, hold: 2, exhale: 6 })).toEqual([
      { phase: "inhale", seconds: 4, label: "Breathe in" },
      { phase: "hold", seconds: 2, label: "Hold" },
      { phase: "exhale", seconds: 6, label: "Breathe out" },
    ]);
  });

  it("leaves the hold out when it is 0", () => {
    expect(breathingPhases({ inhale: 4, hold: 0, exhale: 6 })).toEqual([
      { phase: "inhale", seconds: 4, label: "Breathe in" },
      { phase: "exhale", seconds: 6, label: "Breathe out" },
    ]);
  });

  it("counts in whole seconds", () => {
    expect(breathingPhases({ inhale: 3.6, hold: 0.4, exhale: 5.5 }).map((step) => [step.phase, step.seconds])).toEqual([
      ["inhale", 4],
      ["exhale", 6],
    ]);
  });

  it("never gives breathing in or out less than a second", () => {
    expect(breathingPhases({ inhale: 0, hold: -1, exhale: Number.NaN }).map((step) => [step.phase, step.seconds])).toEqual([
      ["inhale", 1],
      ["exhale", 1],
    ]);
  });
});
