import { staffDe } from "./de/staff-pages";
import { staffEn } from "./en/staff-pages";
import { staffEs } from "./es/staff-pages";
import { PSEUDO } from "./index";
import { pseudoOf } from "./pseudo-text";

/**
 * The staff pages' text in every one of Beside's languages. Staff pages run on laptops, so they bring them all
 * in this one module; only staff pages and server code import it, never a phone's or the display's.
 */
export type StaffStrings = typeof staffEn;

const STAFF: Record<string, StaffStrings> = {
  en: staffEn,
  es: staffEs,
  de: staffDe,
  [PSEUDO]: pseudoOf(staffEn),
};

/** Each of Beside's languages named in itself, as a staff member picks theirs (the /account page). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: "English",
  es: "Español",
  de: "Deutsch",
  [PSEUDO]: "Pseudo (en-XB)",
};

/** The staff pages' text for a page's catalogue tag (app/strings/index.ts), English for one Beside hasn't. */
export function staffStringsFor(tag: string): StaffStrings {
  return STAFF[tag] ?? staffEn;
}
