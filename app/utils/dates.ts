import { dateLocaleOf } from "~/strings";

/**
 * The one way staff pages print a moment, in the page's language (a catalogue tag: "28 Nov 2026, 14:05" in
 * Beside's British English, "28 nov 2026, 14:05" in Spanish), 24-hour clock, in the server's time zone (the
 * organisation's, on a self-hosted box). Formatted on the server, so the page reads the same before and after
 * hydration. `timeZone` is for tests.
 */
export function formatStaffDate(date: Date, tag: string, timeZone?: string): string {
  return staffDateFormat(dateLocaleOf(tag), timeZone).format(date);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function staffDateFormat(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone ?? ""}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone });
    formats.set(key, format);
  }
  return format;
}
