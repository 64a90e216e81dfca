import { describe, expect, it } from "vitest";

import { MESSAGE_LIMIT, MessageBudget } from "./rate-limit";

/** Sends `rate` messages a second for `seconds`; returns each outcome. */
function send(budget: MessageBudget, clock: { now: number }, rate: number, seconds: number) {
  const outcomes: string[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    clock.now += 1000 / rate;
    outcomes.push(budget.take());
  }
  return outcomes;
}

describe("MessageBudget", () => {
  it("lets a burst through, refuses what follows at once, and closes a connection that keeps on", () => {
    const clock = { now: 0 };
    const budget = new MessageBudget(() => clock.now);
    const outcomes = Array.from({ length: MESSAGE_LIMIT.burst + MESSAGE_LIMIT.refusedBeforeDisconnect }, () => budget.take());
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(MESSAGE_LIMIT.burst);
    expect(outcomes.slice(MESSAGE_LIMIT.burst, -1).every((outcome) => outcome === "refuse")).toBe(true);
    expect(outcomes.at(-1)).toBe("disconnect");
  });

  it("never refuses a steady sender at the sustained rate", () => {
    const clock = { now: 0 };
    const budget = new MessageBudget(() => clock.now);
    expect(send(budget, clock, MESSAGE_LIMIT.perSecond, 60).every((outcome) => outcome === "ok")).toBe(true);
  });

  it("only refuses now and then a sender a little too fast, and never cuts it off", () => {
    const clock = { now: 0 };
    const budget = new MessageBudget(() => clock.now);
    const outcomes = send(budget, clock, MESSAGE_LIMIT.perSecond * 1.25, 60);
    expect(outcomes).toContain("refuse");
    expect(outcomes).not.toContain("disconnect");
  });

  it("cuts off a sender of a thousand messages a second within a fraction of a second, although tokens trickle back", () => {
    const clock = { now: 0 };
    const budget = new MessageBudget(() => clock.now);
    const outcomes = send(budget, clock, 1000, 1);
    const cut = outcomes.indexOf("disconnect");
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(300);
  });

  it("forgives refusals at the sustained rate once the sender slows down", () => {
    const clock = { now: 0 };
    const budget = new MessageBudget(() => clock.now);
    for (let i = 0; i < MESSAGE_LIMIT.burst + MESSAGE_LIMIT.refusedBeforeDisconnect - 1; i++) budget.take();
    clock.now += 10_000;
    const again = Array.from({ length: MESSAGE_LIMIT.burst + MESSAGE_LIMIT.refusedBeforeDisconnect - 1 }, () => budget.take());
    expect(again).not.toContain("disconnect");
    expect(budget.take()).toBe("disconnect");
  });
});
