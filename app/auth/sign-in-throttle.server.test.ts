import { describe, expect, it } from "vitest";

import { FREE_FAILURES, SignInThrottle } from "./sign-in-throttle.server";

describe("SignInThrottle", () => {
  it("lets an address try freely at first, then locks it for longer after each further failure", () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    for (let i = 1; i < FREE_FAILURES; i++) throttle.failed("a@example.org");
    expect(throttle.waitFor("a@example.org")).toBe(0);
    throttle.failed("a@example.org");
    expect(throttle.waitFor("A@Example.org ")).toBe(1000);
    now += 1000;
    expect(throttle.waitFor("a@example.org")).toBe(0);
    throttle.failed("a@example.org");
    expect(throttle.waitFor("a@example.org")).toBe(2000);
    expect(throttle.waitFor("b@example.org")).toBe(0);
  });

  it("never locks for more than 15 minutes, and forgets an address once it signs in", () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 40; i++) throttle.failed("a@example.org");
    expect(throttle.waitFor("a@example.org")).toBe(15 * 60 * 1000);
    now += 15 * 60 * 1000;
    throttle.succeeded("a@example.org");
    throttle.failed("a@example.org");
    expect(throttle.waitFor("a@example.org")).toBe(0);
  });
});
