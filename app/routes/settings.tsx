import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { staffPage } from "~/auth/staff.server";
import { Field, FormError, TextAreaField } from "~/components/field";
import { SettingsColoursForm } from "~/components/settings-colours";
import { SettingsResetForm } from "~/components/settings-reset-form";
import { SettingsSection } from "~/components/settings-section";
import { StaffHeader } from "~/components/staff-header";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm, type FieldErrors } from "~/forms/validate";
import { MAX_K, MIN_K } from "~/runs/rules";
import {
  MAX_ORGANISATION_NAME,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  isSettingsIntent,
  settingsForms,
  type SettingsIntent,
} from "~/settings/forms";
import { helpProblems } from "~/settings/settings.server";
import styles from "~/styles/settings.css";

export const meta: MetaFunction = () => [{ title: "Settings · Beside" }];

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = staffPage(request, context, "organiser");
  const { settings } = context.beside;
  const help = settings.helpSource();
  return json({ staff, settings: settings.current(), help: { ...help, entries: settings.helpEntries() } });
}

type Refused = { intent: SettingsIntent | null; errors: FieldErrors; typed: Record<string, string>; problems?: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  staffPage(request, context, "organiser");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const typed = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const refuse = (refused: Omit<Refused, "typed">) => json({ ...refused, typed, saved: false as const }, { status: 400 });
  if (!isSettingsIntent(intent)) return refuse({ intent: null, errors: { form: "That form isn't one of this page's. Reload the page and try again." } });

  const form = validateForm(settingsForms[intent], formData);
  if (!form.ok) return refuse({ intent, errors: form.errors });
  const applied = context.beside.settings.apply(form.data);
  if (!applied.ok) {
    return refuse({
      intent,
      errors: { source: "This list has the problems below, so nothing was saved. Fix them and save again." },
      problems: helpProblems(applied.error.message),
    });
  }
  return json({ intent, saved: true as const });
}

/** The action's answer for one section's form: its errors and what was typed if refused, or that it was saved. */
function useSection(intent: SettingsIntent) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData?.intent === intent ? actionData : undefined;
  const refused = mine && !mine.saved ? mine : undefined;
  const { errors, onSubmit } = useValidatedForm(settingsForms[intent], refused?.errors);
  return {
    saved: mine?.saved === true,
    typed: refused?.typed,
    problems: refused?.problems,
    errors,
    onSubmit,
    busy: navigation.state !== "idle" && navigation.formData?.get("intent") === intent,
  };
}

export default function SettingsPage() {
  const { staff, settings, help } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const organisation = useSection("organisation");
  const colours = useSection("colours");
  const coloursReset = useSection("colours-reset");
  const privacy = useSection("privacy");
  const retention = useSection("retention");
  const helpList = useSection("help");
  const helpReset = useSection("help-reset");
  const staleCount = help.entries.filter((entry) => entry.stale).length;

  return (
    <main className="page settings">
      <StaffHeader {...staff} />
      <h1>Settings</h1>
      <FormError error={actionData && !actionData.saved && actionData.intent === null ? actionData.errors.form : undefined} />

      <SettingsSection id="organisation" title="Organisation" saved={organisation.saved}>
        <Form method="post" noValidate onSubmit={organisation.onSubmit} className="stack-form">
          <input type="hidden" name="intent" value="organisation" />
          <Field
            label="Organisation name"
            name="organisationName"
            defaultValue={organisation.typed?.organisationName ?? settings.organisationName}
            hint={`Shown at the top of staff pages and small on the audience display. Up to ${MAX_ORGANISATION_NAME} characters; leave empty for none.`}
            error={organisation.errors.organisationName}
          />
          <SaveButton busy={organisation.busy} />
        </Form>
      </SettingsSection>

      <SettingsSection id="display-colours" title="Display colours" saved={colours.saved || coloursReset.saved}>
        <p>
          The audience display&apos;s background, text and results colours. Text must stand out from the background at
          least 4.5 to 1 and bars at least 3 to 1 (WCAG 2.2 AA), so the back of a room can read them.{" "}
          {settings.displayColours ? "The display uses your colours." : "The display uses Beside's colours."}
        </p>
        <SettingsColoursForm
          key={JSON.stringify(settings.displayColours)}
          saved={settings.displayColours}
          typed={colours.typed}
          errors={colours.errors}
          onSubmit={colours.onSubmit}
          busy={colours.busy}
        />
        {settings.displayColours ? (
          <SettingsResetForm
            intent="colours-reset"
            label="Use Beside's colours"
            confirm={
              `Your own display colours (background ${settings.displayColours.background}, text ${settings.displayColours.text}, ` +
              `results ${settings.displayColours.accent}) will be deleted, and the display will use Beside's colours.`
            }
            busy={coloursReset.busy}
          />
        ) : null}
      </SettingsSection>

      <SettingsSection id="privacy" title="Privacy threshold" saved={privacy.saved}>
        <p>
          A question&apos;s results stay hidden from everyone, the facilitator included, until at least this many people
          have answered, so nobody in a small group can be picked out by their answer.
        </p>
        <NumberSettingForm
          intent="privacy"
          section={privacy}
          name="defaultK"
          label="Show results only after this many answers"
          min={MIN_K}
          max={MAX_K}
          value={settings.defaultK}
          hint={`From ${MIN_K} to ${MAX_K}. New runs start with it; a facilitator can choose another when starting one.`}
        />
      </SettingsSection>

      <SettingsSection id="retention" title="Free-text retention" saved={retention.saved}>
        <p>
          Free-text answers and word-cloud words are deleted for good this many days after a run ends. The counts stay:
          how many answered, passed or chose each option, so past runs keep their results.
        </p>
        <NumberSettingForm
          intent="retention"
          section={retention}
          name="retentionDays"
          label="Days to keep free text after a run ends"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          value={settings.retentionDays}
          hint={`From ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`}
        />
      </SettingsSection>

      <SettingsSection id="help-resources" title="Get help resources" saved={helpList.saved || helpReset.saved}>
        <p>
          The crisis and support lines on the Get help page, linked from every participant&apos;s screen.{" "}
          <strong>
            {help.own ? "In use: your organisation's own list." : "In use: the list shipped with this server."}
          </strong>
        </p>
        {staleCount > 0 ? (
          <p className="notice settings-stale-notice">
            {`${staleCount === 1 ? "1 entry was" : `${staleCount} entries were`} last checked more than a year ago.`} Check
            the numbers still work and update the date.
          </p>
        ) : null}
        <table className="settings-help-table">
          <caption>Entries in use</caption>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Service</th>
              <th scope="col">Contact</th>
              <th scope="col">Last verified</th>
            </tr>
          </thead>
          <tbody>
            {help.entries.map((entry, i) => (
              <tr key={`${entry.locale}-${i}`} className={entry.stale ? "settings-help-table__stale" : undefined}>
                <td>{entry.place}</td>
                <td>{entry.name}</td>
                <td>{entry.contacts.join(" · ")}</td>
                <td>
                  <time dateTime={entry.lastVerified}>{entry.lastVerified}</time>
                  {entry.stale ? <strong className="settings-stale"> more than a year ago</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <Form method="post" noValidate onSubmit={helpList.onSubmit} className="settings-help-form">
          <input type="hidden" name="intent" value="help" />
          <TextAreaField
            label="The list, in YAML"
            name="source"
            className="settings-help-form__source"
            rows={24}
            spellCheck={false}
            defaultValue={helpList.typed?.source ?? help.source}
            hint={
              <>
                Grouped by place (a language tag like en-GB), with an &quot;international&quot; section shown to everyone.
                Each entry needs a name, a description, a phone, text or url, and <code>last-verified</code>: the day
                someone checked it (YYYY-MM-DD). The comments at the top explain the rest.
              </>
            }
            error={helpList.errors.source}
          />
          {helpList.problems ? (
            <ul className="error settings-help-form__problems" role="alert" aria-label="Problems in the list">
              {helpList.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          ) : null}
          <SaveButton busy={helpList.busy} label="Save the list" />
        </Form>
        {help.own ? (
          <SettingsResetForm
            intent="help-reset"
            label="Go back to the shipped list"
            confirm={
              `Your organisation's own list of ${help.entries.length === 1 ? "1 entry" : `${help.entries.length} entries`} will be deleted, ` +
              "and the Get help page will show the list shipped with Beside."
            }
            busy={helpReset.busy}
          />
        ) : null}
      </SettingsSection>
    </main>
  );
}

/** A section whose form is one whole number (the privacy threshold, the retention days). */
function NumberSettingForm({
  intent,
  section,
  name,
  label,
  min,
  max,
  value,
  hint,
}: {
  intent: "privacy" | "retention";
  section: ReturnType<typeof useSection>;
  name: "defaultK" | "retentionDays";
  label: string;
  min: number;
  max: number;
  value: number;
  hint: string;
}) {
  return (
    <Form method="post" noValidate onSubmit={section.onSubmit} className="stack-form">
      <input type="hidden" name="intent" value={intent} />
      <Field
        label={label}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        defaultValue={(section.typed as Record<string, string> | undefined)?.[name] ?? value}
        hint={hint}
        error={section.errors[name]}
      />
      <SaveButton busy={section.busy} />
    </Form>
  );
}

function SaveButton({ busy, label = "Save" }: { busy: boolean; label?: string }) {
  return (
    <button type="submit" className="button button--primary" disabled={busy}>
      {busy ? "Saving…" : label}
    </button>
  );
}
