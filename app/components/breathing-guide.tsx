import { useEffect, useMemo, useState } from "react";

import type { Breathing } from "~/content/plan-schema";
import { useStrings } from "~/strings";

import { breathingPhases } from "./breathing-phases";

/** Where the guide is in the breath: which phase, and the whole seconds left in it. */
interface Step {
  index: number;
  remaining: number;
}

/**
 * A calm breathing guide for a grounding slide: a soft circle grows while breathing in, rests
 * during the hold and shrinks while breathing out, with the phase in words and a countdown.
 *
 * The words change on a JS timer (after hydration only: the server and the first client render
 * show a still circle and "Breathe in"); the circle's size is a CSS transition lasting as long as
 * the phase. With reduced motion the circle stays still and only the words and countdown change.
 * Screen readers hear the phase word when it changes, never the seconds.
 */
export function BreathingGuide({ breathing, size }: { breathing: Breathing; size: "display" | "phone" }) {
  const t = useStrings().room.breathing;
  const { inhale, hold, exhale } = breathing;
  const phases = useMemo(() => breathingPhases({ inhale, hold, exhale }, t), [inhale, hold, exhale, t]);
  const [step, setStep] = useState<Step | null>(null);

  useEffect(() => {
    let index = 0;
    let remaining = phases[0]?.seconds ?? 1;
    let due = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = () => {
      // Keeps to the clock, but after a stall (a phone asleep, a tab in the background) it simply
      // carries on from now instead of catching up in a rush of quick changes.
      due += 1000;
      const now = Date.now();
      if (due < now) due = now + 1000;
      timer = setTimeout(tick, due - now);
    };
    const tick = () => {
      remaining -= 1;
      if (remaining <= 0) {
        index = (index + 1) % phases.length;
        remaining = phases[index]?.seconds ?? 1;
      }
      setStep({ index, remaining });
      schedule();
    };

    // Start on the next frame, so the still circle has been drawn and the first breath in grows from it.
    const frame = requestAnimationFrame(() => {
      due = Date.now();
      setStep({ index, remaining });
      schedule();
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      setStep(null);
    };
  }, [phases]);

  const current = step ? phases[step.index] : undefined;
  const phase = current?.phase ?? "rest";
  const label = current?.label ?? t.inhale;

  return (
    <div className={`breathing breathing--${size}`} role="group" aria-label={t.label}>
      <div className="breathing__stage" aria-hidden="true">
        <div
          className={`breathing__circle breathing__circle--${phase}`}
          style={current ? { transitionDuration: `${current.seconds}s` } : undefined}
        />
      </div>
      <p className="breathing__words">
        <span className="breathing__phase" aria-live="polite">
          {label}
        </span>
        <span className="breathing__count" aria-hidden="true">
          {step ? step.remaining : "\u00a0"}
        </span>
      </p>
      <p className="breathing__note">{t.note}</p>
    </div>
  );
}
