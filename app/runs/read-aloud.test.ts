import { describe, expect, it } from "vitest";

import { readAloudStep } from "./read-aloud";

const approved = ["first", "second", "third"];

describe("readAloudStep", () => {
  it("steps forward through the approved entries, and past the last one leaves it to the slide", () => {
    expect(readAloudStep(approved, "first", 1)).toBe("second");
    expect(readAloudStep(approved, "second", 1)).toBe("third");
    expect(readAloudStep(approved, "third", 1)).toBeNull();
  });

  it("steps back the same way, and before the first one leaves it to the slide", () => {
    expect(readAloudStep(approved, "third", -1)).toBe("second");
    expect(readAloudStep(approved, "second", -1)).toBe("first");
    expect(readAloudStep(approved, "first", -1)).toBeNull();
  });

  it("moves the slide when nothing is read aloud, or the entry read is no longer approved", () => {
    expect(readAloudStep(approved, null, 1)).toBeNull();
    expect(readAloudStep(approved, "hidden since", 1)).toBeNull();
    expect(readAloudStep([], null, -1)).toBeNull();
  });

  it("with one approved entry, reads it and then moves on", () => {
    expect(readAloudStep(["only"], "only", 1)).toBeNull();
    expect(readAloudStep(["only"], "only", -1)).toBeNull();
  });
});
