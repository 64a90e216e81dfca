import type { ConnectionStatus } from "~/realtime/use-run-socket";

const labels: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  online: "Connected",
  offline: "Offline — reconnecting",
  refused: "Not connected",
};

/** A small, polite indicator: screens recover on their own, this just says what is happening. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`connection connection--${status}`} role="status" aria-live="polite">
      {labels[status]}
    </span>
  );
}
