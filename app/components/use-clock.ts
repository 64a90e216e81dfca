import { useCallback, useEffect, useMemo, useState } from "react";

/**
 * The time now, ticking every `intervalMs` while `running`; null until the page
 * has hydrated, so the server's render and the browser's first one agree.
 */
export function useNow(intervalMs = 1000, running = true): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, running]);
  return now;
}

/**
 * When (on this screen's clock) a message carrying a duration the server
 * measured arrived: the duration then goes on by this clock. The server's and
 * this device's clocks may differ; their rates don't. Each new message (a new
 * object, even with equal numbers) starts from its own arrival.
 */
export function useArrival(message: object | null): number {
  return useMemo(() => (message ? Date.now() : 0), [message]);
}

/** Fullscreen for this window: whether it is on, and a toggle (browsers allow it only from a key press or click). */
export function useFullscreen(): { active: boolean; toggle: () => void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const changed = () => setActive(document.fullscreenElement !== null);
    changed();
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    // Refused when the browser doesn't allow it here (an iframe, a phone): the page simply stays as it is.
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { active, toggle };
}
