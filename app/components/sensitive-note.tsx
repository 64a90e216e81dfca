import { useStrings } from "~/strings";

/**
 * A content note on a sensitive slide: easy to see, gentle to read. The words come from the
 * slide (the plan's own, or DEFAULT_SENSITIVE_NOTE from the plan schema).
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
