import type { ConnectionStatus } from "~/realtime/use-run-socket";
import { useStrings } from "~/strings";

/** A small, polite indicator: screens recover on their own, this just says what is happening. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { room } = useStrings();
  return (
    <span className={`connection connection--${status}`} role="status" aria-live="polite">
      {room.connection[status]}
    </span>
  );
}
