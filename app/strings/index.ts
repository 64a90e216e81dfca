import { createContext, useContext } from "react";

import { en } from "./en";

/**
 * Beside's interface text, in one catalogue per language. English is the
 * source; a translation is another object of the same type (`satisfies
 * Strings`), added to CATALOGUES. Plans bring their own text, in their own
 * language; this is everything else a page says.
 */
export type Strings = typeof en;

const CATALOGUES: Record<string, Strings> = { en };

/** The catalogue for a language tag: the tag itself, then its primary language ("en-GB" → "en"), else English. */
export function catalogueFor(language: string): { language: string; strings: Strings } {
  const primary = language.split("-")[0]!.toLowerCase();
  for (const tag of [language, primary]) {
    const strings = CATALOGUES[tag];
    if (strings) return { language: tag, strings };
  }
  return { language: "en", strings: en };
}

const StringsContext = createContext<Strings>(en);

export const StringsProvider = StringsContext.Provider;

/** The page's interface text, in the page's language. */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
