import { useMatches } from "@remix-run/react";

/**
 * A participant's page (/j/CODE, /join, /help) says so in its route's `handle`: it then carries only app.css, the
 * styles a phone can show, and not room.css, what only the console, the display and the staff's pages use: a phone on
 * a weak signal downloads every page's styles with the page (docs/decisions/045-phone-stylesheet.md).
 */
export interface PhonePageHandle {
  phonePage: true;
}

/** Whether the page is a participant's: any of its routes says so (an error shown in the root's boundary too). */
export function usePhonePage(): boolean {
  return useMatches().some((match) => (match.handle as Partial<PhonePageHandle> | undefined)?.phonePage === true);
}
