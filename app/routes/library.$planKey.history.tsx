import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffPage } from "~/auth/staff.server";
import { StaffHeader } from "~/components/staff-header";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `History: ${data?.history.planTitle ?? "plan"} · Beside` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = staffPage(request, context, "organiser");
  const history = context.beside.reports.history(params.planKey ?? "");
  if (!history) throw new Response("There is no such plan.", { status: 404 });
  return json({ staff, history });
}

/** A plan's past runs, newest first, each with a link to its report. */
export default function PlanHistory() {
  const { staff, history } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p className="report__back">
        {history.inLibrary ? (
          <Link to={`/library/${encodeURIComponent(history.planKey)}`}>Open the plan</Link>
        ) : (
          <Link to="/library">Library</Link>
        )}
      </p>
      <h1>History: {history.planTitle}</h1>
      {history.runs.length === 0 ? (
        <p>This plan hasn&apos;t been run yet.</p>
      ) : (
        <>
          <p>
            <Link to={`/library/${encodeURIComponent(history.planKey)}/compare`}>Compare runs</Link>
          </p>
          <table className="run-table history-table">
            <caption>Runs of this plan, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Facilitator</th>
                <th scope="col">Plan version</th>
                <th scope="col">Participants</th>
                <th scope="col">Report</th>
              </tr>
            </thead>
            <tbody>
              {history.runs.map((run) => (
                <tr key={run.id}>
                  <th scope="row">{run.started}</th>
                  <td>{run.duration}</td>
                  <td>{run.facilitator}</td>
                  <td>{run.version}</td>
                  <td>{run.participants}</td>
                  <td>{run.live ? "when it ends" : <Link to={`/runs/${run.id}`}>Report</Link>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="history-note">
            Participants: the most phones connected at once. Below a run&apos;s privacy threshold only &ldquo;fewer than&rdquo; is shown.
          </p>
        </>
      )}
    </main>
  );
}
