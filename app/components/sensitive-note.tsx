import { useStrings } from "~/strings";

/**
 * A content note on a sensitive slide: easy to see, gentle to read. The words come from the
 * slide (the plan's own, or the note in the plan's language for `sensitive: true`).
 */
export function SensitiveNote({ note }: { note: string }) {
  const { room } = useStrings();
  return (
    <div className="sensitive-note" role="note">
      <p className="sensitive-note__label">{room.contentNote}</p>
      <p className="sensitive-note__text">{note}</p>
    </div>
  );
}
