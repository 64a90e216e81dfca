import type { Config } from "~/config/env.server";
import { parseAcceptLanguage } from "~/content/help-resources.server";

import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { catalogueTag, LANGUAGES, PSEUDO, registerCatalogue, type Strings } from "./index";
import { pseudo } from "./pseudo";

/**
 * Every catalogue, at hand on the server from the start: a page is drawn in its language without waiting, and
 * server code that must say something (a form refused before a page, a slide's measured height) says it in the
 * right one.
 */
const CATALOGUES: Record<string, Strings> = { en, es, de, [PSEUDO]: pseudo };
for (const [tag, strings] of Object.entries(CATALOGUES)) registerCatalogue(tag, strings);

/** The catalogues pages may speak: Beside's languages, and the pseudo-locale in development or where PSEUDO_LOCALE=on. */
export function availableCatalogues(config: Pick<Config, "NODE_ENV" | "PSEUDO_LOCALE">): readonly string[] {
  const pseudoAllowed = config.PSEUDO_LOCALE === "on" || (config.PSEUDO_LOCALE === undefined && config.NODE_ENV === "development");
  return pseudoAllowed ? [...LANGUAGES, PSEUDO] : LANGUAGES;
}

/** The catalogue for a language tag (a plan's, a staff member's, a browser's), and its tag. */
export function serverCatalogue(language: string, available: readonly string[] = LANGUAGES): { tag: string; strings: Strings } {
  const tag = catalogueTag(language, available);
  return { tag, strings: CATALOGUES[tag] ?? en };
}

/** The catalogue a browser asks for in its Accept-Language: its first language Beside speaks, else English. */
export function browserCatalogue(acceptLanguage: string | null | undefined, available: readonly string[] = LANGUAGES): { tag: string; strings: Strings } {
  const wanted = parseAcceptLanguage(acceptLanguage ?? null);
  const spoken = wanted.find((language) => available.includes(language) || available.includes(language.split("-")[0]!.toLowerCase()));
  return serverCatalogue(spoken ?? "en", available);
}
