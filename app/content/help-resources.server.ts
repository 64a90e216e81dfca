import fs from "node:fs";

import { z, type ZodIssue } from "zod";

import { ConfigError, oneLine } from "~/config/env.server";

import { readYaml } from "./yaml-position.server";

/**
 * The crisis and support resources shown on the "Get help" page, read from
 * content/help.yaml (HELP_FILE). The file is grouped by locale; each entry
 * carries the date someone last checked it. Format documented at the top of
 * content/help.yaml.
 */

export interface HelpResource {
  name: string;
  description: string;
  phone?: string;
  /** A number to send a text message (SMS) to. */
  text?: string;
  /** Always https. */
  url?: string;
  hours?: string;
  /** YYYY-MM-DD, a real calendar date. */
  lastVerified: string;
  /**
   * Listed by the Beside project, not yet checked by this organisation (`verify: true`): for organisers only,
   * never shown on the Get help page.
   */
  verify?: boolean;
}

export interface HelpSection {
  /** A language tag such as en-GB, or "international". */
  locale: string;
  label: string;
  /** An optional short line shown under the section's heading. */
  note?: string;
  resources: HelpResource[];
}

export interface HelpResources {
  /** The file it was read from, as given. */
  file: string;
  /** The YAML text itself, for an organiser to edit. */
  source: string;
  /** In file order; exactly one has the locale "international". */
  sections: HelpSection[];
}

export const INTERNATIONAL = "international";

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const contactNumber = z
  .string()
  .trim()
  // A leading * is part of some short numbers (Chile's *4141), dialled as written.
  .regex(/^[+*]?[0-9][0-9 ().-]*[0-9]$|^[0-9]$/, "must be a number written with digits, spaces or dashes, like \"116 123\"")
  .max(30, "must be at most 30 characters");

const httpsUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      // "https:host/path" parses too, but isn't what it looks like: the text must say https:// itself.
      const url = new URL(value);
      return /^https:\/\//i.test(value) && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a full https:// address, like https://www.samaritans.org");

/** True when value is YYYY-MM-DD and that day exists (no 30 February). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const calendarDate = z
  .string()
  .trim()
  .refine(isCalendarDate, "must be a real date written YYYY-MM-DD, like 2026-11-28");

// "failsafe" YAML reads every value as text, so true and false arrive as words.
const yesOrNo = z
  .union([z.boolean(), z.string().trim()])
  .refine((value) => value === true || value === false || value === "true" || value === "false", 'must be true or false, like "verify: true"')
  .transform((value) => value === true || value === "true");

const resourceSchema = z
  .object({
    name: text(120),
    description: text(300),
    phone: contactNumber.optional(),
    text: contactNumber.optional(),
    url: httpsUrl.optional(),
    hours: text(120).optional(),
    "last-verified": calendarDate,
    verify: yesOrNo.optional(),
  })
  .strict()
  .refine((entry) => entry.phone !== undefined || entry.text !== undefined || entry.url !== undefined, {
    message: "needs at least one of phone, text or url",
  })
  .transform(({ "last-verified": lastVerified, verify, ...rest }): HelpResource => ({
    ...rest,
    lastVerified,
    // Only a mark that is set is kept: "verify: false" is the same as no line.
    ...(verify ? { verify: true } : {}),
  }));

const sectionSchema = z
  .object({
    label: text(80),
    note: text(300).optional(),
    resources: z.array(resourceSchema).min(1, "needs at least one entry"),
  })
  .strict();

const localeKey = z
  .string()
  .refine((locale) => locale === INTERNATIONAL || LANGUAGE_TAG.test(locale), {
    message: `is not a language tag like en-GB, nor "${INTERNATIONAL}"`,
  });

const fileSchema = z.record(localeKey, sectionSchema);

/** Checks across sections, made even when a section itself has problems, so every problem is listed at once. */
function sectionKeyIssues(sections: object): ZodIssue[] {
  const issues: ZodIssue[] = [];
  const seen = new Set<string>();
  for (const locale of Object.keys(sections)) {
    if (seen.has(locale.toLowerCase())) issues.push({ code: z.ZodIssueCode.custom, path: [locale], message: "is listed twice" });
    seen.add(locale.toLowerCase());
  }
  if (!(INTERNATIONAL in sections)) {
    issues.push({ code: z.ZodIssueCode.custom, path: [], message: `needs an "${INTERNATIONAL}" section, shown to everyone` });
  }
  return issues;
}

/** Reads and validates the help file; throws an Error naming the file, the place and the problem. */
export function loadHelpResources(file: string): HelpResources {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : String(error);
    throw new ConfigError(`${file}: cannot read the help resources file (${reason}). Set HELP_FILE to its path.`);
  }
  return parseHelpResources(source, file);
}

/** Validates the text of a help file; `file` names it in errors. */
export function parseHelpResources(source: string, file: string): HelpResources {
  // "failsafe": every value is text, so 000 or 0477 13 11 14 stay exactly as written.
  const read = readYaml(source, { schema: "failsafe" });
  if (!read.ok) throw new ConfigError(`${file} has problems:\n${read.problems.map(({ line, message }) => `  line ${line}: ${message}`).join("\n")}`);
  const { value, lineOfIssue } = read;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${file} has problems:\n  line 1: expected sections like "en-GB:" and "${INTERNATIONAL}:"`);
  }

  const result = fileSchema.safeParse(value);
  const issues = [...(result.success ? [] : result.error.issues), ...sectionKeyIssues(value)];
  if (!result.success || issues.length > 0) {
    const problems = issues
      .map((issue) => {
        const where = describePath(issue);
        const line = lineOfIssue(issue);
        return { line, text: `  line ${line}: ${oneLine(`${where ? `${where} ` : ""}${describeIssue(issue)}`)}` };
      })
      .sort((a, b) => a.line - b.line)
      .map((problem) => problem.text);
    throw new ConfigError(`${file} has problems:\n${problems.join("\n")}`);
  }

  return {
    file,
    source,
    sections: Object.entries(result.data).map(([locale, section]) => ({
      locale,
      label: section.label,
      ...(section.note === undefined ? {} : { note: section.note }),
      resources: section.resources,
    })),
  };
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  }
  if (issue.code === "invalid_type" && issue.received === "undefined") return "is missing";
  if (issue.code === "invalid_type" && issue.expected === "array") return `must be a list, one "- name: ..." per entry`;
  if (issue.code === "invalid_type" && issue.expected === "object") return `must be a group of "key: value" lines`;
  if (issue.code === "invalid_type" && issue.expected === "string") return "must be text";
  return issue.message;
}

/** Where an issue is, as an organiser reads it: en-GB, resources item 2, url. */
function describePath(issue: ZodIssue): string {
  const parts: string[] = [];
  for (const segment of issue.path) {
    if (typeof segment === "number" && parts.length > 0) parts[parts.length - 1] += ` item ${segment + 1}`;
    else parts.push(String(segment));
  }
  return parts.join(", ");
}


/** What puts a section first on the Get help page, strongest first. */
export interface HelpOrder {
  /** The section a person picked on the page (?locale=), the international one included. */
  chosen?: string | null;
  /** The organisation's own regions, in the organiser's order (Settings). */
  regions?: readonly string[];
  /** The browser's languages, most wanted first: only an exact match (language and region) counts. */
  languages?: readonly string[];
}

/**
 * The sections to show, in order (decision 030): the section picked on the page, the organiser's regions in
 * their order, then a section whose tag exactly matches one of the browser's languages (case-insensitive),
 * then every other regional section by label, and the international section last. When nothing picks a
 * section (plain "en", or "en-AU" with no en-AU section), the international section comes first: another
 * country's emergency number must never lead.
 */
export function resourcesFor(help: HelpResources, order: HelpOrder): HelpSection[] {
  const regional = help.sections.filter((section) => section.locale !== INTERNATIONAL);
  const international = help.sections.filter((section) => section.locale === INTERNATIONAL);
  const find = (sections: HelpSection[], tag: string) => sections.find((section) => section.locale.toLowerCase() === tag.toLowerCase());
  const first: HelpSection[] = [];
  const add = (section: HelpSection | undefined) => {
    if (section && !first.includes(section)) first.push(section);
  };
  if (order.chosen) add(find(help.sections, order.chosen));
  for (const tag of order.regions ?? []) add(find(regional, tag));
  for (const tag of order.languages ?? []) add(find(regional, tag));
  const others = regional
    .filter((section) => !first.includes(section))
    .sort((a, b) => a.label.localeCompare(b.label, "en") || a.locale.localeCompare(b.locale));
  const last = international.filter((section) => !first.includes(section));
  return first.length === 0 ? [...international, ...others] : [...first, ...others, ...last];
}

/** The regional sections' tags (every section but the international one), in file order. */
export function regionsOf(help: HelpResources): string[] {
  return help.sections.filter((section) => section.locale !== INTERNATIONAL).map((section) => section.locale);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day number of a YYYY-MM-DD date. */
function dayNumber(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Entries last verified more than `maxAgeDays` days before `now` (counted in whole UTC days). */
export function staleEntries(
  help: HelpResources,
  now: Date,
  maxAgeDays = 365,
): Array<{ locale: string; name: string; lastVerified: string }> {
  const today = Math.floor(now.getTime() / DAY_MS);
  return help.sections.flatMap((section) =>
    section.resources
      .filter((resource) => today - dayNumber(resource.lastVerified) > maxAgeDays)
      .map((resource) => ({ locale: section.locale, name: resource.name, lastVerified: resource.lastVerified })),
  );
}

/** Per section, in file order, how many entries are still marked `verify: true`; sections with none are left out. */
export function entriesToVerify(help: HelpResources): Array<{ locale: string; count: number }> {
  return help.sections.flatMap((section) => {
    const count = section.resources.filter((resource) => resource.verify).length;
    return count > 0 ? [{ locale: section.locale, count }] : [];
  });
}

/**
 * The one start-up warning about entries still marked `verify: true`, with how many per section; undefined
 * when none is. `where` names the place to edit them (the file, or the list in Settings).
 */
export function verifyWarning(help: HelpResources, where: string): string | undefined {
  const marked = entriesToVerify(help);
  if (marked.length === 0) return undefined;
  const total = marked.reduce((sum, section) => sum + section.count, 0);
  const perSection = marked.map(({ locale, count }) => `${locale} ${count}`).join(", ");
  return (
    `${total} help resource${total === 1 ? " is" : "s are"} marked "verify: true" (listed by the Beside project, not yet checked by your organisation): ` +
    `${perSection}. Check each one, then update its last-verified date and remove its verify line in ${where}`
  );
}

/** The sections as the Get help page shows them to participants: without the organisers' verify marks. */
export function forParticipants(sections: readonly HelpSection[]): HelpSection[] {
  return sections.map((section) => ({ ...section, resources: section.resources.map(({ verify: _mark, ...resource }) => resource) }));
}

const MAX_LANGUAGES = 10;
const MAX_HEADER_LENGTH = 2000;

/** A language tag in its usual case: en-gb → en-GB, zh-hant-tw → zh-Hant-TW. */
function canonicalTag(tag: string): string {
  return tag
    .split("-")
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2 && /^[a-z]+$/i.test(part)) return part.toUpperCase();
      if (part.length === 4 && /^[a-z]+$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join("-");
}

/**
 * The languages an Accept-Language header asks for, most wanted first (by q,
 * then order), without "*", q=0 or anything malformed; at most 10. Never throws.
 */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  const ranked: Array<{ tag: string; q: number; index: number }> = [];
  header
    .slice(0, MAX_HEADER_LENGTH)
    .split(",")
    .forEach((part, index) => {
      const [rawTag = "", ...params] = part.split(";").map((piece) => piece.trim());
      if (!/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(rawTag)) return;
      let q = 1;
      for (const param of params) {
        const match = /^q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i.exec(param);
        if (match) q = Number(match[1]);
        else if (/^q\s*=/i.test(param)) q = 0;
      }
      if (q <= 0) return;
      const tag = canonicalTag(rawTag);
      const earlier = ranked.find((entry) => entry.tag === tag);
      if (earlier) {
        earlier.q = Math.max(earlier.q, q);
        return;
      }
      ranked.push({ tag, q, index });
    });
  return ranked
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .slice(0, MAX_LANGUAGES)
    .map((entry) => entry.tag);
}
