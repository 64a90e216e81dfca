import { useEffect, useRef, useState } from "react";

import { useConsoleStrings } from "~/strings/console";

/** The size the display is drawn at inside the thumbnail: a 16:9 projector's, scaled down to fit. */
const DISPLAY_WIDTH = 1280;
const DISPLAY_HEIGHT = 720;

/**
 * What the room sees, on the console: the audience display itself, drawn in a frame at a projector's size and
 * scaled down (decision 027), so it follows every change as the room's display does, in the same rendering. It is
 * a picture for the facilitator: screen readers and the keyboard pass it by (the console says the same in words),
 * and it takes no clicks, so a remote's keys always reach the console. Beside it, whether the room has a display
 * at all: `displays` is null until the server has said.
 */
export function DisplayPreview({ code, displays }: { code: string; displays: number | null }) {
  const t = useConsoleStrings();
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.25);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const fit = () => setScale(element.clientWidth / DISPLAY_WIDTH);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <section aria-labelledby="display-preview-title" className="display-preview" data-testid="display-preview">
      <h2 id="display-preview-title">{t.onDisplay}</h2>
      {/* Announced as it changes (a live region, not a status: the console's own connection is its one status). */}
      <p aria-live="polite" aria-atomic="true" className={`display-preview__state${displays === 0 ? " display-preview__state--none" : ""}`} data-testid="display-state">
        {displays === null ? null : t.displays(displays)}
      </p>
      <div ref={box} className="display-preview__frame">
        <iframe
          src={`/display/${code}?preview=1`}
          title={t.previewTitle}
          aria-hidden="true"
          tabIndex={-1}
          width={DISPLAY_WIDTH}
          height={DISPLAY_HEIGHT}
          style={{ transform: `scale(${scale})` }}
        />
      </div>
      {displays === 0 ? <p className="display-preview__hint">{t.noDisplayHint}</p> : null}
    </section>
  );
}
