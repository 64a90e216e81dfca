import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffLanguageOf, staffPage, staffStringsOf } from "~/auth/staff.server";
import { RunHistoryTable } from "~/components/run-history-table";
import { StaffHeader } from "~/components/staff-header";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).reports.history.title(data.history.planTitle) : metaStaffStrings(matches).reports.history.titleFallback },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const history = await context.beside.reports.history(params.planKey ?? "", staffLanguageOf(request, context, staff.account));
  if (!history) throw new Response(staffStringsOf(request, context, staff.account).reports.noSuchPlan, { status: 404 });
  return json({ staff, history });
}

/** A plan's past runs, newest first, each with a link to its report. */
export default function PlanHistory() {
  const { staff, history } = useLoaderData<typeof loader>();
  const { openPlan } = useStaffStrings().reports;
  const t = useStaffStrings().reports.history;
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p className="report__back">
        {history.inLibrary ? (
          <Link to={`/library/${encodeURIComponent(history.planKey)}`}>{openPlan}</Link>
        ) : (
          <Link to="/library">{t.library}</Link>
        )}
      </p>
      <h1>{t.heading(history.planTitle)}</h1>
      {history.runs.length === 0 ? (
        <p>{t.notRun}</p>
      ) : (
        <>
          <p>
            <Link to={`/library/${encodeURIComponent(history.planKey)}/compare`}>{t.compare}</Link>
          </p>
          <RunHistoryTable runs={history.runs} caption={t.caption} />
          <p className="history-note">{t.note}</p>
        </>
      )}
    </main>
  );
}
