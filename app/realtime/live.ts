import type { AudienceLive, AudienceView } from "./events";

/** Applies a live update (released results, "I'm in" count) when it is about the slide on screen. */
export function withLive<V extends AudienceView>(view: V, { slideIndex, ...live }: AudienceLive): V {
  return view.slide.index === slideIndex ? { ...view, ...live } : view;
}
