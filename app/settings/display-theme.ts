import type { CSSProperties } from "react";

import { contrastRatio, MIN_TEXT_CONTRAST, mix, relativeLuminance } from "./contrast";

/** Colours for the audience display; null keeps Beside's own. */
export interface DisplayColours {
  background: string;
  text: string;
  accent: string;
}

/** Beside's own display colours (the :root of app/styles/app.css), where the settings form starts. */
export const BESIDE_COLOURS: DisplayColours = { background: "#f7f5f0", text: "#1f2a30", accent: "#1b6560" };

/** The display's themes: the room's light (Beside's or the organisation's colours), dark, and high contrast. */
export const DISPLAY_THEMES = ["light", "dark", "high-contrast"] as const;
export type DisplayThemeName = (typeof DISPLAY_THEMES)[number];

/** Dark for a dim room; high contrast is white on black with yellow, the most a projector can give. */
const THEME_COLOURS: Record<Exclude<DisplayThemeName, "light">, DisplayColours> = {
  dark: { background: "#11191d", text: "#eef2f0", accent: "#7fd1c7" },
  "high-contrast": { background: "#000000", text: "#ffffff", accent: "#ffff00" },
};

/** A theme named in the display's address (`?theme=dark`); anything else is the light theme. */
export function displayThemeName(value: string | null): DisplayThemeName {
  return DISPLAY_THEMES.find((name) => name === value) ?? "light";
}

/** The display's colours in a theme: the light theme keeps the organisation's colours, if it chose any. */
export function themeColours(name: DisplayThemeName, organisation: DisplayColours | null): DisplayColours | null {
  return name === "light" ? organisation : THEME_COLOURS[name];
}

/**
 * The CSS custom properties that give a display an organisation's colours.
 * The display's stylesheet also uses softer shades (hints, lines, the empty
 * part of a bar): they are blended from the three chosen colours, the hints
 * no lighter than still reads at 4.5:1. Undefined keeps Beside's colours.
 */
export function displayTheme(colours: DisplayColours | null): CSSProperties | undefined {
  if (!colours) return undefined;
  const { background, text, accent } = colours;
  const muted = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]
    .map((weight) => mix(text, background, weight))
    .find((shade) => contrastRatio(shade, background) >= MIN_TEXT_CONTRAST)!;
  const accentInk = contrastRatio("#ffffff", accent) >= contrastRatio("#000000", accent) ? "#ffffff" : "#000000";
  return {
    "--bg": background,
    "--surface": background,
    "--ink": text,
    "--muted": muted,
    "--line": mix(text, background, 0.2),
    "--accent": accent,
    "--accent-ink": accentInk,
    "--accent-soft": mix(accent, background, 0.18),
    // The page's text colour is set on <body>, outside the display: set it again where the colours change.
    color: "var(--ink)",
    background: "var(--bg)",
    colorScheme: relativeLuminance(background) < 0.2 ? "dark" : "light",
  } as CSSProperties;
}
