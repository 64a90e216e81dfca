import { describe, expect, it } from "vitest";

import { addressKey, CODE_GUESS_LIMIT, CodeGuesses } from "./code-guesses.server";
import type { LoadedRun } from "./run-engine.server";

const RUN = { row: { code: "K7M2QX" } } as unknown as LoadedRun;

function guesses() {
  let now = 1_000_000;
  const counter = new CodeGuesses((code) => (code === "K7M2QX" ? RUN : undefined), () => now);
  return { counter, wait: (seconds: number) => (now += seconds * 1000) };
}

describe("CodeGuesses", () => {
  it("allows a burst of wrong codes, then refuses every code, the right one too, until one is allowed again", async () => {
    const { counter, wait } = guesses();
    for (let i = 0; i < CODE_GUESS_LIMIT.burst; i++) expect((await counter.lookUp("10.0.0.1", "AAAAAA")).found).toBe("none");
    expect(await counter.lookUp("10.0.0.1", "K7M2QX")).toEqual({ found: "too-many", retryAfterSeconds: CODE_GUESS_LIMIT.secondsPerGuess });
    wait(CODE_GUESS_LIMIT.secondsPerGuess / 2);
    expect(await counter.lookUp("10.0.0.1", "AAAAAA")).toEqual({ found: "too-many", retryAfterSeconds: CODE_GUESS_LIMIT.secondsPerGuess / 2 });
    wait(CODE_GUESS_LIMIT.secondsPerGuess / 2);
    expect(await counter.lookUp("10.0.0.1", "K7M2QX")).toEqual({ found: "run", run: RUN });
    // A right code costs nothing; the next wrong one uses the allowance regained, and the one after is refused.
    expect((await counter.lookUp("10.0.0.1", "AAAAAA")).found).toBe("none");
    expect((await counter.lookUp("10.0.0.1", "AAAAAA")).found).toBe("too-many");
    // Another address has its own count.
    expect((await counter.lookUp("10.0.0.2", "K7M2QX")).found).toBe("run");
  });

  it("never counts right codes, however many", async () => {
    const { counter } = guesses();
    for (let i = 0; i < 10 * CODE_GUESS_LIMIT.burst; i++) expect((await counter.lookUp("10.0.0.1", "K7M2QX")).found).toBe("run");
  });

  it("remembers a bounded number of addresses, forgetting the one that got a code wrong longest ago", async () => {
    const { counter } = guesses();
    for (let i = 0; i < CODE_GUESS_LIMIT.burst; i++) await counter.lookUp("10.0.0.1", "AAAAAA");
    expect((await counter.lookUp("10.0.0.1", "AAAAAA")).found).toBe("too-many");
    for (let i = 0; i < CODE_GUESS_LIMIT.addresses; i++) await counter.lookUp(`10.1.${Math.floor(i / 256)}.${i % 256}`, "AAAAAA");
    expect((await counter.lookUp("10.0.0.1", "AAAAAA")).found).toBe("none");
  });

  it("counts lookups still reading storage against the allowance, so many sent at once can't get past it", async () => {
    const waiting: Array<() => void> = [];
    const counter = new CodeGuesses(() => new Promise<undefined>((resolve) => waiting.push(() => resolve(undefined))));
    const lookups = Array.from({ length: CODE_GUESS_LIMIT.burst + 5 }, () => counter.lookUp("10.0.0.1", "AAAAAA"));
    // Only the allowance's worth reads storage; the rest are refused at once.
    expect(waiting).toHaveLength(CODE_GUESS_LIMIT.burst);
    for (const resolve of waiting) resolve();
    const found = (await Promise.all(lookups)).map((lookup) => lookup.found);
    expect(found.filter((kind) => kind === "none")).toHaveLength(CODE_GUESS_LIMIT.burst);
    expect(found.filter((kind) => kind === "too-many")).toHaveLength(5);
    expect((await counter.lookUp("10.0.0.1", "K7M2QX")).found).toBe("too-many");
  });
});

describe("addressKey", () => {
  it("keys IPv4 by address and IPv6 by its /64, however it is written", () => {
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey(undefined)).toBe("unknown");
  });
});
