import { useStrings } from "~/strings";
import type { JoinLinks } from "~/utils/join-links.server";

/**
 * How to join, for the room: the join page and the code in large type, and a
 * QR code of the run's own link. The QR code is an image with the link as its
 * name, so a screen reader says where it leads.
 */
export function JoinPanel({ links, code, size }: { links: JoinLinks; code: string; size: "console" | "display" }) {
  const t = useStrings().room.join;
  return (
    <div className={`join-panel join-panel--${size}`}>
      <div
        className="join-panel__qr"
        role="img"
        aria-label={t.qr(links.url)}
        data-testid="join-qr"
        // Generated on the server by the qrcode package from the run's URL: no user text reaches it.
        dangerouslySetInnerHTML={{ __html: links.qrSvg }}
      />
      <p className="join-panel__text">
        <span>
          {t.at} <strong>{links.page}</strong>
        </span>
        <span>
          {t.withCode} <strong className="code join-panel__code">{code}</strong>
        </span>
      </p>
    </div>
  );
}
