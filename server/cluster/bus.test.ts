import { describe, expect, it } from "vitest";

import { createLogger } from "../logger";
import { busMessageSchema, LocalBus, type BusMessage } from "./bus";

describe("LocalBus (one process, no REDIS_URL)", () => {
  it("delivers to this process, in the order published, after publish returns, and says it is up", async () => {
    const bus = new LocalBus(createLogger("silent"));
    const seen: Array<[BusMessage, boolean]> = [];
    bus.on((message, { fromSelf }) => {
      seen.push([message, fromSelf]);
      // A handler may publish: its message comes after the ones already waiting.
      if (message.t === "state" && message.run === "r1") bus.publish({ t: "console", run: "r1" });
    });
    expect(bus.up).toBe(true);
    expect(bus.publish({ t: "state", run: "r1" })).toBe(true);
    expect(bus.publish({ t: "answers", run: "r2" })).toBe(true);
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([
      [{ t: "state", run: "r1" }, true],
      [{ t: "answers", run: "r2" }, true],
      [{ t: "console", run: "r1" }, true],
    ]);
  });

  it("logs a handler that throws and still delivers to the others", async () => {
    const lines: string[] = [];
    const bus = new LocalBus(createLogger("info", (line) => lines.push(line)));
    const seen: string[] = [];
    bus.on(() => {
      throw new Error("boom");
    });
    bus.on((message) => seen.push(message.t));
    bus.publish({ t: "vote", run: "r" });
    await Promise.resolve();
    expect(seen).toEqual(["vote"]);
    expect(lines.filter((line) => line.includes("ERROR a bus message could not be handled"))).toHaveLength(1);
  });
});

describe("bus messages", () => {
  it("take only the kinds and fields they name", () => {
    expect(busMessageSchema.safeParse({ t: "signals", run: "r", counts: { pause: 2, steppingOut: 0, windowMinutes: 5 } }).success).toBe(true);
    expect(busMessageSchema.safeParse({ t: "presence", runs: { r: [3, 1] } }).success).toBe(true);
    expect(busMessageSchema.safeParse({ t: "question", run: "r", id: "q" }).success).toBe(true);
    for (const bad of [
      { t: "signals", run: "r", counts: { pause: 1.5, steppingOut: 0, windowMinutes: 5 } },
      { t: "signal", run: "r", kind: "leave-now" },
      { t: "question", run: "r" },
      { t: "state" },
      { t: "presence", runs: { r: [3] } },
      { t: "presence", runs: { r: [-1, 0] } },
      { t: "other", run: "r" },
      "state",
    ]) {
      expect(busMessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
