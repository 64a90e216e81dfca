import { useCallback, useRef } from "react";

/**
 * How far the display's type may shrink when a slide doesn't fit at its full size, in the steps it takes.
 * The stylesheet never lets text go below the readable minimum (`--min-text`, DISPLAY_MIN_TEXT): past it,
 * only the boxes sized by the canvas (charts, the breathing circle, gaps) keep shrinking.
 */
export const FIT_STEPS = [1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5, 0.45] as const;

/** Whether everything in the box is inside it: nothing runs past its bottom or its right edge. */
function fits(box: HTMLElement): boolean {
  return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
}

/** Sets the box's `--fit` to the largest step at which its content fits (the last step if none does). */
export function fitBox(box: HTMLElement): number {
  let chosen: number = FIT_STEPS[FIT_STEPS.length - 1]!;
  for (const step of FIT_STEPS) {
    box.style.setProperty("--fit", String(step));
    if (fits(box)) {
      chosen = step;
      break;
    }
  }
  box.dataset.fit = String(chosen);
  return chosen;
}

/**
 * A ref for a fixed-size box whose content must all show (the display's slide): its type is set as large as
 * fits, like a presentation tool's "shrink text on overflow". Measured again when the box changes size (another
 * window size, the join line growing or shrinking) and when its content changes (another slide, results, the
 * countdown), before the browser paints, so nobody sees the overflowing version.
 */
export function useFit<T extends HTMLElement>(): (box: T | null) => void {
  const stop = useRef<() => void>();
  return useCallback((box: T | null) => {
    stop.current?.();
    stop.current = undefined;
    if (!box || typeof ResizeObserver === "undefined") return;
    const refit = () => {
      // Already at full size and fitting: a tick of the countdown or the breathing words changes nothing.
      if (box.style.getPropertyValue("--fit") === "1" && fits(box)) return;
      fitBox(box);
    };
    fitBox(box);
    // The box's own size: only the window and the join line change it, never the fitting inside it.
    const resized = new ResizeObserver(() => fitBox(box));
    resized.observe(box);
    // What is inside: React's changes land here as mutations, measured before the next paint. Not styles:
    // fitting sets one on the box, and a bar's width or the breathing circle's pace changes no height.
    const changed = new MutationObserver(refit);
    changed.observe(box, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
    stop.current = () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, []);
}
