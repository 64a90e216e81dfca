import { describe, expect, it } from "vitest";

import { QuestionsPerAddress } from "./questions-per-address";

describe("QuestionsPerAddress", () => {
  it("lets each address send its number of questions per run in any minute, then again as the minute rolls on, and forgets it after", () => {
    let now = 0;
    const limit = new QuestionsPerAddress(2, () => now);
    expect(limit.allows("run", "10.0.0.1")).toBe(true);
    limit.record("run", "10.0.0.1");
    now = 30_000;
    limit.record("run", "10.0.0.1");
    expect(limit.allows("run", "10.0.0.1")).toBe(false);
    // Another address, and the same address in another run, have questions of their own.
    expect(limit.allows("run", "10.0.0.2")).toBe(true);
    expect(limit.allows("other run", "10.0.0.1")).toBe(true);
    // A minute after the first question, one more is allowed; not two.
    now = 60_001;
    expect(limit.allows("run", "10.0.0.1")).toBe(true);
    limit.record("run", "10.0.0.1");
    expect(limit.allows("run", "10.0.0.1")).toBe(false);
    expect(limit.size).toBe(1);
    now = 200_000;
    expect(limit.size).toBe(0);
  });

  it("takes back a count whose question wasn't stored", () => {
    const limit = new QuestionsPerAddress(1, () => 0);
    limit.record("run", "10.0.0.1");
    expect(limit.allows("run", "10.0.0.1")).toBe(false);
    limit.withdraw("run", "10.0.0.1");
    expect(limit.allows("run", "10.0.0.1")).toBe(true);
    expect(limit.size).toBe(0);
  });
});
