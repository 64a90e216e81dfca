import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { INTERNATIONAL, forParticipants, parseAcceptLanguage, resourcesFor, type HelpResource } from "~/content/help-page.server";
// Only the loader uses values from the .server module: the browser build leaves it out.
import { normaliseJoinCode } from "~/runs/join-code";
import { dateLocaleOf, useStrings } from "~/strings";
import { metaStrings, usePageLanguage, type LanguageHandle } from "~/utils/page-language";
import type { PhonePageHandle } from "~/utils/phone-page";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [{ title: metaStrings(matches, data?.language).phone.help.title }];

/** Reached from a session, the page speaks the room's language (its `lang`), else the browser's; a phone's page, it carries a phone's styles. */
export const handle: LanguageHandle & PhonePageHandle = { language: (data) => (data as { language?: string } | undefined)?.language, phonePage: true };

/**
 * Public: anyone may need this page, joined to a session or not. The organiser's regions come first, then
 * the browser's language if a section matches it exactly (decision 030). The browser's languages only
 * order the sections; they are never stored or logged.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const help = context.beside.settings.help();
  const url = new URL(request.url);
  const asked = url.searchParams.get("locale")?.toLowerCase();
  const chosen = asked ? help.sections.find((section) => section.locale.toLowerCase() === asked) : undefined;
  const from = normaliseJoinCode(url.searchParams.get("from") ?? "");
  const lang = url.searchParams.get("lang") ?? "";
  const language = LANGUAGE_TAG.test(lang) ? lang : undefined;
  const sections = resourcesFor(help, {
    chosen: chosen?.locale,
    regions: context.beside.settings.helpRegions(),
    languages: parseAcceptLanguage(request.headers.get("Accept-Language")),
  });
  return json(
    {
      // The organisers' verify marks stay on the server: participants see a service, not our bookkeeping.
      sections: forParticipants(sections),
      places: sections.map(({ locale, label }) => ({
        locale,
        international: locale === INTERNATIONAL,
        label,
      })),
      current: chosen?.locale ?? null,
      from,
      language,
    },
    { headers: { Vary: "Accept-Language", "Cache-Control": "private, max-age=0, must-revalidate" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/** 2026-11-28 → 28 November 2026, 28 de noviembre de 2026, 28. November 2026: in the page's language. */
function formatDate(date: string, language: string): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    dateFormats.set(language, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** One formatter per language, made once: the page writes a date for every service it lists. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A language tag as a link may carry one. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;

/** What a phone dials: digits and a leading + or * (as in *4141), nothing else. */
function dialable(number: string): string {
  return number.replace(/[^\d+*]/g, "");
}

function placeHref(locale: string, from: string | null, language: string | undefined): string {
  const search = new URLSearchParams({ locale });
  if (from) search.set("from", from);
  if (language) search.set("lang", language);
  return `?${search.toString()}`;
}

export default function GetHelp() {
  const t = useStrings().phone.help;
  const { sections, places, current, from, language } = useLoaderData<typeof loader>();
  return (
    <main className="phone help">
      <p className="brand">Beside</p>
      {from ? (
        <p className="help__back">
          <Link className="button button--primary button--wide" to={`/j/${from}`}>
            {t.back}
          </Link>
        </p>
      ) : null}
      <h1>{t.heading}</h1>
      <p className="help__danger">{t.danger}</p>
      <p>{t.notAlone}</p>

      {sections.map((section) => (
        // Each place's entries are written in its own language: a screen reader reads them in it.
        <section
          key={section.locale}
          className="help__section"
          aria-labelledby={`help-${section.locale}`}
          lang={section.locale === INTERNATIONAL ? undefined : section.locale}
        >
          <h2 id={`help-${section.locale}`}>{section.label}</h2>
          {section.note ? <p className="help__note">{section.note}</p> : null}
          <ul className="help__list">
            {section.resources.map((resource, i) => (
              <Resource key={`${i}-${resource.name}`} resource={resource} />
            ))}
          </ul>
        </section>
      ))}

      <nav className="help__places" aria-labelledby="help-places">
        <h2 id="help-places">{t.otherPlaces}</h2>
        <ul>
          {places.map((place) => (
            <li key={place.locale}>
              <Link
                to={placeHref(place.locale, from, language)}
                aria-current={place.locale === current ? "page" : undefined}
                lang={place.locale === INTERNATIONAL ? undefined : place.locale}
              >
                {place.international ? t.international(place.label) : place.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p className="help__footer">{t.footer}</p>
    </main>
  );
}

function Resource({ resource }: { resource: HelpResource }) {
  const t = useStrings().phone.help;
  const { tag } = usePageLanguage();
  return (
    <li className="help__resource">
      <h3>{resource.name}</h3>
      <p>{resource.description}</p>
      <ul className="help__ways">
        {resource.phone ? (
          <li>
            <a className="button button--wide" href={`tel:${dialable(resource.phone)}`}>
              {t.call(resource.phone)}
            </a>
          </li>
        ) : null}
        {resource.text ? (
          <li>
            <a className="button button--wide" href={`sms:${dialable(resource.text)}`}>
              {t.text(resource.text)}
            </a>
          </li>
        ) : null}
        {resource.url ? (
          <li>
            <a className="help__link" href={resource.url} target="_blank" rel="noopener noreferrer">
              {resource.url.replace(/^https:\/\//, "").replace(/\/$/, "")}
            </a>
          </li>
        ) : null}
      </ul>
      {resource.hours ? <p className="help__hours">{resource.hours}</p> : null}
      <p className="help__checked">
        {t.checked} <time dateTime={resource.lastVerified}>{formatDate(resource.lastVerified, dateLocaleOf(tag))}</time>
      </p>
    </li>
  );
}
