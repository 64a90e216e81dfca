import { useStrings } from "~/strings";

/**
 * The calm offer of Get help a phone shows after its person sent words from the distress list (an answer or a
 * question). Only this phone shows it; nothing about it is sent anywhere.
 */
export function Nudge({ helpHref, onDismiss }: { helpHref: string; onDismiss: () => void }) {
  const t = useStrings().phone.nudge;
  return (
    <div className="notice nudge" role="status" data-testid="nudge">
      <p>{t.text}</p>
      <p className="nudge__private">{t.private}</p>
      <p className="nudge__actions">
        <a className="button button--quiet" href={helpHref}>
          {t.link}
        </a>
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t.dismiss}
        </button>
      </p>
    </div>
  );
}
