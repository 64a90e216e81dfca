import { describe, expect, it } from "vitest";

import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode } from "./join-code";
import { newJoinCode, newResponseKeySalt, responseKey } from "./secrets.server";

describe("normaliseJoinCode", () => {
  it("upper-cases what was typed", () => {
    expect(normaliseJoinCode("abcdef")).toBe("ABCDEF");
    expect(normaliseJoinCode("K7M2QZ")).toBe("K7M2QZ");
  });

  it("accepts spaces and dashes between the characters", () => {
    expect(normaliseJoinCode("abc-def")).toBe("ABCDEF");
    expect(normaliseJoinCode(" abc def ")).toBe("ABCDEF");
    expect(normaliseJoinCode("ab-cd-ef")).toBe("ABCDEF");
    expect(normaliseJoinCode("a b\tc-d e f\n")).toBe("ABCDEF");
  });

  it("reads 0 as O and 1 as I, which codes hold instead of the digits", () => {
    expect(normaliseJoinCode("K0M21X")).toBe("KOM2IX");
    expect(normaliseJoinCode("kom2ix")).toBe("KOM2IX");
    expect(normaliseJoinCode("01-oi-23")).toBe("OIOI23");
  });

  it.each(["L", "l"])("refuses a code containing %j, which looks like I", (char) => {
    expect(normaliseJoinCode(`ABCDE${char}`)).toBeNull();
    expect(normaliseJoinCode(`${char}BCDEF`)).toBeNull();
  });

  it("refuses other characters", () => {
    expect(normaliseJoinCode("ABC_DE")).toBeNull();
    expect(normaliseJoinCode("ABCDÉ2")).toBeNull();
    expect(normaliseJoinCode("ABC.DE")).toBeNull();
  });

  it("refuses a code of the wrong length", () => {
    expect(JOIN_CODE_LENGTH).toBe(6);
    expect(normaliseJoinCode("")).toBeNull();
    expect(normaliseJoinCode("ABCDE")).toBeNull();
    expect(normaliseJoinCode("ABCDEFG")).toBeNull();
    expect(normaliseJoinCode("abc-de")).toBeNull();
    expect(normaliseJoinCode("      ")).toBeNull();
  });
});

describe("newJoinCode", () => {
  const codes = Array.from({ length: 1000 }, () => newJoinCode());

  it("is six characters from the join-code alphabet", () => {
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHIJKMNOPQRSTUVWXYZ]{6}$/);
  });

  it("never uses 0, 1 or L", () => {
    expect(codes.join("")).not.toMatch(/[01L]/);
  });

  it("is what normaliseJoinCode reads back, also typed in lower case", () => {
    for (const code of codes) expect(normaliseJoinCode(code.toLowerCase())).toBe(code);
  });

  it("draws from the whole alphabet, and rarely repeats a code", () => {
    const used = new Set(codes.join(""));
    expect([...JOIN_CODE_ALPHABET].filter((char) => !used.has(char))).toEqual([]);
    // 33^6 ≈ 1.29 billion codes: 1000 draws almost never collide.
    expect(new Set(codes).size).toBeGreaterThanOrEqual(999);
  });
});

describe("responseKey", () => {
  const salt = newResponseKeySalt();
  const device = "device-secret-0123456789abcdefghijklmnop";

  it("gives the same device the same key for the same prompt", () => {
    expect(responseKey(salt, device, "check-in")).toBe(responseKey(salt, device, "check-in"));
  });

  it("gives the same device unrelated keys for different prompts", () => {
    expect(responseKey(salt, device, "check-in")).not.toBe(responseKey(salt, device, "check-out"));
  });

  it("gives different devices different keys for the same prompt", () => {
    expect(responseKey(salt, device, "check-in")).not.toBe(responseKey(salt, `${device}x`, "check-in"));
  });

  it("depends on the salt", () => {
    expect(responseKey(salt, device, "check-in")).not.toBe(responseKey(newResponseKeySalt(), device, "check-in"));
  });

  it("does not contain the device secret or the prompt id", () => {
    const key = responseKey(salt, device, "check-in");
    expect(key).not.toContain(device);
    expect(key).not.toContain("device-secret");
    expect(key).not.toContain("check-in");
  });

  it("is a fixed-length URL-safe string (an HMAC-SHA256 in base64url)", () => {
    const key = responseKey(salt, device, "check-in");
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(responseKey(salt, "x".repeat(500), "p")).toHaveLength(43);
  });

  it("does not let prompt id and device secret run into each other", () => {
    expect(responseKey(salt, "bc", "a")).not.toBe(responseKey(salt, "c", "ab"));
  });
});
