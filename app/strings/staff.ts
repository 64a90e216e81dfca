import { metaTag, usePageLanguage } from "~/utils/page-language";

import { staffStringsFor, type StaffStrings } from "./staff-catalogues";

export { LANGUAGE_NAMES, staffStringsFor, type StaffStrings } from "./staff-catalogues";

/**
 * The text of the organisers' and facilitators' pages, kept apart from the run's catalogue (./index.ts) so a
 * participant's phone doesn't download it. A staff page speaks its staff member's language (a setting on their
 * account); a signed-out one (sign in, setup) the browser's. The root loader makes it the page's language
 * (app/auth/staff.server.ts), so the hook and the page's <html lang> agree.
 */
export function useStaffStrings(): StaffStrings {
  return staffStringsFor(usePageLanguage().tag);
}

/** The staff pages' text a route's `meta` writes the page's title with: the page's own language. */
export function metaStaffStrings(matches: ReadonlyArray<{ id: string; data: unknown }>): StaffStrings {
  return staffStringsFor(metaTag(matches));
}
