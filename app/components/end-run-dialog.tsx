import { useRef } from "react";

import { useConsoleStrings } from "~/strings/console";

/**
 * "End run" and the modal dialog that asks first. The native dialog keeps
 * focus inside it and closes on Escape; "Keep the session going" has the
 * focus, so a stray Enter ends nothing.
 */
export function EndRunButton({ disabled, onEnd }: { disabled: boolean; onEnd: () => void }) {
  const t = useConsoleStrings().endDialog;
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => dialog.current?.showModal()} disabled={disabled}>
        {t.open}
      </button>
      <dialog
        ref={dialog}
        className="end-run"
        aria-labelledby="end-run-title"
        aria-describedby="end-run-text"
        onClose={(event) => {
          if (event.currentTarget.returnValue === "end") onEnd();
          event.currentTarget.returnValue = "";
        }}
      >
        <h2 id="end-run-title">{t.title}</h2>
        <p id="end-run-text">{t.text}</p>
        <form method="dialog" className="end-run__actions">
          <button type="submit" value="keep" className="button button--primary" autoFocus>
            {t.keep}
          </button>
          <button type="submit" value="end" className="button">
            {t.end}
          </button>
        </form>
      </dialog>
    </>
  );
}
