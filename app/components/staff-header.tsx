import { Form, NavLink } from "@remix-run/react";

import type { Account } from "~/auth/roles";

/** The header of every organiser and facilitator page: where they are, what their role lets them open, and sign out. */
export function StaffHeader({ account, organisationName }: { account: Account; organisationName: string }) {
  const organiser = account.role === "organiser";
  return (
    <header className="page-header staff-header">
      <p className="brand">
        Beside{organisationName ? <span className="staff-header__org"> · {organisationName}</span> : null}
      </p>
      <nav aria-label="Main">
        <NavLink to="/library" end>
          Library
        </NavLink>
        {organiser ? <NavLink to="/accounts">Accounts</NavLink> : null}
        {organiser ? <NavLink to="/settings">Settings</NavLink> : null}
        <NavLink to="/account">{account.name}</NavLink>
        <Form method="post" action="/logout" className="staff-header__sign-out">
          <button type="submit" className="button button--quiet button--small">
            Sign out
          </button>
        </Form>
      </nav>
    </header>
  );
}
