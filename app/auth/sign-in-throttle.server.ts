import { createHash } from "node:crypto";

/** Failed sign-ins allowed for an address before each further failure locks it for a while. */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
/** A quiet address is forgotten after this long. */
const FORGET_AFTER_MS = 60 * 60 * 1000;
/** Addresses remembered at most; past this the longest-quiet is forgotten, so guessing many addresses can't fill memory. */
const MAX_ENTRIES = 10_000;

/**
 * Slows down password guessing, per email address: after FREE_FAILURES wrong
 * passwords in a row, each further one locks the address for twice as long
 * as the last (1 s, 2 s, 4 s … up to 15 minutes). Kept in memory and keyed by
 * a hash of the address; no IP address is used or kept.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number; lastSeen: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until this address may try again; 0 if it may try now. */
  waitFor(email: string): number {
    const entry = this.entries.get(keyOf(email));
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  failed(email: string): void {
    const now = this.now();
    this.forgetQuiet(now);
    const key = keyOf(email);
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, lastSeen: now };
    entry.failures += 1;
    entry.lastSeen = now;
    if (entry.failures >= FREE_FAILURES) {
      entry.lockedUntil = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (entry.failures - FREE_FAILURES));
    }
    // Re-inserted, so the map's order is least recently failed first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  succeeded(email: string): void {
    this.entries.delete(keyOf(email));
  }

  private forgetQuiet(now: number) {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastSeen > FORGET_AFTER_MS && entry.lockedUntil <= now) this.entries.delete(key);
    }
  }
}

function keyOf(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Sign-ins the server checks, whoever signs in: this many at once after a quiet spell, then one every two seconds (ADR 024). */
export const SIGN_IN_RATE = { burst: 10, perSecond: 0.5 } as const;

/**
 * Limits how often the server checks a password at sign-in, across all addresses: a token bucket in
 * memory, keyed by nothing, so a flood of sign-ins each with a fresh address (which the throttle above
 * never slows) can't keep scrypt busy.
 */
export class SignInRate {
  private tokens: number = SIGN_IN_RATE.burst;
  private last: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** Takes one sign-in's place: 0 if it may be checked now, else the milliseconds until one may (and nothing is taken). */
  take(): number {
    const wait = this.waitFor();
    if (wait === 0) this.tokens -= 1;
    return wait;
  }

  /** The milliseconds until a sign-in may be checked, 0 if now; takes nothing. */
  waitFor(): number {
    const now = this.now();
    this.tokens = Math.min(SIGN_IN_RATE.burst, this.tokens + ((now - this.last) / 1000) * SIGN_IN_RATE.perSecond);
    this.last = now;
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / SIGN_IN_RATE.perSecond) * 1000);
  }
}
