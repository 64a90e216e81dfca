import { describe, expect, it } from "vitest";

import { ParticipantCap } from "./participant-cap";

describe("ParticipantCap", () => {
  it("lets each address have its number of phones per run, gives places back, and keeps nothing once they have gone", () => {
    const cap = new ParticipantCap(2);
    expect(cap.take("run", "10.0.0.1")).toBe(true);
    expect(cap.take("run", "10.0.0.1")).toBe(true);
    expect(cap.take("run", "10.0.0.1")).toBe(false);
    // Another address, and the same address in another run, have places of their own.
    expect(cap.take("run", "10.0.0.2")).toBe(true);
    expect(cap.take("other run", "10.0.0.1")).toBe(true);
    cap.release("run", "10.0.0.1");
    expect(cap.take("run", "10.0.0.1")).toBe(true);
    for (const [run, address] of [["run", "10.0.0.1"], ["run", "10.0.0.1"], ["run", "10.0.0.2"], ["other run", "10.0.0.1"]] as const) {
      cap.release(run, address);
    }
    expect(cap.size).toBe(0);
  });
});
