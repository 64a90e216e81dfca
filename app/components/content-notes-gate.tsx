import { useStrings } from "~/strings";

/**
 * What a participant's phone shows before they enter a session: what it touches on, that they can
 * pass or step out at any time, and that their answers are anonymous. Joining is one tap; so is
 * getting help; closing the page is always fine too.
 */
export function ContentNotesGate({
  planTitle,
  contentNotes,
  helpHref,
  action,
  onEnter,
}: {
  planTitle: string;
  contentNotes: string[];
  helpHref: string;
  /** Where the form posts without scripts: the session's page. */
  action: string;
  onEnter: () => void;
}) {
  const t = useStrings().phone;
  return (
    <section className="content-notes-gate" aria-labelledby="content-notes-gate-title">
      <p className="content-notes-gate__eyebrow">{t.gate.eyebrow}</p>
      <h1 id="content-notes-gate-title" className="content-notes-gate__title">
        {planTitle}
      </h1>
      {contentNotes.length > 0 ? (
        <div className="content-notes-gate__notes">
          <p>{t.gate.touchesOn}</p>
          <ul>
            {contentNotes.map((note, i) => (
              <li key={`${i}:${note}`}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{t.gate.pass}</p>
      <p>{t.gate.anonymous}</p>
      <p className="content-notes-gate__quiet">{t.gate.quiet}</p>
      <div className="content-notes-gate__actions">
        {/* A plain form, so it works before the page's scripts arrive; with them, it enters at once. */}
        <form
          method="post"
          action={action}
          onSubmit={(event) => {
            event.preventDefault();
            onEnter();
          }}
        >
          <input type="hidden" name="intent" value="enter" />
          <button type="submit" className="button button--primary button--wide">
            {t.gate.join}
          </button>
        </form>
        <a className="button button--quiet button--wide" href={helpHref}>
          {t.getHelp}
        </a>
      </div>
    </section>
  );
}
