import { useStrings } from "~/strings";

/**
 * What every screen shows during a break. Nothing to do, nothing collected, no timer:
 * the session picks up on the same screen when the group is ready.
 */
export function BreakScreen({ size }: { size: "display" | "phone" }) {
  const t = useStrings().room.break;
  return (
    <section className={`break-screen break-screen--${size}`} role="status">
      <h1 className="break-screen__title" tabIndex={-1}>
        {t.title}
      </h1>
      <p>{t.rest}</p>
      <p>{t.carryOn}</p>
      {size === "phone" ? <p className="break-screen__hint">{t.phoneHint}</p> : null}
    </section>
  );
}
