import { describe, expect, it } from "vitest";

import { formatStaffDate } from "./dates";

describe("formatStaffDate", () => {
  const moment = new Date("2026-11-28T14:05:00Z");

  it("prints day, short month, year and a 24-hour time in the given zone", () => {
    expect(formatStaffDate(moment, "en", "UTC")).toBe("28 Nov 2026, 14:05");
    expect(formatStaffDate(new Date("2026-03-02T09:07:00Z"), "en", "UTC")).toBe("2 Mar 2026, 09:07");
  });

  it("writes the month and the order of the parts as the staff member's language does", () => {
    expect(formatStaffDate(moment, "es", "UTC")).toMatch(/^28 nov 2026, 14:05$/);
    expect(formatStaffDate(moment, "de", "UTC")).toBe("28.11.2026, 14:05");
    expect(formatStaffDate(moment, "es", "UTC")).not.toBe(formatStaffDate(moment, "en", "UTC"));
  });

  it("uses the zone's local time, not UTC, so a late evening can fall on the next day", () => {
    expect(formatStaffDate(moment, "en", "Europe/Berlin")).toBe("28 Nov 2026, 15:05");
    expect(formatStaffDate(new Date("2026-11-28T23:30:00Z"), "en", "Asia/Tokyo")).toBe("29 Nov 2026, 08:30");
  });

  it("defaults to the server's own time zone", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatStaffDate(moment, "en")).toBe(formatStaffDate(moment, "en", zone));
  });
});
