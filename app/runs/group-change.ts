import type { Tally } from "~/realtime/events";

type ScaleTally = Extract<Tally, { type: "scale" }>;

/** How the group's picture moved between two distributions of the same scale, in the product's few plain sentences. */
export type GroupChangeKind = "more-high" | "more-low" | "more-ends" | "more-middle" | "fewer-high" | "fewer-low" | "about-the-same";

export interface GroupChange {
  kind: GroupChangeKind;
  /** The scale's top values the sentence speaks of (the top two on a scale of 5 or more values, else the top one). */
  high: number[];
  /** Its bottom values, likewise. */
  low: number[];
}

/** A difference in share under this (10 percentage points) reads as "about the same". */
export const NOTABLE_CHANGE = 0.1;

/**
 * One plain sentence's worth of change between two group distributions of a
 * scale (check-in, then check-out), from the share of each group choosing the
 * top values and the bottom values. It reads the two shown distributions
 * only, each already at k or more answers: it never knows, nor says, how
 * anyone's own answer changed. Null when either has no answers or the scales differ.
 */
export function groupChange(start: ScaleTally, end: ScaleTally): GroupChange | null {
  if (start.answers === 0 || end.answers === 0 || start.min !== end.min || start.max !== end.max) return null;
  const values = start.max - start.min + 1;
  const band = values >= 5 ? 2 : 1;
  const high = Array.from({ length: band }, (_, i) => start.max - band + 1 + i);
  const low = Array.from({ length: band }, (_, i) => start.min + i);
  const shareOf = (tally: ScaleTally, chosen: number[]) =>
    chosen.reduce((sum, value) => sum + (tally.counts[value - tally.min] ?? 0), 0) / tally.answers;
  const moreHigh = shareOf(end, high) - shareOf(start, high);
  const moreLow = shareOf(end, low) - shareOf(start, low);
  // A hair under the threshold still counts as reaching it: shares are fractions, and 0.3 - 0.2 is 0.09999….
  const rose = (change: number) => change >= NOTABLE_CHANGE - 1e-9;
  const fell = (change: number) => change <= -NOTABLE_CHANGE + 1e-9;
  const kind: GroupChangeKind =
    rose(moreHigh) && rose(moreLow)
      ? "more-ends"
      : rose(moreHigh)
        ? "more-high"
        : rose(moreLow)
          ? "more-low"
          : fell(moreHigh) && fell(moreLow)
            ? "more-middle"
            : fell(moreHigh)
              ? "fewer-high"
              : fell(moreLow)
                ? "fewer-low"
                : "about-the-same";
  return { kind, high, low };
}

/** Each value's share of a distribution's answers, in whole percents, lowest value first. */
export function percentsOf(tally: ScaleTally): number[] {
  return tally.counts.map((count) => (tally.answers === 0 ? 0 : Math.round((count / tally.answers) * 100)));
}
