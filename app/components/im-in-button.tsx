import { useEffect, useRef, useState } from "react";

import { useStrings } from "~/strings";

/**
 * The phone's "I'm in" for the group agreement. Tapping is optional and stays that way: no
 * countdown, no reminder, nothing that tells anyone who hasn't tapped. While sending, the button
 * is disabled (aria-disabled, so it keeps keyboard focus); once in, it thanks the person.
 */
export function ImInButton({
  action,
  slideIndex,
  agreed,
  failedByForm = false,
  onAgree,
}: {
  /** Where the button posts without scripts: the session's page. */
  action: string;
  slideIndex: number;
  agreed: boolean;
  /** The page came back from a post of this button that was refused. */
  failedByForm?: boolean;
  onAgree: () => Promise<boolean>;
}) {
  const t = useStrings().phone.imIn;
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState(failedByForm);
  const mounted = useRef(true);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const moveFocus = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const isIn = agreed || done;

  // The button goes away once in: hand its focus to the thank-you, so keyboard and screen reader users aren't dropped.
  useEffect(() => {
    if (isIn && moveFocus.current) {
      moveFocus.current = false;
      thanksRef.current?.focus();
    }
  }, [isIn]);

  const agree = async () => {
    if (sending || isIn) return;
    setSending(true);
    setFailed(false);
    let ok = false;
    try {
      ok = await onAgree();
    } catch {
      ok = false;
    }
    if (!mounted.current) return;
    setSending(false);
    if (ok) {
      moveFocus.current = typeof document !== "undefined" && document.activeElement === buttonRef.current;
      setDone(true);
    } else {
      setFailed(true);
    }
  };

  return (
    <div className="im-in">
      {isIn ? null : (
        // A plain form, so it works before the page's scripts arrive; with them, it sends over the socket.
        <form method="post" action={action}>
          <input type="hidden" name="slideIndex" value={slideIndex} />
          <button
            ref={buttonRef}
            type="submit"
            name="intent"
            value="agree"
            className="button button--primary button--wide im-in__button"
            aria-disabled={sending || undefined}
            onClick={(event) => {
              event.preventDefault();
              void agree();
            }}
          >
            {sending ? t.sending : t.button}
          </button>
          <p className="im-in__hint">{t.hint}</p>
        </form>
      )}
      <div className="im-in__status" aria-live="polite">
        {isIn ? (
          <p className="im-in__thanks" ref={thanksRef} tabIndex={-1}>
            {t.thanks}
          </p>
        ) : failed ? (
          <p className="im-in__failed">{t.failed}</p>
        ) : null}
      </div>
    </div>
  );
}
