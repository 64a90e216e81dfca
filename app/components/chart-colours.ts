import { contrastRatio, mix } from "~/settings/contrast";

/** The lightest and darkest shades of the ordered (sequential) palette: one hue, Beside's teal, light to dark. */
export const ORDERED_LIGHTEST = "#d5ece8";
export const ORDERED_DARKEST = "#0b3a35";

/** A colour with the label colour that reads on it. */
export interface Swatch {
  background: string;
  ink: string;
}

/**
 * Colours for the values of an ordered scale, lowest first: one hue from light
 * to dark, so 1 to 5 reads as a rising order without a legend, in grey as in
 * colour, whatever the colour vision. Each label is black or white, whichever
 * reads better (never under 4.5:1).
 */
export function orderedSwatches(count: number): Swatch[] {
  return Array.from({ length: count }, (_, i) => {
    const background = mix(ORDERED_DARKEST, ORDERED_LIGHTEST, count === 1 ? 1 : i / (count - 1));
    const ink = contrastRatio("#ffffff", background) >= contrastRatio("#000000", background) ? "#ffffff" : "#000000";
    return { background, ink };
  });
}
