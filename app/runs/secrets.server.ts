import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "./join-code";

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** 256 bits for the facilitator link, base64url; only its hash is stored. */
export const FACILITATOR_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newFacilitatorSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Compares a presented secret with a stored hash without leaking timing. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function newResponseKeySalt(): string {
  return randomBytes(32).toString("base64");
}

/**
 * The key a response is stored under: a keyed hash of the device's secret and
 * the prompt. The same device gets the same key for a prompt (so it can change
 * its answer) and unrelated keys for different prompts (so answers can't be linked).
 */
export function responseKey(salt: string | Buffer, deviceSecret: string, promptId: string): string {
  // The engine passes the salt already decoded for answers; it is base64 as stored.
  const key = typeof salt === "string" ? Buffer.from(salt, "base64") : salt;
  return createHmac("sha256", key).update(`${promptId}\n${deviceSecret}`).digest("base64url");
}

/**
 * What a phone's entered cookie holds when the server set it (a phone without scripts): the moment it entered and a
 * keyed hash of that moment and the phone's secret, so the phone can't move its moment earlier, nor lend it to
 * another secret (docs/decisions/042-a-phone-without-scripts.md).
 */
export function entryMark(salt: string, deviceSecret: string, enteredAt: number): string {
  const mac = createHmac("sha256", Buffer.from(salt, "base64")).update(`entered\n${enteredAt}\n${deviceSecret}`).digest("base64url");
  return `${enteredAt}.${mac}`;
}

/** The moment in an entry mark made for this run and secret; undefined for any other value. */
export function entryMoment(salt: string, deviceSecret: string, mark: string | undefined): number | undefined {
  const at = Number(mark?.split(".")[0]);
  if (!mark || !Number.isSafeInteger(at) || at <= 0) return undefined;
  const expected = Buffer.from(entryMark(salt, deviceSecret, at));
  const presented = Buffer.from(mark);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? at : undefined;
}
