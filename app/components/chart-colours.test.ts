import { describe, expect, it } from "vitest";

import { contrastRatio, MIN_TEXT_CONTRAST, relativeLuminance } from "~/settings/contrast";

import { orderedSwatches } from "./chart-colours";

describe("orderedSwatches", () => {
  // Scales in a plan go from 0 or 1 up to 2…10: 2 to 11 values.
  const sizes = Array.from({ length: 10 }, (_, i) => i + 2);

  it.each(sizes)("darkens step by step over %i values, so their order shows without hue", (count) => {
    const luminances = orderedSwatches(count).map((swatch) => relativeLuminance(swatch.background));
    expect(luminances).toHaveLength(count);
    for (let i = 1; i < count; i++) expect(luminances[i]!).toBeLessThan(luminances[i - 1]!);
  });

  it.each(sizes)("labels each of %i values in black or white at 4.5:1 or more", (count) => {
    for (const { background, ink } of orderedSwatches(count)) {
      expect(contrastRatio(ink, background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it("spans light to dark: the ends differ by at least 3:1, as graphics next to each other should", () => {
    const [first, last] = [orderedSwatches(5)[0]!, orderedSwatches(5)[4]!];
    expect(contrastRatio(first.background, last.background)).toBeGreaterThanOrEqual(3);
  });
});
