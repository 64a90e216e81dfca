import type { AudienceLive, AudienceView } from "./events";

/** Applies a live update (released results, "I'm in" count, released votes) when it is about the slide on screen. */
export function withLive<V extends AudienceView>(view: V, { slideIndex, ...live }: AudienceLive): V {
  return view.slide.index === slideIndex ? { ...view, ...live } : view;
}

/** The live part of a view, exactly as an `audience:live` update would carry it. */
export function liveOf({ slide, results, comparison, agreement, spotlight, questions }: AudienceView): AudienceLive {
  return { slideIndex: slide.index, results, comparison, agreement, spotlight, questions };
}
