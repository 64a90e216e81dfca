/**
 * The console's timers: how a run is going against its plan's planned minutes.
 * Pure, so the console can tick it every second without asking the server.
 */

/** Within this of the plan, a run is "on time": a gentle indicator, not a stopwatch. */
export const PACE_TOLERANCE_MS = 2 * 60_000;

export type Pace = "ahead" | "on-time" | "behind";

export interface Schedule {
  /** The current slide's planned time; null when the plan gives it none. */
  slidePlannedMs: number | null;
  /** The whole session's planned time: the plan's own duration, or else its slides' added up; null when it has neither. */
  runPlannedMs: number | null;
  /** How far the run is behind (positive) or ahead (negative) of the plan; null when no slide has a planned time. */
  driftMs: number | null;
  pace: Pace | null;
}

const MINUTE = 60_000;

/**
 * Where the plan expected the room to be by now: the planned time of every
 * slide before the current one, and of the current one as much as has passed.
 * A slide without a planned time has none, on screen and after, so time spent
 * on it shows as it passes rather than all at once when the room moves on.
 * The drift is the real elapsed time minus that.
 */
export function scheduleOf(
  plan: { durationMinutes?: number; slides: Array<{ durationMinutes?: number }> },
  current: number,
  runMs: number,
  slideMs: number,
): Schedule {
  const planned = plan.slides.map((slide) => (slide.durationMinutes === undefined ? null : slide.durationMinutes * MINUTE));
  const slidePlannedMs = planned[current] ?? null;
  const slidesTotal = planned.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
  const runPlannedMs = plan.durationMinutes !== undefined ? plan.durationMinutes * MINUTE : slidesTotal > 0 ? slidesTotal : null;
  if (slidesTotal === 0) return { slidePlannedMs, runPlannedMs, driftMs: null, pace: null };
  const before = planned.slice(0, current).reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
  const expected = before + Math.min(slideMs, slidePlannedMs ?? 0);
  const driftMs = runMs - expected;
  const pace = driftMs > PACE_TOLERANCE_MS ? "behind" : driftMs < -PACE_TOLERANCE_MS ? "ahead" : "on-time";
  return { slidePlannedMs, runPlannedMs, driftMs, pace };
}

/** A duration as a clock: 4:05, or 1:02:03 from an hour. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A countdown's remaining time, rounded up, so it shows 0:00 only when it has ended. */
export function formatRemaining(ms: number): string {
  return formatClock(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}
