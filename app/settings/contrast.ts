/**
 * Contrast between two colours as WCAG 2.2 defines it (relative luminance of
 * sRGB, ratio from 1 to 21). Shared by the settings form in the browser and
 * its action, so a room is never given colours it can't read.
 */

/** Normal text needs 4.5:1 (WCAG 2.2 AA, 1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;
/** Bars and other graphics need 3:1 against what is next to them (WCAG 2.2 AA, 1.4.11). */
export const MIN_ACCENT_CONTRAST = 3;

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

type Rgb = [number, number, number];

/** #rrggbb as three 0–255 channels; throws on anything else, so check with HEX_COLOUR first. */
export function rgbOf(hex: string): Rgb {
  if (!HEX_COLOUR.test(hex)) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as Rgb;
}

function hexOf(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance: 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (the same) to 21 (black and white); order doesn't matter. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A ratio as people read it, rounded down so 4.49 never shows as the 4.5 it misses: "4.49:1". */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/** `a` blended into `b`, `weight` of it a (1 = all a), channel by channel in sRGB. */
export function mix(a: string, b: string, weight: number): string {
  const [ca, cb] = [rgbOf(a), rgbOf(b)];
  return hexOf(ca.map((channel, i) => channel * weight + cb[i]! * (1 - weight)) as Rgb);
}
