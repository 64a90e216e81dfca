import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import {
  entriesToVerify,
  forParticipants,
  isCalendarDate,
  loadHelpResources,
  parseAcceptLanguage,
  resourcesFor,
  type HelpOrder,
  staleEntries,
  type HelpResources,
  verifyWarning,
} from "./help-resources.server";

const SHIPPED = path.resolve("content/help.yaml");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-help-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** Writes source to a temp file and returns its path. */
function tempFile(source: string): string {
  const file = path.join(dir, `help-${++count}.yaml`);
  fs.writeFileSync(file, source);
  return file;
}

/** The message of the Error loading source throws, or fails the test. */
function errorFor(source: string): { file: string; message: string } {
  const file = tempFile(source);
  try {
    loadHelpResources(file);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return { file, message: (error as Error).message };
  }
  throw new Error(`expected ${file} to be refused`);
}

const INTERNATIONAL = `
international:
  label: Anywhere
  resources:
    - name: Find A Helpline
      description: A directory of helplines.
      url: https://findahelpline.com
      last-verified: 2026-11-28
`;

/** A valid file with one en-GB entry whose lines are given (indented as entry keys). */
const withEntry = (lines: string) => `en-GB:
  label: United Kingdom
  resources:
    - name: Samaritans
${lines
  .trim()
  .split("\n")
  .map((line) => `      ${line.trim()}`)
  .join("\n")}
${INTERNATIONAL}`;

describe("the shipped content/help.yaml", () => {
  const help = loadHelpResources(SHIPPED);
  const all = help.sections.flatMap((section) => section.resources.map((resource) => ({ ...resource, locale: section.locale })));

  it("loads, with the well-known services in their sections", () => {
    const phones = (locale: string) => all.filter((entry) => entry.locale === locale).map((entry) => entry.phone);
    expect(phones("en-US")).toContain("988");
    expect(phones("en-GB")).toContain("116 123");
    expect(phones("en-IE")).toContain("116 123");
    expect(phones("en-AU")).toContain("13 11 14");
    expect(all.find((entry) => entry.name === "Shout")?.text).toBe("85258");
    expect(all.find((entry) => entry.name === "Lifeline")?.text).toBe("0477 13 11 14");
  });

  it("has an international section with the directory", () => {
    const international = help.sections.find((section) => section.locale === "international");
    expect(international?.resources.map((entry) => entry.url)).toContain("https://findahelpline.com");
    expect(international?.note).toMatch(/emergency number/);
  });

  it("dates every entry and links only over https", () => {
    for (const entry of all) {
      expect(isCalendarDate(entry.lastVerified)).toBe(true);
      if (entry.url) expect(entry.url).toMatch(/^https:\/\//);
    }
  });

  it("has sections, in their own language, for places where Spanish and German are spoken, each entry dated and marked to verify", () => {
    const spanishAndGerman = ["es-ES", "es-MX", "es-AR", "es-CO", "es-CL", "es-US", "de-DE", "de-AT", "de-CH"];
    expect(help.sections.map((section) => section.locale)).toEqual(expect.arrayContaining(spanishAndGerman));
    const theirs = all.filter((entry) => spanishAndGerman.includes(entry.locale));
    expect(theirs.length).toBeGreaterThanOrEqual(spanishAndGerman.length * 3);
    for (const entry of theirs) expect(entry).toMatchObject({ lastVerified: "2026-12-06", verify: true });
    // The English entries were listed before the mark existed: nothing says they are unchecked.
    expect(all.filter((entry) => entry.locale.startsWith("en-") || entry.locale === "international").some((entry) => entry.verify)).toBe(false);
    const phones = (locale: string) => all.filter((entry) => entry.locale === locale).map((entry) => entry.phone);
    expect(phones("es-ES")).toEqual(expect.arrayContaining(["024", "717 003 717", "112"]));
    expect(phones("es-MX")).toEqual(expect.arrayContaining(["800 911 2000", "911"]));
    expect(phones("es-CL")).toContain("*4141");
    expect(phones("es-US")).toContain("988");
    expect(phones("de-DE")).toEqual(expect.arrayContaining(["0800 111 0 111", "112"]));
    expect(phones("de-AT")).toEqual(expect.arrayContaining(["142", "147"]));
    expect(phones("de-CH")).toEqual(expect.arrayContaining(["143", "147"]));
    expect(entriesToVerify(help).map((section) => section.locale)).toEqual(spanishAndGerman);
  });

  it("tells the organiser to verify every entry", () => {
    const source = fs.readFileSync(SHIPPED, "utf8");
    expect(source).toMatch(/organiser must/);
    expect(source).toContain("1-800-273-8255");
  });
});

describe("loadHelpResources refuses a bad file", () => {
  it("when the file is missing", () => {
    const missing = path.join(dir, "nope.yaml");
    expect(() => loadHelpResources(missing)).toThrow(`${missing}: cannot read the help resources file (the file does not exist)`);
  });

  it("when an entry has no last-verified date", () => {
    const { file, message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: "116 123"
    `));
    expect(message).toContain(file);
    expect(message).toContain("line 4: en-GB, resources item 1, last-verified is missing");
  });

  it.each(["2026-02-30", "2026-13-01", "28/11/2026", "2026-11-28T10:00"])("when last-verified is %s", (date) => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: "116 123"
      last-verified: ${date}
    `));
    expect(message).toContain("line 7: en-GB, resources item 1, last-verified must be a real date written YYYY-MM-DD");
  });

  it("when a url is not https", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      url: http://www.samaritans.org
      last-verified: 2026-11-28
    `));
    expect(message).toContain("line 6: en-GB, resources item 1, url must be a full https:// address");
  });

  it("when a url parses as https but doesn't say https:// (fuzz finding)", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      url: https:evil.example/www.samaritans.org
      last-verified: 2026-11-28
    `));
    expect(message).toContain("line 6: en-GB, resources item 1, url must be a full https:// address");
  });

  it("when an entry has no way to reach it", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      hours: 24 hours, every day
      last-verified: 2026-11-28
    `));
    expect(message).toContain("line 4: en-GB, resources item 1 needs at least one of phone, text or url");
  });

  it("when an entry has an unknown key", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: "116 123"
      email: jo@example.org
      last-verified: 2026-11-28
    `));
    expect(message).toContain('line 7: en-GB, resources item 1 has unknown key "email"');
  });

  it("when a phone number is not a number", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: call us
      last-verified: 2026-11-28
    `));
    expect(message).toContain("en-GB, resources item 1, phone must be a number");
  });

  it.each(["yes", "1", "maybe", '""'])("when verify is %s, not true or false", (value) => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: "116 123"
      last-verified: 2026-11-28
      verify: ${value}
    `));
    expect(message).toContain('line 8: en-GB, resources item 1, verify must be true or false, like "verify: true"');
  });

  it("when a phone number has a star anywhere but at its start", () => {
    expect(loadHelpResources(tempFile(withEntry(`
      description: A short number.
      phone: "*4141"
      last-verified: 2026-12-06
    `))).sections[0]!.resources[0]!.phone).toBe("*4141");
    const { message } = errorFor(withEntry(`
      description: A short number.
      phone: "41*41"
      last-verified: 2026-12-06
    `));
    expect(message).toContain("en-GB, resources item 1, phone must be a number");
  });

  it("when there is no international section", () => {
    const { message } = errorFor(withEntry(`
      description: Someone to listen.
      phone: "116 123"
      last-verified: 2026-11-28
    `).replace(INTERNATIONAL, ""));
    expect(message).toContain('line 1: needs an "international" section');
  });

  it("when a section is not named by a language tag", () => {
    const { message } = errorFor(`United Kingdom:
  label: United Kingdom
  resources:
    - name: Samaritans
      description: Someone to listen.
      phone: "116 123"
      last-verified: 2026-11-28
${INTERNATIONAL}`);
    expect(message).toContain('line 1: United Kingdom is not a language tag like en-GB');
  });

  it("when the YAML itself is broken, or a key is repeated", () => {
    expect(errorFor(`en-GB: [\n${INTERNATIONAL}`).message).toMatch(/line \d+: this is not valid YAML/);
    expect(errorFor(`${INTERNATIONAL}${INTERNATIONAL}`).message).toMatch(/line 10: this is not valid YAML \(duplicate key\)/);
  });

  // Found by help-resources.fuzz.test.ts: these once threw the yaml library's own errors, naming neither file nor line.
  it("when anchors are repeated into billions of values, an alias has no anchor, or lists nest thousands deep", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(i === 1 ? "*a" : `*a${i - 1}`).join(", ")}]`);
    expect(errorFor(bomb.join("\n")).message).toMatch(/has problems:\n {2}line 2: repeats anchors \(\*name\) too many times/);
    expect(errorFor("international:\n  label: *nowhere\n").message).toContain("line 2: *nowhere repeats an anchor (&nowhere)");
    expect(errorFor(`label: x\n${"- ".repeat(20_000)}\nnote: y`).message).toContain("line 2: is nested too deeply to read");
  });

  it("with each problem on a line of its own, even about a key with a line break in it", () => {
    const { message } = errorFor('"en\\nGB":\n  label: x\n');
    for (const problem of message.split("\n").slice(1)) expect(problem).toMatch(/^ {2}line \d+: /);
    expect(message).toContain("line 1: en\\nGB is not a language tag");
  });

  it("when it is not a map of sections", () => {
    expect(errorFor("- just a list\n").message).toContain('line 1: expected sections like "en-GB:"');
  });

  it("lists every problem at once", () => {
    const { message } = errorFor(withEntry(`
      url: http://example.org
      last-verified: 2026-02-30
    `));
    expect(message.split("\n").slice(1)).toHaveLength(3);
    expect(message).toContain("description is missing");
  });
});

describe("the verify mark", () => {
  const entry = (more: string) =>
    loadHelpResources(
      tempFile(
        withEntry(`
          description: Someone to listen.
          phone: "116 123"
          last-verified: 2026-12-06
          ${more}
        `),
      ),
    ).sections[0]!.resources[0]!;

  it("reads verify: true as a mark, and verify: false or no line as none", () => {
    expect(entry("verify: true")).toMatchObject({ name: "Samaritans", lastVerified: "2026-12-06", verify: true });
    expect(entry("verify: false")).not.toHaveProperty("verify");
    expect(entry("")).not.toHaveProperty("verify");
  });

  const marked = (verify: boolean | undefined) => ({
    name: "A line",
    description: "A line.",
    phone: "1",
    lastVerified: "2026-12-06",
    ...(verify === undefined ? {} : { verify }),
  });
  const help: HelpResources = {
    file: "x.yaml",
    source: "",
    sections: [
      { locale: "en-GB", label: "United Kingdom", resources: [marked(undefined)] },
      { locale: "es-ES", label: "España", resources: [marked(true), marked(true), marked(undefined)] },
      { locale: "de-AT", label: "Österreich", resources: [marked(true)] },
      { locale: "international", label: "Anywhere", resources: [marked(undefined)] },
    ],
  };

  it("is counted per section, in file order, leaving out sections with none", () => {
    expect(entriesToVerify(help)).toEqual([
      { locale: "es-ES", count: 2 },
      { locale: "de-AT", count: 1 },
    ]);
  });

  it("gives one start-up warning naming how many entries each section still has to verify, and none when nothing is marked", () => {
    expect(verifyWarning(help, "content/help.yaml")).toBe(
      '3 help resources are marked "verify: true" (listed by the Beside project, not yet checked by your organisation): es-ES 2, de-AT 1. ' +
        "Check each one, then update its last-verified date and remove its verify line in content/help.yaml",
    );
    const one: HelpResources = { ...help, sections: help.sections.slice(2) };
    expect(verifyWarning(one, "the Get help list in Settings")).toMatch(/^1 help resource is marked .*: de-AT 1\. .* in the Get help list in Settings$/);
    expect(verifyWarning({ ...help, sections: [help.sections[0]!, help.sections[3]!] }, "x")).toBeUndefined();
  });

  it("never reaches participants: the Get help page's sections carry no mark", () => {
    const shown = forParticipants(help.sections);
    expect(shown.flatMap((section) => section.resources).some((resource) => "verify" in resource)).toBe(false);
    expect(shown.map((section) => section.resources.length)).toEqual([1, 3, 1, 1]);
    // The list the organiser keeps is left as it was.
    expect(help.sections[1]!.resources[0]!.verify).toBe(true);
  });
});

/** A minimal set of sections, for ordering tests. */
const sample: HelpResources = {
  file: "sample.yaml",
  source: "",
  sections: ["international", "en-US", "en-GB", "en-AU", "en-IE"].map((locale) => ({
    locale,
    label: { international: "Anywhere", "en-US": "United States", "en-GB": "United Kingdom", "en-AU": "Australia", "en-IE": "Ireland" }[locale]!,
    resources: [{ name: `${locale} line`, description: "A line.", phone: "1", lastVerified: "2026-11-28" }],
  })),
};
const order = (languages: string[], more: Omit<HelpOrder, "languages"> = {}) =>
  resourcesFor(sample, { ...more, languages }).map((section) => section.locale);

describe("resourcesFor", () => {
  it("puts exact matches first in preference order, the rest by label, international last", () => {
    expect(order(["en-IE", "en-US"])).toEqual(["en-IE", "en-US", "en-AU", "en-GB", "international"]);
  });

  it("puts the international section first when nothing matches, then the rest by label", () => {
    expect(order([])).toEqual(["international", "en-AU", "en-IE", "en-GB", "en-US"]);
    expect(order(["fr-FR", "de"])).toEqual(["international", "en-AU", "en-IE", "en-GB", "en-US"]);
  });

  it("matches only the exact region, ignoring case: no other country's section leads for a language without one", () => {
    expect(order(["en"])[0]).toBe("international");
    expect(order(["en-NZ"])[0]).toBe("international");
    expect(order(["en-gb"])[0]).toBe("en-GB");
  });

  it("keeps international last even when asked for, and lists each section once", () => {
    expect(order(["international", "en-GB", "en-GB"])).toEqual(["en-GB", "en-AU", "en-IE", "en-US", "international"]);
  });

  it("puts the organiser's regions first in their order, then the browser's, and ignores regions the list no longer has", () => {
    expect(order(["en-AU"], { regions: ["en-US", "xx-YY", "en-GB"] })).toEqual(["en-US", "en-GB", "en-AU", "en-IE", "international"]);
    expect(order(["en"], { regions: ["en-IE"] })).toEqual(["en-IE", "en-AU", "en-GB", "en-US", "international"]);
    expect(order(["en"], { regions: ["xx-YY", "international"] })[0]).toBe("international");
  });

  it("puts the section picked on the page before everything, the international one too", () => {
    expect(order(["en-AU"], { chosen: "en-gb", regions: ["en-US"] })).toEqual(["en-GB", "en-US", "en-AU", "en-IE", "international"]);
    expect(order(["en-AU"], { chosen: "international" })).toEqual(["international", "en-AU", "en-IE", "en-GB", "en-US"]);
  });
});

describe("staleEntries", () => {
  const help = (lastVerified: string): HelpResources => ({
    file: "x.yaml",
    source: "",
    sections: [{ locale: "en-GB", label: "United Kingdom", resources: [{ name: "Samaritans", description: "A line.", phone: "116 123", lastVerified }] }],
  });

  it("does not flag an entry verified exactly 365 days ago, at any time of that day", () => {
    expect(staleEntries(help("2025-11-28"), new Date("2026-11-28T00:00:00Z"))).toEqual([]);
    expect(staleEntries(help("2025-11-28"), new Date("2026-11-28T23:59:59Z"))).toEqual([]);
  });

  it("flags an entry verified 366 days ago", () => {
    expect(staleEntries(help("2025-11-27"), new Date("2026-11-28T00:00:00Z"))).toEqual([
      { locale: "en-GB", name: "Samaritans", lastVerified: "2025-11-27" },
    ]);
  });

  it("counts a leap day, and takes another limit", () => {
    expect(staleEntries(help("2024-02-28"), new Date("2025-02-28T12:00:00Z"))).toHaveLength(1); // 366 days
    expect(staleEntries(help("2026-11-20"), new Date("2026-11-28T12:00:00Z"), 7)).toHaveLength(1);
    expect(staleEntries(help("2026-11-21"), new Date("2026-11-28T12:00:00Z"), 7)).toHaveLength(0);
  });

  it("finds nothing stale in the shipped file on the day it was verified", () => {
    expect(staleEntries(loadHelpResources(SHIPPED), new Date("2026-11-28T12:00:00Z"))).toEqual([]);
  });
});

describe("parseAcceptLanguage", () => {
  it("orders by q, then by position", () => {
    expect(parseAcceptLanguage("en-US,en;q=0.9,fr-FR;q=0.95,de;q=0.9")).toEqual(["en-US", "fr-FR", "en", "de"]);
  });

  it("normalises case and drops duplicates", () => {
    expect(parseAcceptLanguage("EN-gb, en-GB;q=0.5, zh-hant-tw")).toEqual(["en-GB", "zh-Hant-TW"]);
  });

  it("ignores *, q=0, malformed tags and malformed q values", () => {
    expect(parseAcceptLanguage("*, en-AU;q=0, fr;q=abc, de;q=2, it;q=0.5, <script>, , en_GB, es")).toEqual(["es", "it"]);
  });

  it("returns nothing for a missing or empty header", () => {
    expect(parseAcceptLanguage(null)).toEqual([]);
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage(" ; ; ,,, ")).toEqual([]);
  });

  it("keeps at most 10, the most wanted", () => {
    const header = [...Array.from({ length: 20 }, (_, i) => `x${String.fromCharCode(97 + i)};q=0.5`), "en-AU;q=0.9"].join(",");
    const parsed = parseAcceptLanguage(header);
    expect(parsed).toHaveLength(10);
    expect(parsed[0]).toBe("en-AU");
  });

  it("never throws on odd input", () => {
    for (const header of ["q=1", ";q=1", "en;;;q=", "-", "en-", "a".repeat(100_000), "en;q=0.5;q=0.9", "\u0000\uFFFF"]) {
      expect(() => parseAcceptLanguage(header)).not.toThrow();
    }
  });
});
