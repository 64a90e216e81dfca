import { describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the password it hashed, and no other", async () => {
    const stored = await hashPassword("a calm room with tea");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("a calm room with tea");
    expect(await verifyPassword("a calm room with tea", stored)).toBe(true);
    expect(await verifyPassword("a calm room with tea ", stored)).toBe(false);
    expect(await verifyPassword("A calm room with tea", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("treats a password typed in another Unicode form as the same password", async () => {
    // "é" as one code point, then as "e" and a combining accent: NFKC makes them equal.
    const stored = await hashPassword("caf\u00e9 au lait please");
    expect(await verifyPassword("cafe\u0301 au lait please", stored)).toBe(true);
  });

  it("salts every hash: one password hashed twice gives two different hashes", async () => {
    const [first, second] = await Promise.all([hashPassword("the same password"), hashPassword("the same password")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("the same password", first)).toBe(true);
    expect(await verifyPassword("the same password", second)).toBe(true);
  });

  it("refuses, without throwing, a stored hash it can't read", async () => {
    const good = await hashPassword("a calm room with tea");
    const [, n, r, p, salt, hash] = good.split("$");
    const malformed = [
      "",
      "not a hash",
      `bcrypt$${n}$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$$${hash}`,
      `scrypt$abc$${r}$${p}$${salt}$${hash}`,
      `scrypt$0$${r}$${p}$${salt}$${hash}`,
      `scrypt$-8$${r}$${p}$${salt}$${hash}`,
      // Not a power of two: scrypt itself refuses this cost.
      `scrypt$1000$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash!.slice(0, 20)}`,
    ];
    for (const stored of malformed) expect(await verifyPassword("a calm room with tea", stored), stored).toBe(false);
  });

  it("checks a hash made at another cost with the cost stored in it", async () => {
    // A lower cost than today's (as an older Beside might have stored): it still verifies.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("a calm room with tea", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ["scrypt", 1024, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    expect(await verifyPassword("a calm room with tea", stored)).toBe(true);
    expect(await verifyPassword("another password", stored)).toBe(false);
  });
});
