/**
 * Where the console's one Next (or Previous) goes while approved answers are read aloud, as a presentation remote
 * steps through a slide's builds before the slide: the next approved entry (in the order the display shows them),
 * and only past the last one (or before the first) the next (or previous) slide.
 *
 * Returns the entry to read aloud next, or null when the press should move the slide: nothing is being read aloud,
 * the entry read is no longer approved, or the reading is at its end in that direction.
 */
export function readAloudStep(approved: readonly string[], reading: string | null, by: 1 | -1): string | null {
  if (reading === null) return null;
  const at = approved.indexOf(reading);
  if (at < 0) return null;
  return approved[at + by] ?? null;
}
