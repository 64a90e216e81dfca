import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords are hashed with scrypt, a memory-hard function built into Node
 * (ADR 011). The cost is stored with each hash, so it can be raised later
 * without breaking existing accounts.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/**
 * How many password checks and hashes may run at once, and wait for their turn, in one server (ADR 024).
 * scrypt takes a core for a moment and a thread of Node's pool of four, which static files share: one at a
 * time leaves the room the rest. The line holds a whole burst of sign-ins (SIGN_IN_RATE).
 */
export const PASSWORD_CHECKS = { running: 1, waiting: 9 } as const;

/** What the server's password work looks like right now, and at its busiest: the seam tests read. */
export interface PasswordWork {
  /** scrypt calls under way now, and the most there ever were at once. */
  inFlight: number;
  mostInFlight: number;
  /** Checks waiting for their turn now, and the most that ever waited at once. */
  waiting: number;
  mostWaiting: number;
  /** scrypt calls finished, and checks refused because every turn was taken. */
  done: number;
  refused: number;
}

/**
 * Every password hash and check of one server, taken in turns: at most
 * `running` at once and `waiting` in line; more are refused at once (the
 * method returns undefined), so a flood of sign-ins can neither fill Node's
 * thread pool, which static files and the database file share, nor queue
 * without end. Nothing is checked or stored for a refused one.
 */
export class Passwords {
  readonly work: PasswordWork = { inFlight: 0, mostInFlight: 0, waiting: 0, mostWaiting: 0, done: 0, refused: 0 };
  private readonly line: Array<() => void> = [];
  private taken = 0;

  constructor(private readonly limits: { running: number; waiting: number } = PASSWORD_CHECKS) {}

  /** A new hash of `password` with a fresh salt; undefined when too many checks are under way. */
  hash(password: string): Promise<string> | undefined {
    const salt = randomBytes(SALT_BYTES);
    return this.inTurn(async () => {
      const key = await this.derive(password, salt, COST);
      return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
    });
  }

  /**
   * Whether `password` matches the stored hash: false for a wrong password and for a stored hash this
   * code can't read; undefined when too many checks are under way.
   */
  verify(password: string, stored: string): Promise<boolean> | undefined {
    return this.inTurn(async () => {
      const [scheme, n, r, p, salt, hash] = stored.split("$");
      if (scheme !== "scrypt" || !salt || !hash) return false;
      const cost = { N: Number(n), r: Number(r), p: Number(p) };
      if (![cost.N, cost.r, cost.p].every((value) => Number.isInteger(value) && value > 0)) return false;
      const expected = Buffer.from(hash, "base64");
      // scrypt refuses some costs (N not a power of two, too much memory): such a hash is one this code can't read.
      const key = await this.derive(password, Buffer.from(salt, "base64"), cost).catch(() => undefined);
      return key !== undefined && key.length === expected.length && timingSafeEqual(key, expected);
    });
  }

  /** Whether a check asked for now would be taken (run or wait its turn) rather than refused. */
  hasRoom(): boolean {
    return this.taken < this.limits.running || this.line.length < this.limits.waiting;
  }

  /** Runs `work` when a turn is free; undefined, decided now, when every turn and every place in line is taken. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (!this.hasRoom()) {
      this.work.refused += 1;
      return undefined;
    }
    let turn: Promise<void>;
    if (this.taken < this.limits.running) {
      this.taken += 1;
      turn = Promise.resolve();
    } else {
      turn = new Promise<void>((resolve) => this.line.push(resolve));
      this.work.waiting = this.line.length;
      this.work.mostWaiting = Math.max(this.work.mostWaiting, this.line.length);
    }
    return turn.then(work).finally(() => this.next());
  }

  /** Hands a finished turn to the first in line (so it stays taken), or frees it. */
  private next() {
    const first = this.line.shift();
    this.work.waiting = this.line.length;
    if (first) first();
    else this.taken -= 1;
  }

  private derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
    // 128 * N * r bytes are needed; allow twice that.
    const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
    this.work.inFlight += 1;
    this.work.mostInFlight = Math.max(this.work.mostInFlight, this.work.inFlight);
    return new Promise<Buffer>((resolve, reject) => {
      scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
    }).finally(() => {
      this.work.inFlight -= 1;
      this.work.done += 1;
    });
  }
}
