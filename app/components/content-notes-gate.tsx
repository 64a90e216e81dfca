/**
 * What a participant's phone shows before they enter a session: what it touches on, that they can
 * pass or step out at any time, and that their answers are anonymous. Joining is one tap; so is
 * getting help; closing the page is always fine too.
 */
export function ContentNotesGate({
  planTitle,
  contentNotes,
  helpHref,
  onEnter,
}: {
  planTitle: string;
  contentNotes: string[];
  helpHref: string;
  onEnter: () => void;
}) {
  return (
    <section className="content-notes-gate" aria-labelledby="content-notes-gate-title">
      <p className="content-notes-gate__eyebrow">Before you join</p>
      <h1 id="content-notes-gate-title" className="content-notes-gate__title">
        {planTitle}
      </h1>
      {contentNotes.length > 0 ? (
        <div className="content-notes-gate__notes">
          <p>This session touches on:</p>
          <ul>
            {contentNotes.map((note, i) => (
              <li key={`${i}:${note}`}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>You can pass on any question and step out at any time.</p>
      <p>Your answers are anonymous: nobody, the facilitator included, can see what you answered.</p>
      <p className="content-notes-gate__quiet">If today isn't the right day for this, it's fine to close this page.</p>
      <div className="content-notes-gate__actions">
        {/* A plain form, so it works before the page's scripts arrive; with them, it enters at once. */}
        <form
          method="post"
          onSubmit={(event) => {
            event.preventDefault();
            onEnter();
          }}
        >
          <button type="submit" className="button button--primary button--wide">
            Join the session
          </button>
        </form>
        <a className="button button--quiet button--wide" href={helpHref}>
          Get help
        </a>
      </div>
    </section>
  );
}
