import { useEffect, useRef } from "react";

import { SHORTCUTS } from "~/runs/shortcuts";
import { useConsoleStrings } from "~/strings/console";

/** The console's shortcuts and a link to the facilitator guide, in a modal dialog: Escape or the button closes it and focus goes back where it was. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useConsoleStrings().shortcuts;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <h2 id="shortcut-help-title">{t.title}</h2>
      <dl className="shortcut-help__list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action}>
            <dt>
              {shortcut.labels.map((label, i) => (
                <span key={label}>
                  {i > 0 ? t.or : null}
                  <kbd>{label}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t.actions[shortcut.action]}</dd>
          </div>
        ))}
      </dl>
      <p className="shortcut-help__note">{t.remote}</p>
      <p className="shortcut-help__note">
        {/* A new tab: the console keeps the room's place while the facilitator reads. */}
        <a href="/guide" target="_blank" rel="noopener">
          {t.guide}
        </a>
      </p>
      <form method="dialog">
        <button type="submit" className="button button--primary" autoFocus>
          {t.close}
        </button>
      </form>
    </dialog>
  );
}
