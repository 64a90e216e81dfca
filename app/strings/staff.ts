import { staffEn } from "./en/staff-pages";

/**
 * The text of the organisers' and facilitators' pages, kept apart from the
 * run's catalogue (./index.ts) so a participant's phone doesn't download it.
 * These pages are in Beside's own language, English until a translation is
 * added here the way ./index.ts adds one.
 */
export type StaffStrings = typeof staffEn;

export function useStaffStrings(): StaffStrings {
  return staffEn;
}
