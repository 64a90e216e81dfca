import { describe, expect, it } from "vitest";

import { MESSAGE_LIMIT, MessageBudget } from "./rate-limit";

describe("MessageBudget", () => {
  it("lets a burst through, refuses what follows at once, and closes a connection that keeps on", () => {
    let now = 0;
    const budget = new MessageBudget(() => now);
    const outcomes = Array.from({ length: MESSAGE_LIMIT.burst + MESSAGE_LIMIT.refusedBeforeDisconnect }, () => budget.take());
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(MESSAGE_LIMIT.burst);
    expect(outcomes.slice(MESSAGE_LIMIT.burst, -1).every((outcome) => outcome === "refuse")).toBe(true);
    expect(outcomes.at(-1)).toBe("disconnect");
  });

  it("refills at the sustained rate, so a steady sender below it is never refused", () => {
    let now = 0;
    const budget = new MessageBudget(() => now);
    for (let i = 0; i < MESSAGE_LIMIT.burst; i++) budget.take();
    expect(budget.take()).toBe("refuse");
    const interval = 1000 / MESSAGE_LIMIT.perSecond;
    for (let i = 0; i < 600; i++) {
      now += interval;
      expect(budget.take()).toBe("ok");
    }
  });

  it("forgives refusals once the sender slows down", () => {
    let now = 0;
    const budget = new MessageBudget(() => now);
    for (let i = 0; i < MESSAGE_LIMIT.burst + MESSAGE_LIMIT.refusedBeforeDisconnect - 1; i++) budget.take();
    now += 1000;
    expect(budget.take()).toBe("ok");
    for (let i = 0; i < MESSAGE_LIMIT.burst; i++) budget.take();
    expect(budget.take()).toBe("refuse");
  });
});
