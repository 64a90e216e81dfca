import type { ReactNode } from "react";

import { useStrings, type Strings } from "~/strings";

/**
 * The group agreement: the agreements, how many have said "I'm in" (when known), and a slot for
 * the phone's "I'm in" button. Only ever a count of who is in: never how many are not, so
 * nobody can be picked out for not tapping.
 */
export function AgreementList({
  agreements,
  inCount,
  size,
  children,
}: {
  agreements: string[];
  inCount: number | null;
  size: "display" | "phone";
  children?: ReactNode;
}) {
  const { room } = useStrings();
  return (
    <section className={`agreement agreement--${size}`} aria-label={room.agreement.label}>
      <ul className="agreement__list">
        {agreements.map((agreement, i) => (
          <li key={`${i}:${agreement}`}>{agreement}</li>
        ))}
      </ul>
      {inCount !== null ? <p className="agreement__count">{describeInCount(room, inCount)}</p> : null}
      {children ? <div className="agreement__action">{children}</div> : null}
    </section>
  );
}

/** "3 are in", "1 is in", or a gentle wait before the first one. */
export function describeInCount(room: Strings["room"], count: number): string {
  if (!Number.isFinite(count) || count <= 0) return room.agreement.waiting;
  return room.agreement.inCount(Math.floor(count));
}
