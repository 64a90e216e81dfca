import { describe, expect, it } from "vitest";

import { contrastRatio } from "./contrast";
import { DISPLAY_THEMES, displayTheme, displayThemeName, themeColours } from "./display-theme";

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

describe("display themes", () => {
  const organisation = { background: "#fffbe8", text: "#222222", accent: "#8a2be2" };

  it("reads a theme from the address, and falls back to light", () => {
    expect(displayThemeName("dark")).toBe("dark");
    expect(displayThemeName("high-contrast")).toBe("high-contrast");
    expect(displayThemeName("neon")).toBe("light");
    expect(displayThemeName(null)).toBe("light");
  });

  it("keeps the organisation's colours in the light theme only", () => {
    expect(themeColours("light", organisation)).toBe(organisation);
    expect(themeColours("light", null)).toBeNull();
    expect(themeColours("dark", organisation)).not.toBe(organisation);
  });

  it.each(DISPLAY_THEMES.filter((name) => name !== "light"))("gives the %s theme text at AAA and bars at 3:1", (name) => {
    const colours = themeColours(name, organisation)!;
    expect(contrastRatio(colours.text, colours.background)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(colours.accent, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(displayTheme(colours)).toMatchObject({ colorScheme: "dark" });
  });
});
