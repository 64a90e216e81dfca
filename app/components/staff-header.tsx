import { Form, NavLink } from "@remix-run/react";

import type { Account } from "~/auth/roles";
import { useStaffStrings } from "~/strings/staff";

/** The header of every organiser and facilitator page: where they are, what their role lets them open, and sign out. */
export function StaffHeader({ account, organisationName }: { account: Account; organisationName: string }) {
  const t = useStaffStrings().staff.header;
  const organiser = account.role === "organiser";
  return (
    <header className="page-header staff-header">
      <p className="brand">
        Beside{organisationName ? <span className="staff-header__org"> · {organisationName}</span> : null}
      </p>
      <nav aria-label={t.nav}>
        <NavLink to="/library" end>
          {t.library}
        </NavLink>
        {organiser ? <NavLink to="/accounts">{t.accounts}</NavLink> : null}
        {organiser ? <NavLink to="/settings">{t.settings}</NavLink> : null}
        <NavLink to="/guide">{t.guide}</NavLink>
        <NavLink to="/account">{account.name}</NavLink>
        <Form method="post" action="/logout" className="staff-header__sign-out">
          <button type="submit" className="button button--quiet button--small">
            {t.signOut}
          </button>
        </Form>
      </nav>
    </header>
  );
}
