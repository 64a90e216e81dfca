import { describe, expect, it } from "vitest";

import { contrastRatio } from "./contrast";
import { displayTheme } from "./display-theme";

describe("displayTheme", () => {
  it("keeps Beside's colours when the organisation has none", () => {
    expect(displayTheme(null)).toBeUndefined();
  });

  it("sets the chosen colours and blends hints that still read at 4.5:1, even when text only just passes", () => {
    const theme = displayTheme({ background: "#ffffff", text: "#767676", accent: "#0050a0" }) as Record<string, string>;
    expect(theme).toMatchObject({ "--bg": "#ffffff", "--ink": "#767676", "--accent": "#0050a0", "--accent-ink": "#ffffff" });
    expect(contrastRatio(theme["--muted"]!, "#ffffff")).toBeGreaterThanOrEqual(4.5);

    const dark = displayTheme({ background: "#101820", text: "#f0f0f0", accent: "#ffcc33" }) as Record<string, string>;
    expect(dark["--accent-ink"]).toBe("#000000");
    expect(contrastRatio(dark["--muted"]!, "#101820")).toBeGreaterThanOrEqual(4.5);
    expect(dark["--muted"]).not.toBe("#f0f0f0");
  });
});
