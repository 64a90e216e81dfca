/**
 * How many questions each network address sent to a run in the last minute, so that a script which reconnects
 * (a fresh connection has no 20 s wait of its own) can't fill the facilitator's queue. Generous: a whole room on
 * one venue wifi shares an address, and "any questions?" brings several at once (decision 036). In memory only:
 * the address (an IPv6 one by its /64) is a key here for a minute at most, and is never stored, logged or sent.
 */
export class QuestionsPerAddress {
  /** Per run and address, when each of its questions of the last minute was sent (ms), oldest first. */
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether this address may send another question to the run now. */
  allows(runId: string, address: string): boolean {
    return this.recent(`${runId}\n${address}`).length < this.perMinute;
  }

  /** Counts a question the address sent (before it is stored, so questions sent meanwhile count it; see withdraw). */
  record(runId: string, address: string): void {
    const key = `${runId}\n${address}`;
    this.sent.set(key, [...this.recent(key), this.now()]);
    this.forgetOld();
  }

  /** Takes back the address's newest count: the question it was recorded for wasn't stored after all. */
  withdraw(runId: string, address: string): void {
    const key = `${runId}\n${address}`;
    const times = this.sent.get(key);
    if (!times) return;
    times.pop();
    if (times.length === 0) this.sent.delete(key);
  }

  /** How many addresses are remembered (for tests: none once a minute has passed). */
  get size(): number {
    this.forgetOld();
    return this.sent.size;
  }

  private recent(key: string): number[] {
    const since = this.now() - MINUTE_MS;
    return (this.sent.get(key) ?? []).filter((at) => at > since);
  }

  private forgetOld(): void {
    const since = this.now() - MINUTE_MS;
    for (const [key, times] of this.sent) if (times.at(-1)! <= since) this.sent.delete(key);
  }
}

const MINUTE_MS = 60_000;

/**
 * Questions one address may send to a run in any minute. A room of 150 on one wifi rarely has 20 questions typed in
 * the same minute; a script gets 20, which the console hides in one action ("hide all waiting").
 */
export const QUESTIONS_PER_ADDRESS_PER_MINUTE = 20;
