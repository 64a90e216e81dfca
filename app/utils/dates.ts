/**
 * The one way staff pages print a moment, e.g. "28 Nov 2026, 14:05": en-GB,
 * 24-hour clock, in the server's time zone (the organisation's, on a
 * self-hosted box). Formatted on the server, so the page reads the same
 * before and after hydration. `timeZone` is for tests.
 */
export function formatStaffDate(date: Date, timeZone?: string): string {
  return staffDateFormat(timeZone).format(date);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function staffDateFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone });
    formats.set(key, format);
  }
  return format;
}
