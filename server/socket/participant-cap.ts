/**
 * How many phones of one run are connected from each network address, so that
 * one person with a script can't bring a crowd of phones into a room (each
 * would count towards k, and say "I'm in", like a person). In memory only: the
 * address is a key here while a connection lasts, and is never stored, logged
 * or sent anywhere.
 */
export class ParticipantCap {
  private readonly connected = new Map<string, number>();

  constructor(private readonly perAddress: number) {}

  /** Takes a place for a new phone; false when its address already has `perAddress` phones in the run. */
  take(runId: string, address: string): boolean {
    const key = `${runId}\n${address}`;
    const count = this.connected.get(key) ?? 0;
    if (count >= this.perAddress) return false;
    this.connected.set(key, count + 1);
    return true;
  }

  /** Gives the place back when the phone's connection closes. */
  release(runId: string, address: string): void {
    const key = `${runId}\n${address}`;
    const count = (this.connected.get(key) ?? 0) - 1;
    if (count > 0) this.connected.set(key, count);
    else this.connected.delete(key);
  }

  /** How many addresses hold places (for tests: nothing is kept once every phone has gone). */
  get size(): number {
    return this.connected.size;
  }
}
