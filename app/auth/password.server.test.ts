import { describe, expect, it } from "vitest";

import { PASSWORD_CHECKS, Passwords } from "./password.server";

const passwords = new Passwords();
const hashPassword = (password: string) => passwords.hash(password)!;
const verifyPassword = (password: string, stored: string) => passwords.verify(password, stored)!;

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

describe("password checks taken in turns", () => {
  it("runs one scrypt call at a time, lines up nine more, and refuses the rest at once", async () => {
    const { running, waiting } = PASSWORD_CHECKS;
    expect({ running, waiting }).toEqual({ running: 1, waiting: 9 });
    const gate = new Passwords();
    const stored = await hashPassword("a calm room with tea");
    // Twenty-five sign-ins arriving together: the gate decides each one as it arrives.
    const checks = Array.from({ length: 25 }, (_, i) => gate.verify(i === 0 ? "a calm room with tea" : `guess ${i}`, stored));
    const admitted = checks.filter((check) => check !== undefined);
    expect(admitted).toHaveLength(running + waiting);
    expect(checks.slice(0, running + waiting).every((check) => check !== undefined)).toBe(true);
    expect(gate.work).toMatchObject({ waiting, refused: 25 - running - waiting });
    expect(gate.hasRoom()).toBe(false);
    // Every one admitted is checked, in turn, and answers rightly.
    expect(await Promise.all(admitted)).toEqual([true, ...Array(running + waiting - 1).fill(false)]);
    expect(gate.work).toMatchObject({ inFlight: 0, mostInFlight: running, waiting: 0, mostWaiting: waiting, done: running + waiting, refused: 25 - running - waiting });
    // Once the line has cleared, a check is taken again.
    expect(await gate.verify("a calm room with tea", stored)).toBe(true);
    // Twelve real scrypt calls, one at a time: seconds on a busy machine, which is work to wait for, not a budget.
  }, 60_000);

  it("frees the turn of a check whose stored hash it can't read, and of a failed scrypt call", async () => {
    const gate = new Passwords({ running: 1, waiting: 0 });
    expect(await gate.verify("x", "not a hash")).toBe(false);
    expect(await gate.verify("x", "scrypt$1000$8$1$AAAA$AAAA")).toBe(false);
    expect(gate.hash("a calm room with tea")).toBeDefined();
    expect(gate.hash("a calm room with tea")).toBeUndefined();
  });
});
