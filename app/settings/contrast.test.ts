import { describe, expect, it } from "vitest";

import { contrastRatio, formatRatio, mix, relativeLuminance } from "./contrast";

describe("contrastRatio", () => {
  it("gives the WCAG ratios of known pairs, in either order", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#ffffff", "#000000")).toBe(21);
    expect(contrastRatio("#123456", "#123456")).toBe(1);
    // The grey that famously just misses AA on white, and the one that just passes.
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ff0000", "#ffffff")).toBeCloseTo(4.0, 2);
    // Beside's own colours pass what the settings ask of an organisation's.
    expect(contrastRatio("#1f2a30", "#f7f5f0")).toBeGreaterThan(4.5);
    expect(contrastRatio("#1b6560", "#f7f5f0")).toBeGreaterThan(3);
  });

  it("reads upper- and lower-case hex alike, and refuses anything that isn't #rrggbb", () => {
    expect(contrastRatio("#FFFFFF", "#000000")).toBe(21);
    expect(relativeLuminance("#ffffff")).toBe(1);
    expect(() => relativeLuminance("#fff")).toThrow();
    expect(() => relativeLuminance("red")).toThrow();
  });
});

describe("formatRatio", () => {
  it("rounds down, so a ratio just under the minimum never reads as meeting it", () => {
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
    expect(formatRatio(4.4999)).toBe("4.49:1");
    expect(formatRatio(21)).toBe("21.00:1");
  });
});

describe("mix", () => {
  it("blends two colours channel by channel", () => {
    expect(mix("#000000", "#ffffff", 1)).toBe("#000000");
    expect(mix("#000000", "#ffffff", 0)).toBe("#ffffff");
    expect(mix("#000000", "#ffffff", 0.5)).toBe("#808080");
    expect(mix("#ff0000", "#0000ff", 0.25)).toBe("#4000bf");
  });
});
