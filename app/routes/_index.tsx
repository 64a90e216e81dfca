import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { currentAccount } from "~/auth/session.server";
import { SetupHint } from "~/components/setup-hint";
import { useStaffStrings } from "~/strings/staff";

export const meta: MetaFunction = () => [{ title: "Beside" }];

/** The front door: participants go to join, staff to sign in. A signed-in account goes straight to the library. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await currentAccount(request, context)) throw redirect("/library");
  const organisationName = context.beside.settings.get("organisationName");
  return json({ organisationName, needsSetup: await context.beside.accounts.needsSetup() });
}

export default function Home() {
  const { organisationName, needsSetup } = useLoaderData<typeof loader>();
  const t = useStaffStrings().staff.home;
  return (
    <main className="page page--narrow home">
      <header className="page-header">
        <p className="brand">Beside{organisationName ? ` · ${organisationName}` : ""}</p>
      </header>
      <h1>Beside</h1>
      <p>{t.intro}</p>
      <p>
        <Link to="/join" className="button button--primary button--wide">
          {t.join}
        </Link>
      </p>
      <p>
        {t.staff} <Link to="/login">{t.signIn}</Link>
      </p>
      {needsSetup ? <SetupHint /> : null}
    </main>
  );
}
