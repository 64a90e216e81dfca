import { describe, expect, it } from "vitest";

import { formatClock, formatRemaining, PACE_TOLERANCE_MS, scheduleOf } from "./schedule";

const MINUTE = 60_000;
const plan = { durationMinutes: 30, slides: [{ durationMinutes: 5 }, { durationMinutes: 10 }, {}, { durationMinutes: 15 }] };

describe("scheduleOf", () => {
  it("is on time while each slide takes what the plan gives it", () => {
    const schedule = scheduleOf(plan, 1, 9 * MINUTE, 4 * MINUTE);
    expect(schedule).toEqual({ slidePlannedMs: 10 * MINUTE, runPlannedMs: 30 * MINUTE, driftMs: 0, pace: "on-time" });
  });

  it("falls behind once the room stays on a slide past its planned time", () => {
    // Slide 2 (10 min) has run 14 min after slide 1's 5: the plan expected 15 min, 19 have passed.
    const schedule = scheduleOf(plan, 1, 19 * MINUTE, 14 * MINUTE);
    expect(schedule.driftMs).toBe(4 * MINUTE);
    expect(schedule.pace).toBe("behind");
  });

  it("counts time lost on earlier slides, even while the current one is on time", () => {
    const schedule = scheduleOf(plan, 1, 9 * MINUTE + PACE_TOLERANCE_MS + 1000, 1 * MINUTE);
    // Expected 5 + 1 = 6 min; 9 min and a little over the tolerance have passed.
    expect(schedule.driftMs).toBe(3 * MINUTE + PACE_TOLERANCE_MS + 1000);
    expect(schedule.pace).toBe("behind");
  });

  it("is ahead when the room moved on early", () => {
    const schedule = scheduleOf(plan, 3, 10 * MINUTE, 0);
    // Slides 1, 2 (and the unplanned 3) expected 15 min before slide 4.
    expect(schedule.driftMs).toBe(-5 * MINUTE);
    expect(schedule.pace).toBe("ahead");
  });

  it("counts time on a slide without a planned time as it passes, and the same once the room has moved on", () => {
    const arriving = scheduleOf(plan, 2, 15 * MINUTE, 0);
    expect(arriving.slidePlannedMs).toBeNull();
    expect(arriving.driftMs).toBe(0);
    // Three minutes on the unplanned slide: three minutes behind, then and on the next slide.
    expect(scheduleOf(plan, 2, 18 * MINUTE, 3 * MINUTE).driftMs).toBe(3 * MINUTE);
    expect(scheduleOf(plan, 3, 18 * MINUTE, 0).driftMs).toBe(3 * MINUTE);
  });

  it("stays within the tolerance as on time, either way", () => {
    expect(scheduleOf(plan, 1, 5 * MINUTE + PACE_TOLERANCE_MS, 0).pace).toBe("on-time");
    expect(scheduleOf(plan, 1, 5 * MINUTE - PACE_TOLERANCE_MS, 0).pace).toBe("on-time");
  });

  it("has no pace when no slide has a planned time, and adds up the slides when the plan gives no total", () => {
    expect(scheduleOf({ slides: [{}, {}] }, 1, MINUTE, MINUTE)).toEqual({ slidePlannedMs: null, runPlannedMs: null, driftMs: null, pace: null });
    expect(scheduleOf({ slides: [{ durationMinutes: 3 }, { durationMinutes: 4 }] }, 0, 0, 0).runPlannedMs).toBe(7 * MINUTE);
  });
});

describe("formatClock", () => {
  it("shows minutes and seconds, and hours once there are any", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(65_999)).toBe("1:05");
    expect(formatClock(3_723_000)).toBe("1:02:03");
    expect(formatClock(-5000)).toBe("0:00");
  });

  it("rounds a countdown up, so 0:00 means it has ended", () => {
    expect(formatRemaining(59_001)).toBe("1:00");
    expect(formatRemaining(1)).toBe("0:01");
    expect(formatRemaining(0)).toBe("0:00");
  });
});
