import { useMatches } from "@remix-run/react";

/**
 * A route whose page is in a plan's language says so in its `handle`; the
 * page's `lang` is then the plan's, so a screen reader pronounces it rightly.
 */
export interface LanguageHandle {
  language(data: unknown): string | undefined;
}

/** For the pages of a run (console, display, phone): the language of the run's plan, once the page has the run. */
export const runLanguage: LanguageHandle = {
  language: (data) => (data as { view?: { run?: { language?: string } } } | null | undefined)?.view?.run?.language,
};

/** The deepest route's language, else English (Beside's own text). */
export function usePageLanguage(): string {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const language = (match.handle as Partial<LanguageHandle> | undefined)?.language?.(match.data);
    if (language) return language;
  }
  return "en";
}
