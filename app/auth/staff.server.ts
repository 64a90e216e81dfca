import type { AppLoadContext } from "@remix-run/node";

import type { Account, Role } from "./roles";
import { currentAccount, requireAccount } from "./session.server";

export { staffLanguageOf, staffStringsOf } from "./session.server";

/** What every organiser or facilitator page's header needs. */
export interface StaffHeaderData {
  account: Account;
  organisationName: string;
}

/** Signs the visitor in as at least `role` (see requireAccount) and returns the header's data. */
export async function staffPage(request: Request, context: AppLoadContext, role: Role = "facilitator"): Promise<StaffHeaderData> {
  const account = await requireAccount(request, context, role);
  return {
    account,
    organisationName: context.beside.settings.get("organisationName"),
  };
}

/** The header's data when someone is signed in, or null: a public page (the facilitator guide) shows the staff header only to staff. */
export async function staffHeaderIfSignedIn(request: Request, context: AppLoadContext): Promise<StaffHeaderData | null> {
  const account = await currentAccount(request, context);
  return account
    ? {
        account,
        organisationName: context.beside.settings.get("organisationName"),
      }
    : null;
}
