import { useMatches, useRouteLoaderData } from "@remix-run/react";

import { anyLoadedCatalogue, catalogueTag, directionOf, loadedCatalogue, type Strings } from "~/strings";

/**
 * A route whose page is in a plan's language says so in its `handle`; the page then speaks the plan's language
 * (its catalogue, else English), and its `lang` says so, so a screen reader pronounces it rightly.
 */
export interface LanguageHandle {
  language(data: unknown): string | undefined;
}

/** For the pages of a run (console, display, phone): the language of the run's plan, once the page has the run. */
export const runLanguage: LanguageHandle = {
  language: (data) => (data as { view?: { run?: { language?: string } } } | null | undefined)?.view?.run?.language,
};

/** What the root loader tells every page about languages (app/root.tsx). */
export interface PageLanguages {
  /** The catalogues this server's pages may speak. */
  catalogues: readonly string[];
  /**
   * The one a page without a language of its own speaks: a signed-in staff member's (their account's), else the
   * browser's first that Beside has, else English.
   */
  preferred: string;
}

/** The page's catalogue tag and direction: the deepest route's language, else the browser's, among those the server allows. */
export function usePageLanguage(): { tag: string; dir: "ltr" | "rtl" } {
  const matches = useMatches();
  const languages = useRouteLoaderData<PageLanguages>("root");
  let language = languages?.preferred ?? "en";
  for (const match of [...matches].reverse()) {
    const own = (match.handle as Partial<LanguageHandle> | undefined)?.language?.(match.data);
    if (own) {
      language = own;
      break;
    }
  }
  const tag = catalogueTag(language, languages?.catalogues);
  return { tag, dir: directionOf(tag) };
}

/** The catalogue tag a route's `meta` writes the page's title in: the page's own, as the page itself. */
export function metaTag(matches: ReadonlyArray<{ id: string; data: unknown }>, language?: string): string {
  const languages = matches.find((match) => match.id === "root")?.data as PageLanguages | undefined;
  return catalogueTag(language ?? languages?.preferred ?? "en", languages?.catalogues);
}

/** The catalogue a route's `meta` writes the page's title with. */
export function metaStrings(matches: ReadonlyArray<{ id: string; data: unknown }>, language?: string): Strings {
  return loadedCatalogue(metaTag(matches, language)) ?? anyLoadedCatalogue();
}
