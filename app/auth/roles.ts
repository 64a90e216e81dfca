/** Who can do what: facilitators run sessions; organisers also edit plans, see history and change settings. */
export const ROLES = ["organiser", "facilitator"] as const;
export type Role = (typeof ROLES)[number];

/** An account as pages see it: never its password hash. */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The language of their staff pages and console (a catalogue tag); null is English. */
  language: string | null;
}

/** True if an account with `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return needed === "facilitator" || role === "organiser";
}
