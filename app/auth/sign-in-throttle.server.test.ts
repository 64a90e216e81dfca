import { describe, expect, it } from "vitest";

import { FREE_FAILURES, SIGN_IN_RATE, SignInRate, SignInThrottle } from "./sign-in-throttle.server";

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

describe("SignInRate", () => {
  it("lets ten sign-ins through at once, then one every two seconds, whoever signs in", () => {
    expect(SIGN_IN_RATE).toEqual({ burst: 10, perSecond: 0.5 });
    let now = 0;
    const rate = new SignInRate(() => now);
    for (let i = 0; i < SIGN_IN_RATE.burst; i++) expect(rate.take()).toBe(0);
    expect(rate.take()).toBe(2000);
    // A look takes nothing; a refused sign-in takes nothing either.
    expect(rate.waitFor()).toBe(2000);
    now += 1000;
    expect(rate.take()).toBe(1000);
    now += 1000;
    expect(rate.waitFor()).toBe(0);
    expect(rate.take()).toBe(0);
    expect(rate.take()).toBe(2000);
    // A quiet minute gives back the whole burst, and no more.
    now += 60_000;
    for (let i = 0; i < SIGN_IN_RATE.burst; i++) expect(rate.take()).toBe(0);
    expect(rate.take()).toBeGreaterThan(0);
  });
});
