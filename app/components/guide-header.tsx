import { Link, NavLink } from "@remix-run/react";

import type { StaffHeaderData } from "~/auth/staff.server";
import { useStaffStrings } from "~/strings/staff";

import { StaffHeader } from "./staff-header";

/** The guide's header: the staff header for someone signed in; for a visitor, the brand, the guide and a way to sign in. */
export function GuideHeader({ staff }: { staff: StaffHeaderData | null }) {
  const t = useStaffStrings().guide;
  if (staff) return <StaffHeader {...staff} />;
  return (
    <header className="page-header staff-header">
      <p className="brand">
        <Link to="/">Beside</Link>
      </p>
      <nav aria-label={t.nav}>
        <NavLink to="/guide" end>
          {t.index}
        </NavLink>
        <NavLink to="/login">{t.signIn}</NavLink>
      </nav>
    </header>
  );
}
