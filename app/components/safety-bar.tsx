import { useEffect, useRef, useState } from "react";

import type { SignalKind } from "~/realtime/events";
import { useStrings } from "~/strings";

/** How long the confirmation stays, and how long a sent signal's button rests before it can be sent again. */
export const SAFETY_MESSAGE_MS = 8_000;
export const SAFETY_COOLDOWN_MS = 60_000;

/** The buttons, in this order. */
const SIGNALS: SignalKind[] = ["pause", "stepping-out"];

type SignalState = "ready" | "sending" | "sent";

/**
 * The bar at the bottom of every participant screen: "I need a pause", "Stepping out, I'm OK"
 * and "Get help", always in reach.
 *
 * It is fixed to the bottom of the screen. So that it never covers the end of the page, give the
 * page's main element the class `has-safety-bar`: its bottom padding follows the bar's height
 * (measured here into the CSS variable `--safety-bar-height`, with a fallback before hydration).
 *
 * A sent signal is confirmed for a few seconds, and its button then says "Sent" for a minute so a
 * second tap by accident doesn't send it again. Buttons use aria-disabled rather than disabled,
 * so keyboard focus stays where it was.
 */
export function SafetyBar({
  helpHref,
  action,
  sentByForm,
  onSignal,
}: {
  helpHref: string;
  /** Where the buttons post without scripts: the session's page. */
  action: string;
  /** The page came back from a post of one of the buttons: whether it was sent. */
  sentByForm?: { kind: SignalKind; ok: boolean };
  onSignal: (kind: SignalKind) => Promise<boolean>;
}) {
  const t = useStrings().phone;
  const [states, setStates] = useState<Record<SignalKind, SignalState>>({
    pause: "ready",
    "stepping-out": "ready",
    ...(sentByForm?.ok ? { [sentByForm.kind]: "sent" } : {}),
  });
  const [message, setMessage] = useState<{ id: number; text: string; tone: "sent" | "failed" } | null>(
    sentByForm ? { id: 0, text: sentByForm.ok ? t.safety.confirmations[sentByForm.kind] : t.safety.failed, tone: sentByForm.ok ? "sent" : "failed" } : null,
  );
  const barRef = useRef<HTMLElement>(null);
  const mounted = useRef(true);
  const messageTimer = useRef<ReturnType<typeof setTimeout>>();
  const cooldownTimers = useRef<Partial<Record<SignalKind, ReturnType<typeof setTimeout>>>>({});
  const busy = useRef<Record<SignalKind, boolean>>({ pause: false, "stepping-out": false });

  useEffect(() => {
    mounted.current = true;
    const cooldowns = cooldownTimers.current;
    return () => {
      mounted.current = false;
      clearTimeout(messageTimer.current);
      for (const timer of Object.values(cooldowns)) clearTimeout(timer);
    };
  }, []);

  // The page's bottom padding (class has-safety-bar) follows the bar's real height.
  useEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty("--safety-bar-height", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    measure();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(bar);
    return () => {
      observer?.disconnect();
      root.style.removeProperty("--safety-bar-height");
    };
  }, []);

  // A signal the page's form sent (before its scripts ran) rests like one sent here: its confirmation goes, and its
  // button is ready again after the cooldown.
  useEffect(() => {
    if (!sentByForm) return;
    messageTimer.current = setTimeout(() => setMessage(null), SAFETY_MESSAGE_MS);
    if (!sentByForm.ok) return;
    busy.current[sentByForm.kind] = true;
    rest(sentByForm.kind);
    // Once, for the post the page came back from.
  }, []);

  const show = (text: string, tone: "sent" | "failed") => {
    clearTimeout(messageTimer.current);
    // A new id each time, so the same words (a second failure, say) are announced again.
    setMessage((current) => ({ id: (current?.id ?? 0) + 1, text, tone }));
    messageTimer.current = setTimeout(() => setMessage(null), SAFETY_MESSAGE_MS);
  };

  const setState = (kind: SignalKind, state: SignalState) => setStates((current) => ({ ...current, [kind]: state }));

  /** A sent signal's button rests for the cooldown, then can be sent again. */
  function rest(kind: SignalKind) {
    cooldownTimers.current[kind] = setTimeout(() => {
      busy.current[kind] = false;
      setState(kind, "ready");
    }, SAFETY_COOLDOWN_MS);
  }

  const send = async (kind: SignalKind) => {
    if (busy.current[kind]) return;
    busy.current[kind] = true;
    setState(kind, "sending");
    let ok = false;
    try {
      ok = await onSignal(kind);
    } catch {
      ok = false;
    }
    if (!mounted.current) return;
    if (!ok) {
      busy.current[kind] = false;
      setState(kind, "ready");
      show(t.safety.failed, "failed");
      return;
    }
    setState(kind, "sent");
    show(t.safety.confirmations[kind], "sent");
    rest(kind);
  };

  return (
    <aside className="safety-bar" aria-label={t.safety.label} ref={barRef}>
      <div className="safety-bar__inner">
        {/* A plain form, so the buttons work before the page's scripts arrive; with them, they send over the socket. */}
        <form className="safety-bar__actions" method="post" action={action}>
          <input type="hidden" name="intent" value="signal" />
          {SIGNALS.map((kind) => {
            const label = t.safety.signals[kind];
            const state = states[kind];
            return (
              <button
                key={kind}
                type="submit"
                name="kind"
                value={kind}
                className={`button safety-bar__button safety-bar__button--${state}`}
                aria-disabled={state !== "ready" || undefined}
                onClick={(event) => {
                  event.preventDefault();
                  void send(kind);
                }}
              >
                {state === "ready" ? label : null}
                {state === "sending" ? (
                  <>
                    {t.safety.sending}
                    <span className="visually-hidden">{t.safety.which(label)}</span>
                  </>
                ) : null}
                {state === "sent" ? (
                  <>
                    {t.safety.sent}
                    <span className="visually-hidden">{t.safety.which(label)}</span>
                  </>
                ) : null}
              </button>
            );
          })}
        </form>
        <div className="safety-bar__footer">
          <p className={`safety-bar__message${message ? ` safety-bar__message--${message.tone}` : ""}`} aria-live="polite">
            {message ? <span key={message.id}>{message.text}</span> : null}
          </p>
          <a className="safety-bar__help" href={helpHref}>
            {t.getHelp}
          </a>
        </div>
      </div>
    </aside>
  );
}
