import type { LoadedRun } from "./run-engine.server";

/**
 * How many wrong join codes one network address may try (decision 023). Generous for a room of people mistyping
 * behind one venue's Wi-Fi; for a script, about 8,700 tries a day instead of 190 a second, against 887 million codes.
 */
export const CODE_GUESS_LIMIT = {
  /** Wrong codes an address may try at once, after a quiet while. */
  burst: 100,
  /** One more wrong code is allowed every this many seconds. */
  secondsPerGuess: 10,
  /** Addresses remembered at most; past this, the one that got a code wrong longest ago is forgotten. */
  addresses: 10_000,
} as const;

/** What looking a join code up gives: the run, no run, or a refusal because this address got too many wrong. */
export type CodeLookup =
  | { found: "run"; run: LoadedRun }
  | { found: "none" }
  | { found: "too-many"; retryAfterSeconds: number };

/**
 * Counts each network address's wrong join codes, in memory only: never stored, never logged, forgotten when the
 * server stops. While an address is over its allowance, every code it asks for is refused, a right one too, so a
 * script learns nothing from its next tries. The pages and the realtime handshake look codes up through this.
 */
export class CodeGuesses {
  /** Allowance left per address, and when it was last counted; in the order addresses last got one wrong. */
  private readonly allowances = new Map<string, { left: number; at: number }>();
  /** Per address, its lookups still reading storage: each may turn out a miss, so each holds one of its allowance. */
  private readonly looking = new Map<string, number>();

  constructor(
    private readonly find: (code: string) => LoadedRun | undefined | Promise<LoadedRun | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The run with this code for a client at `address` (the socket's remote address), counting a miss against it. */
  async lookUp(address: string | undefined, code: string): Promise<CodeLookup> {
    const key = addressKey(address);
    // Lookups under way count as misses until they are known, so a script that sends many at once can't get past
    // its allowance while storage answers.
    const left = this.allowanceOf(key).left - (this.looking.get(key) ?? 0);
    if (left < 1) {
      return { found: "too-many", retryAfterSeconds: Math.max(1, Math.ceil((1 - left) * CODE_GUESS_LIMIT.secondsPerGuess)) };
    }
    this.looking.set(key, (this.looking.get(key) ?? 0) + 1);
    let run: LoadedRun | undefined;
    try {
      run = await this.find(code);
    } finally {
      const still = this.looking.get(key)! - 1;
      if (still > 0) this.looking.set(key, still);
      else this.looking.delete(key);
    }
    if (run) return { found: "run", run };
    // Counted as of now: the allowance may have moved while the run was looked up.
    const allowance = this.allowanceOf(key);
    this.allowances.delete(key);
    this.allowances.set(key, { left: allowance.left - 1, at: allowance.at });
    this.forgetSome();
    return { found: "none" };
  }

  private allowanceOf(key: string): { left: number; at: number } {
    const now = this.now();
    const known = this.allowances.get(key);
    if (!known) return { left: CODE_GUESS_LIMIT.burst, at: now };
    const regained = (now - known.at) / 1000 / CODE_GUESS_LIMIT.secondsPerGuess;
    return { left: Math.min(CODE_GUESS_LIMIT.burst, known.left + regained), at: now };
  }

  /** Keeps the memory bounded however many addresses try: the address that got one wrong longest ago goes first. */
  private forgetSome(): void {
    for (const key of this.allowances.keys()) {
      if (this.allowances.size <= CODE_GUESS_LIMIT.addresses) return;
      this.allowances.delete(key);
    }
  }
}

/**
 * One key per client: an IPv4 address as it is (an IPv4-mapped IPv6 one too), an IPv6 address by its /64, which
 * one home or phone network hands out whole, so a client can't step around its count by changing addresses in it.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const front = head ? head.split(":") : [];
  const back = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** A page's refusal of an address with too many wrong codes: 429 and when to try again. */
export function tooManyCodes(retryAfterSeconds: number): ResponseInit & { headers: Record<string, string> } {
  return { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } };
}

/**
 * For a route's `headers`: the Retry-After of a 429 refusal, which Remix would otherwise leave off the page (it
 * passes only cookies from a route without a `headers` export). Nothing else is copied.
 */
export function retryAfterOf(headers: Headers | undefined): Record<string, string> {
  const retryAfter = headers?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}
