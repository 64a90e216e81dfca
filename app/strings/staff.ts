import { staffEn } from "./en/staff-pages";

/**
 * The text of the organisers' and facilitators' pages, kept apart from the
 * run's catalogue (./index.ts) so a participant's phone doesn't download it.
 * These pages are in Beside's own language, English only: the hook is for
 * components, while loaders, actions and services read `staffEn` directly.
 * A translation would have to reach those too (a language per request), not
 * only this hook.
 */
export type StaffStrings = typeof staffEn;

export function useStaffStrings(): StaffStrings {
  return staffEn;
}
