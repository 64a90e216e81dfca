
import { useStaffStrings } from "~/strings/staff";

/** What to do while Beside has no accounts yet: the server's setup link, or the account command line. */
export function SetupHint() {
  const t = useStaffStrings().staff.setupHint;
  return (
    <p className="notice">
      {t.text}{" "}
      <code>npm run account -- add --role organiser --email you@example.org --name &quot;Your name&quot;</code>
      {t.end}
    </p>
  );
}
