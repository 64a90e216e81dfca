import { createContext, useContext, useEffect, useState } from "react";

import type { en } from "./en";

/**
 * Beside's interface text, in one catalogue per language. English is the source; a translation is another
 * object of the same type (`satisfies Strings`), added to LOADERS. Plans bring their own text, in their own
 * language; this is everything else a page says.
 *
 * A page downloads only its own language's catalogue: each is a chunk of its own, which the browser loads
 * before the page comes to life (entry.client.tsx), and the server has every one at hand (catalogues.server.ts).
 */
export type Strings = typeof en;

/** The tag of the pseudo-locale: English accented, a third longer, and right to left. For development (decision 037). */
export const PSEUDO = "en-XB";

/** Beside's own languages, and the direction each is written in. */
export const DIRECTIONS: Readonly<Record<string, "ltr" | "rtl">> = { en: "ltr", es: "ltr", de: "ltr", [PSEUDO]: "rtl" };

/** The languages Beside speaks everywhere; the pseudo-locale only where the server allows it. */
export const LANGUAGES = ["en", "es", "de"] as const;

const LOADERS: Record<string, () => Promise<Strings>> = {
  en: () => import("./en").then((module) => module.en),
  es: () => import("./es").then((module) => module.es),
  de: () => import("./de").then((module) => module.de),
  [PSEUDO]: () => import("./pseudo").then((module) => module.pseudo),
};

const loaded = new Map<string, Strings>();

/**
 * The catalogue a page in `language` speaks: the tag itself, then its primary language ("es-MX" → "es"), among
 * the ones `available`, else English.
 */
export function catalogueTag(language: string, available: readonly string[] = LANGUAGES): string {
  const primary = language.split("-")[0]!.toLowerCase();
  for (const tag of [language, primary]) if (available.includes(tag)) return tag;
  return "en";
}

/** The locale a page in this catalogue writes dates in: its own, and British for Beside's English (it spells "organiser"). */
export function dateLocaleOf(tag: string): string {
  return tag === "en" ? "en-GB" : tag;
}

/** The writing direction of a page in this catalogue. */
export function directionOf(tag: string): "ltr" | "rtl" {
  return DIRECTIONS[tag] ?? "ltr";
}

/** Makes a catalogue at hand without loading it: the server does this for every one at start (catalogues.server.ts). */
export function registerCatalogue(tag: string, strings: Strings): void {
  loaded.set(tag, strings);
}

/** Loads a catalogue's chunk, once; an unknown tag loads English. */
export async function loadCatalogue(tag: string): Promise<Strings> {
  const known = loaded.get(tag);
  if (known) return known;
  const strings = await (LOADERS[tag] ?? LOADERS.en!)();
  loaded.set(tag, strings);
  return strings;
}

/** The first catalogue loaded: on a page, the one it was drawn in. */
export function anyLoadedCatalogue(): Strings {
  return loaded.values().next().value!;
}

/** A loaded catalogue, or undefined while it isn't. */
export function loadedCatalogue(tag: string): Strings | undefined {
  return loaded.get(tag);
}

/**
 * The catalogue for a page: at once when it is loaded; otherwise whichever is (the page's first language) while
 * this one loads, and then this one. A page reached in another language than the one it started in meets this.
 */
export function useCatalogue(tag: string): Strings {
  const [, setLoads] = useState(0);
  const strings = loaded.get(tag);
  useEffect(() => {
    if (!strings) void loadCatalogue(tag).then(() => setLoads((count) => count + 1));
  }, [tag, strings]);
  return strings ?? anyLoadedCatalogue();
}

const StringsContext = createContext<Strings | null>(null);

export const StringsProvider = StringsContext.Provider;

/** The page's interface text, in the page's language. */
export function useStrings(): Strings {
  const strings = useContext(StringsContext);
  if (!strings) throw new Error("useStrings needs the page's StringsProvider (app/root.tsx)");
  return strings;
}
