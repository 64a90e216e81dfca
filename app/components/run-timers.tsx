import type { Countdown, Timing } from "~/realtime/events";
import { MAX_COUNTDOWN_SECONDS } from "~/domain/rules";
import { formatClock, formatRemaining, scheduleOf } from "~/runs/schedule";
import { useStrings } from "~/strings";

import { useArrival, useNow } from "./use-clock";
import { useConsoleStrings } from "~/strings/console";

/**
 * The console's timers: the session's and the slide's elapsed time against the
 * plan, and a gentle word on the pace. Only the facilitator sees these.
 */
export function RunTimers({
  timing,
  plan,
  current,
}: {
  timing: Timing;
  plan: { durationMinutes?: number; slides: Array<{ durationMinutes?: number }> };
  current: number;
}) {
  const t = useConsoleStrings().timers;
  const now = useNow();
  const arrived = useArrival(timing);
  if (now === null) return <p className="timers" aria-hidden="true" />;
  const passed = Math.max(0, now - arrived);
  const runMs = timing.runMs + passed;
  const slideMs = timing.slideMs + passed;
  const schedule = scheduleOf(plan, current, runMs, slideMs);
  const over = schedule.slidePlannedMs !== null && slideMs > schedule.slidePlannedMs;
  return (
    <p className="timers" data-testid="timers">
      <span>
        {t.session} <strong className="timers__clock">{formatClock(runMs)}</strong>
        {schedule.runPlannedMs !== null ? t.of(formatClock(schedule.runPlannedMs)) : ""}
      </span>
      <span className={over ? "timers__over" : undefined}>
        {t.slide} <strong className="timers__clock">{formatClock(slideMs)}</strong>
        {schedule.slidePlannedMs !== null ? t.of(formatClock(schedule.slidePlannedMs)) : ""}
      </span>
      {schedule.pace ? (
        <span className={`timers__pace timers__pace--${schedule.pace}`} data-testid="pace">
          {t.pace[schedule.pace](Math.round(Math.abs(schedule.driftMs!) / 60_000))}
        </span>
      ) : null}
    </p>
  );
}

/** The countdown's time left, carried on by this screen's clock from when the server said it; no ticking without one. */
function useRemaining(countdown: Countdown | null): number | null {
  const now = useNow(250, countdown !== null);
  const arrived = useArrival(countdown);
  if (!countdown || now === null) return null;
  return Math.max(0, countdown.remainingMs - (now - arrived));
}

/** The display's countdown for an exercise: large, calm, and no alarm when it ends. */
export function DisplayCountdown({ countdown }: { countdown: Countdown | null }) {
  const t = useStrings().display.countdown;
  const remaining = useRemaining(countdown);
  if (!countdown) return null;
  const ended = remaining === 0;
  return (
    <div className={`countdown${ended ? " countdown--ended" : ""}`} data-testid="countdown">
      {/* Read once when it starts and when it ends, not every second. */}
      <p className="visually-hidden" role="status">
        {ended ? t.ended : t.started(formatClock(countdown.seconds * 1000))}
      </p>
      <p className="countdown__time" aria-hidden="true">
        {formatRemaining(remaining ?? countdown.remainingMs)}
      </p>
      {ended ? <p className="countdown__note">{t.endedNote}</p> : null}
    </div>
  );
}

/**
 * Start a countdown on the display for this slide's exercise (its planned
 * minutes unless changed), or stop it. It stops by itself with a change of slide.
 */
export function CountdownControl({
  countdown,
  plannedMinutes,
  disabled,
  onSet,
}: {
  countdown: Countdown | null;
  plannedMinutes: number | undefined;
  disabled: boolean;
  onSet: (seconds: number | null) => void;
}) {
  const t = useConsoleStrings().countdown;
  const remaining = useRemaining(countdown);
  if (countdown) {
    return (
      <div className="countdown-control" role="group" aria-label={t.label}>
        <span data-testid="countdown-left">
          {t.left} <strong className="timers__clock">{formatRemaining(remaining ?? countdown.remainingMs)}</strong> {t.leftAfter}
        </span>
        <button type="button" className="button button--quiet" onClick={() => onSet(null)} disabled={disabled}>
          {t.stop}
        </button>
      </div>
    );
  }
  return (
    <form
      className="countdown-control"
      onSubmit={(event) => {
        event.preventDefault();
        const minutes = Number(new FormData(event.currentTarget).get("minutes"));
        onSet(Math.round(minutes * 60));
      }}
    >
      <label htmlFor="countdown-minutes" className="countdown-control__label">
        {t.label}
      </label>
      <input
        id="countdown-minutes"
        name="minutes"
        type="number"
        // Half minutes from half a minute (a step counts from the minimum), up to the longest countdown.
        min={0.5}
        max={MAX_COUNTDOWN_SECONDS / 60}
        step={0.5}
        defaultValue={Math.min(plannedMinutes ?? 3, MAX_COUNTDOWN_SECONDS / 60)}
        required
      />
      <span>{t.minutes}</span>
      <button type="submit" className="button" disabled={disabled}>
        {t.start}
      </button>
    </form>
  );
}
