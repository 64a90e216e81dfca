import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { requireAccount } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { StaffHeader } from "~/components/staff-header";
import { facilitatorCookie, readAllFacilitatorSecrets } from "~/runs/facilitator-cookie.server";
import { kChoices, MAX_K, MIN_K } from "~/runs/rules";

export const meta: MetaFunction = () => [{ title: "Plans · Beside" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = staffPage(request, context);
  const { plans, engine, settings } = context.beside;
  const library = plans.list();
  const entries = [
    ...library.plans
      .filter((plan) => !plan.archived && plan.startable)
      .map((plan) => {
        const { plan: parsed } = plan.startable!.result;
        return {
          ok: true as const,
          file: plan.key,
          id: plan.key,
          title: parsed.title,
          summary: parsed.summary,
          durationMinutes: parsed.durationMinutes,
          audience: parsed.audience,
          contentNotes: parsed.contentNotes,
          slideCount: parsed.slides.length,
          promptCount: parsed.slides.filter((slide) => slide.prompt).length,
        };
      }),
    ...library.brokenFiles.map((entry) => ({ ok: false as const, file: entry.file, issues: entry.result.ok ? [] : entry.result.issues })),
  ];

  const liveRuns = [...readAllFacilitatorSecrets(request.headers.get("Cookie"))]
    .map(([code, secret]) => {
      const run = engine.loadRunByCode(code);
      if (!run || run.row.state !== "live" || !engine.isFacilitator(run.row, secret)) return null;
      return { code, planTitle: run.plan.title, startedAt: run.row.startedAt.toISOString() };
    })
    .filter((run) => run !== null);

  return json({ staff, entries, liveRuns, defaultK: settings.current().defaultK });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const account = requireAccount(request, context);
  const startRunForm = z.object({ planId: z.string().min(1), k: z.coerce.number().int().min(MIN_K).max(MAX_K) });
  const form = startRunForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) {
    return json({ planId: null, error: `Choose a plan and a privacy threshold from ${MIN_K} to ${MAX_K}.` }, { status: 400 });
  }
  const started = context.beside.engine.startRun(form.data.planId, form.data.k, account.id);
  if (!started.ok) return json({ planId: form.data.planId, error: started.error.message }, { status: 400 });
  const { code, facilitatorSecret } = started.data;
  return redirect(`/console/${code}`, {
    headers: {
      "Set-Cookie": facilitatorCookie(code, facilitatorSecret, request, context.beside.config),
    },
  });
}

export default function Library() {
  const { staff, entries, liveRuns, defaultK } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const starting = navigation.state !== "idle" ? navigation.formData?.get("planId") : null;

  return (
    <main className="page">
      <StaffHeader {...staff} />

      {liveRuns.length > 0 ? (
        <section aria-labelledby="live-runs" className="live-runs">
          <h2 id="live-runs">Your running sessions</h2>
          <ul>
            {liveRuns.map((run) => (
              <li key={run.code}>
                <Link to={`/console/${run.code}`}>
                  Continue “{run.planTitle}” · code <span className="code">{run.code}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h1>Session plans</h1>
      {actionData?.error && !actionData.planId ? (
        <p className="error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {entries.length === 0 ? <p>No plans yet. Add a Markdown file to content/plans (see content/README.md).</p> : null}
      <ul className="plan-list">
        {entries.map((entry) =>
          entry.ok ? (
            <li key={entry.file} className="plan-card">
              <h2>{entry.title}</h2>
              <p>{entry.summary}</p>
              <p className="plan-card__facts">
                About {entry.durationMinutes} minutes · {entry.slideCount} slides · {entry.promptCount} questions
              </p>
              <p className="plan-card__facts">Audience: {entry.audience}</p>
              {entry.contentNotes.length > 0 ? (
                <p className="plan-card__notes">Content notes: {entry.contentNotes.join("; ")}</p>
              ) : null}
              <Form method="post" className="plan-card__start">
                <input type="hidden" name="planId" value={entry.id} />
                <label>
                  Show results only after
                  <select name="k" defaultValue={defaultK}>
                    {kChoices(defaultK).map((k) => (
                      <option key={k} value={k}>
                        {k} answers
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="button button--primary" disabled={starting === entry.id}>
                  {starting === entry.id ? "Starting…" : "Start a run"}
                </button>
              </Form>
              {actionData?.error && actionData.planId === entry.id ? (
                <p className="error" role="alert">
                  {actionData.error}
                </p>
              ) : null}
            </li>
          ) : (
            <li key={entry.file} className="plan-card plan-card--broken">
              <h2>{entry.file}</h2>
              <p>This plan has errors to fix before it can be started:</p>
              <ul className="plan-issues">
                {entry.issues.map((issue, i) => (
                  <li key={i}>
                    <code>{`${issue.file}:${issue.line}`}</code>{" "}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </main>
  );
}
