/**
 * The console's watch on the number of phones: results and "I'm in" count
 * phones, not people, so phones that shouldn't be there (one person joining
 * many times, a script) matter. The facilitator is warned, plainly, when more
 * phones are connected than they said the room holds, or when the number
 * jumps once the session is under way.
 */

/** The number of phones connected at a moment (ms). */
export interface RoomSample {
  at: number;
  connected: number;
}

/** A rise within this long counts as a jump. */
export const JUMP_WINDOW_MS = 60_000;

/**
 * The least rise that is a jump: 3 phones or a quarter of the room, whichever is more, but never more than k − 1
 * (and at least 2): k − 1 extra phones are all someone needs to stand in for the rest of a group of k.
 */
export function jumpThreshold(before: number, k: number): number {
  return Math.min(Math.max(3, Math.ceil(before / 4)), Math.max(2, k - 1));
}

export type RoomWarning = { kind: "over"; connected: number; expected: number } | { kind: "jump"; added: number } | null;

/**
 * What to warn about now. `samples` are the counts seen, oldest first; `underWay` is false while people are still
 * arriving (the first slide), when a jump is only the room filling up.
 */
export function roomWarning(samples: readonly RoomSample[], now: number, expected: number | null, underWay: boolean, k: number): RoomWarning {
  const latest = samples.at(-1);
  if (!latest) return null;
  if (expected !== null && latest.connected > expected) return { kind: "over", connected: latest.connected, expected };
  if (!underWay) return null;
  const recent = samples.filter((sample) => now - sample.at <= JUMP_WINDOW_MS);
  // The lowest count within the window, or the last one before it if the count hasn't moved since.
  const before = samples.filter((sample) => now - sample.at > JUMP_WINDOW_MS).at(-1);
  const lowest = Math.min(...[...recent, ...(before ? [before] : [])].map((sample) => sample.connected));
  const added = latest.connected - lowest;
  return added >= jumpThreshold(lowest, k) ? { kind: "jump", added } : null;
}

/** Keeps the samples a warning needs: the window's, and the one before it. */
export function keepSamples(samples: readonly RoomSample[], now: number): RoomSample[] {
  const inWindow = samples.findIndex((sample) => now - sample.at <= JUMP_WINDOW_MS);
  if (inWindow === -1) return samples.slice(-1);
  return samples.slice(Math.max(0, inWindow - 1));
}
