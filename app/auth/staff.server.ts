import type { AppLoadContext } from "@remix-run/node";

import type { Account, Role } from "./roles";
import { requireAccount } from "./session.server";

/** What every organiser or facilitator page's header needs. */
export interface StaffHeaderData {
  account: Account;
  organisationName: string;
}

/** Signs the visitor in as at least `role` (see requireAccount) and returns the header's data. */
export function staffPage(request: Request, context: AppLoadContext, role: Role = "facilitator"): StaffHeaderData {
  const account = requireAccount(request, context, role);
  return { account, organisationName: context.beside.settings.get("organisationName") };
}
