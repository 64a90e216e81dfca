import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { staffPage, staffStringsOf } from "~/auth/staff.server";
import { Field, FormError, SelectField, TextAreaField } from "~/components/field";
import { SettingsColoursForm } from "~/components/settings-colours";
import { SettingsResetForm } from "~/components/settings-reset-form";
import { SettingsSection } from "~/components/settings-section";
import { StaffHeader } from "~/components/staff-header";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm, type FieldErrors } from "~/forms/validate";
// Only the loader uses values from the .server module: the browser build leaves it out.
import { INTERNATIONAL } from "~/content/help-resources.server";
import { MAX_K, MIN_K } from "~/domain/rules";
import {
  MAX_ORGANISATION_NAME,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  REGION_FIELDS,
  isSettingsIntent,
  settingsForms,
  type SettingsIntent,
} from "~/settings/forms";
import { helpProblems } from "~/settings/settings.server";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/settings.css";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).settings.title }];

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const { settings } = context.beside;
  const strings = staffStringsOf(request, context, staff.account);
  const help = settings.helpSource();
  const places = settings
    .help()
    .sections.filter((section) => section.locale !== INTERNATIONAL)
    .map(({ locale, label }) => ({ locale, label }));
  return json({
    staff,
    settings: settings.current(),
    help: { ...help, entries: settings.helpEntries(strings) },
    regions: { chosen: settings.helpRegions(), places },
  });
}

type Refused = { intent: SettingsIntent | null; errors: FieldErrors; typed: Record<string, string>; problems?: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const strings = staffStringsOf(request, context, (await staffPage(request, context, "organiser")).account);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const typed = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const refuse = (refused: Omit<Refused, "typed">) => json({ ...refused, typed, saved: false as const }, { status: 400 });
  if (!isSettingsIntent(intent)) return refuse({ intent: null, errors: { form: strings.settings.unknownForm } });

  const form = validateForm(settingsForms(strings)[intent], formData);
  if (!form.ok) return refuse({ intent, errors: form.errors });
  const applied = await context.beside.settings.apply(form.data, strings);
  if (!applied.ok && intent === "regions") return refuse({ intent, errors: { regions: applied.error.message } });
  if (!applied.ok) {
    return refuse({
      intent,
      errors: { source: strings.settings.help.refused },
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
  const { errors, onSubmit } = useValidatedForm(settingsForms(useStaffStrings())[intent], refused?.errors);
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
  const { staff, settings, help, regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const organisation = useSection("organisation");
  const colours = useSection("colours");
  const coloursReset = useSection("colours-reset");
  const privacy = useSection("privacy");
  const retention = useSection("retention");
  const helpList = useSection("help");
  const helpReset = useSection("help-reset");
  const helpRegions = useSection("regions");
  const staleCount = help.entries.filter((entry) => entry.stale).length;
  const verifyCount = help.entries.filter((entry) => entry.verify).length;
  const t = useStaffStrings().settings;

  return (
    <main className="page settings">
      <StaffHeader {...staff} />
      <h1>{t.heading}</h1>
      <FormError error={actionData && !actionData.saved && actionData.intent === null ? actionData.errors.form : undefined} />

      <SettingsSection id="organisation" title={t.organisation.title} saved={organisation.saved}>
        <Form method="post" noValidate onSubmit={organisation.onSubmit} className="stack-form">
          <input type="hidden" name="intent" value="organisation" />
          <Field
            label={t.organisation.name}
            name="organisationName"
            defaultValue={organisation.typed?.organisationName ?? settings.organisationName}
            hint={t.organisation.hint(MAX_ORGANISATION_NAME)}
            error={organisation.errors.organisationName}
          />
          <SaveButton busy={organisation.busy} />
        </Form>
      </SettingsSection>

      <SettingsSection id="display-colours" title={t.colours.title} saved={colours.saved || coloursReset.saved}>
        <p>
          {t.colours.intro} {settings.displayColours ? t.colours.yours : t.colours.besides}
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
            label={t.colours.reset}
            confirm={t.colours.resetConfirm(
              settings.displayColours.background,
              settings.displayColours.text,
              settings.displayColours.accent,
            )}
            busy={coloursReset.busy}
          />
        ) : null}
      </SettingsSection>

      <SettingsSection id="privacy" title={t.privacy.title} saved={privacy.saved}>
        <p>{t.privacy.intro}</p>
        <NumberSettingForm
          intent="privacy"
          section={privacy}
          name="defaultK"
          label={t.privacy.label}
          min={MIN_K}
          max={MAX_K}
          value={settings.defaultK}
          hint={t.privacy.hint(MIN_K, MAX_K)}
        />
      </SettingsSection>

      <SettingsSection id="retention" title={t.retention.title} saved={retention.saved}>
        <p>{t.retention.intro}</p>
        <NumberSettingForm
          intent="retention"
          section={retention}
          name="retentionDays"
          label={t.retention.label}
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          value={settings.retentionDays}
          hint={t.retention.hint(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)}
        />
      </SettingsSection>

      <SettingsSection id="help-regions" title={t.regions.title} saved={helpRegions.saved}>
        <p>{t.regions.intro}</p>
        <RegionsForm section={helpRegions} chosen={regions.chosen} places={regions.places} />
      </SettingsSection>

      <SettingsSection id="help-resources" title={t.help.title} saved={helpList.saved || helpReset.saved}>
        <p>
          {t.help.intro} <strong>{help.own ? t.help.own : t.help.shipped}</strong>
        </p>
        {staleCount > 0 ? (
          <p className="notice settings-stale-notice">
            {t.help.stale(staleCount)} {t.help.staleAdvice}
          </p>
        ) : null}
        {verifyCount > 0 ? (
          <p className="notice settings-verify-notice">
            {t.help.toVerify(verifyCount)} {t.help.toVerifyAdvice}
          </p>
        ) : null}
        <table className="settings-help-table">
          <caption>{t.help.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.help.columns.place}</th>
              <th scope="col">{t.help.columns.service}</th>
              <th scope="col">{t.help.columns.contact}</th>
              <th scope="col">{t.help.columns.lastVerified}</th>
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
                  {entry.stale ? <strong className="settings-stale"> {t.help.staleMark}</strong> : null}
                  {entry.verify ? <strong className="settings-stale"> {t.help.verifyMark}</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <Form method="post" noValidate onSubmit={helpList.onSubmit} className="settings-help-form">
          <input type="hidden" name="intent" value="help" />
          <TextAreaField
            label={t.help.source}
            name="source"
            className="settings-help-form__source"
            rows={24}
            spellCheck={false}
            defaultValue={helpList.typed?.source ?? help.source}
            hint={
              <>
                {t.help.hint.text} <code>last-verified</code>
                {t.help.hint.end}
              </>
            }
            error={helpList.errors.source}
          />
          {helpList.problems ? (
            <ul className="error settings-help-form__problems" role="alert" aria-label={t.help.problems}>
              {helpList.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          ) : null}
          <SaveButton busy={helpList.busy} label={t.help.saveList} />
        </Form>
        {help.own ? (
          <SettingsResetForm
            intent="help-reset"
            label={t.help.reset}
            confirm={t.help.resetConfirm(help.entries.length)}
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

/**
 * The organisation's regions, in order: one labelled choice per place in the order, so it works by keyboard
 * and without scripts. A refused choice keeps every field as typed, an unknown region included.
 */
function RegionsForm({
  section,
  chosen,
  places,
}: {
  section: ReturnType<typeof useSection>;
  chosen: string[];
  places: Array<{ locale: string; label: string }>;
}) {
  const t = useStaffStrings().settings.regions;
  const error = section.errors.regions;
  const typed = section.typed as Record<string, string> | undefined;
  return (
    <Form method="post" noValidate onSubmit={section.onSubmit} className="stack-form settings-regions">
      <input type="hidden" name="intent" value="regions" />
      <fieldset aria-describedby={error ? "help-regions-hint help-regions-error" : "help-regions-hint"}>
        <legend>{t.legend}</legend>
        <p className="field__hint" id="help-regions-hint">
          {t.hint}
        </p>
        {REGION_FIELDS.map((name, i) => {
          const value = typed ? (typed[name] ?? "") : (chosen[i] ?? "");
          const known = value === "" || places.some((place) => place.locale === value);
          return (
            <SelectField key={name} label={t.slots[i]} name={name} defaultValue={value} error={section.errors[name]}>
              <option value="">{t.none}</option>
              {places.map((place) => (
                <option key={place.locale} value={place.locale}>
                  {place.label} ({place.locale})
                </option>
              ))}
              {known ? null : <option value={value}>{t.notInList(value)}</option>}
            </SelectField>
          );
        })}
        {error ? (
          <p className="field__error" id="help-regions-error" role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
      <SaveButton busy={section.busy} label={t.save} />
    </Form>
  );
}

function SaveButton({ busy, label }: { busy: boolean; label?: string }) {
  const t = useStaffStrings().settings;
  return (
    <button type="submit" className="button button--primary" disabled={busy}>
      {busy ? t.saving : (label ?? t.save)}
    </button>
  );
}
