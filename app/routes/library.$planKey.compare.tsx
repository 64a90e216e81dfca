import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { staffLanguageOf, staffPage, staffStringsOf } from "~/auth/staff.server";
import { SelectField } from "~/components/field";
import { RunChart } from "~/components/run-chart";
import { StaffHeader } from "~/components/staff-header";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).reports.compare.title(data.comparison.planTitle) : metaStaffStrings(matches).reports.compare.titleFallback },
];

const comparePicker = z.object({ prompt: z.string().trim().min(1).max(200).optional() });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const picked = comparePicker.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const promptId = picked.success ? picked.data.prompt : undefined;
  const comparison = await context.beside.reports.compare(params.planKey ?? "", promptId, staffLanguageOf(request, context, staff.account));
  const strings = staffStringsOf(request, context, staff.account);
  if (!comparison) throw new Response(strings.reports.noSuchPlan, { status: 404 });
  const error = !picked.success || (promptId !== undefined && !comparison.prompt) ? strings.reports.compare.choose : null;
  return json({ staff, comparison, error });
}

/** The same prompt across a plan's ended runs, oldest first. */
export default function CompareRuns() {
  const { staff, comparison, error } = useLoaderData<typeof loader>();
  const ended = comparison.runs.length;
  const { allRuns } = useStaffStrings().reports;
  const t = useStaffStrings().reports.compare;
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p className="report__back">
        <Link to={`/library/${encodeURIComponent(comparison.planKey)}/history`}>{allRuns}</Link>
      </p>
      <h1>{t.heading(comparison.planTitle)}</h1>
      {comparison.prompts.length === 0 ? (
        <p>{t.nothingToCompare}</p>
      ) : (
        <Form method="get" className="compare-picker">
          <SelectField label={t.question} name="prompt" defaultValue={comparison.prompt?.id} error={error ?? undefined}>
            {comparison.prompts.map((prompt) => (
              <option key={prompt.id} value={prompt.id}>
                {prompt.question}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t.submit}
          </button>
        </Form>
      )}
      {comparison.prompt ? (
        ended === 0 ? (
          <p>{t.noneEnded}</p>
        ) : (
          <section aria-labelledby="compared-question">
            <h2 id="compared-question">{comparison.prompt.question}</h2>
            <p className="history-note">{t.note}</p>
            <RunChart comparison={comparison} />
          </section>
        )
      ) : null}
    </main>
  );
}
