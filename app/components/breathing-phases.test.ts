import { describe, expect, it } from "vitest";

import { en } from "~/strings/en";

import { breathingPhases } from "./breathing-phases";

const labels = en.room.breathing;

describe("breathingPhases", () => {
  it("goes in, hold, out with the plan's seconds", () => {
    expect(breathingPhases({ inhale: 4, hold: 2, exhale: 6 }, labels)).toEqual([
      { phase: "inhale", seconds: 4, label: "Breathe in" },
      { phase: "hold", seconds: 2, label: "Hold" },
      { phase: "exhale", seconds: 6, label: "Breathe out" },
    ]);
  });

  it("leaves the hold out when it is 0", () => {
    expect(breathingPhases({ inhale: 4, hold: 0, exhale: 6 }, labels)).toEqual([
      { phase: "inhale", seconds: 4, label: "Breathe in" },
      { phase: "exhale", seconds: 6, label: "Breathe out" },
    ]);
  });

  it("labels each phase with the words it is given", () => {
    const words = { inhale: "In", hold: "Wait", exhale: "Out" };
    expect(breathingPhases({ inhale: 4, hold: 2, exhale: 6 }, words).map((step) => step.label)).toEqual(["In", "Wait", "Out"]);
  });

  it("counts in whole seconds", () => {
    expect(breathingPhases({ inhale: 3.6, hold: 0.4, exhale: 5.5 }, labels).map((step) => [step.phase, step.seconds])).toEqual([
      ["inhale", 4],
      ["exhale", 6],
    ]);
  });

  it("never gives breathing in or out less than a second", () => {
    const steps = breathingPhases({ inhale: 0, hold: -1, exhale: Number.NaN }, labels);
    expect(steps.map((step) => [step.phase, step.seconds])).toEqual([
      ["inhale", 1],
      ["exhale", 1],
    ]);
  });
});
