/**
 * What every screen shows during a break. Nothing to do, nothing collected, no timer:
 * the session picks up on the same screen when the group is ready.
 */
export function BreakScreen({ size }: { size: "display" | "phone" }) {
  return (
    <section className={`break-screen break-screen--${size}`} role="status">
      <h1 className="break-screen__title" tabIndex={-1}>We're taking a short break</h1>
      <p>Stretch, get some water, or just sit for a while. There's nothing you need to do.</p>
      <p>The session will carry on here when everyone is ready.</p>
      {size === "phone" ? <p className="break-screen__hint">You can leave this page open: it updates by itself.</p> : null}
    </section>
  );
}
