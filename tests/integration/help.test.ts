import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { signIn } from "../helpers/auth";
import { useTestServers } from "../helpers/lifecycle";
import type { TestServer } from "../helpers/server";

let server: TestServer;

const startServer = useTestServers("file");

beforeAll(async () => {
  server = await startServer();
});

const page = async (pathname: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** The shipped regional sections' headings, by label as the page sorts them (the accented ones among their letters). */
const OTHERS_BY_LABEL = [
  "Argentina",
  "Australia",
  "Canada",
  "Chile",
  "Colombia",
  "Deutschland",
  "España",
  "Estados Unidos (en español)",
  "Ireland",
  "México",
  "New Zealand",
  "Österreich",
  "Schweiz",
  "United Kingdom",
  "United States",
];

/** The section headings (h2) in the order the page shows them. */
const headings = (html: string) => [...html.matchAll(/<h2 id="help-[^"]+">([^<]+)<\/h2>/g)].map((match) => match[1]);

describe("the Get help page", () => {
  it("puts the browser's region first and the international directory last", async () => {
    const help = await page("/help", { "Accept-Language": "en-AU,en;q=0.9" });
    expect(help.status).toBe(200);
    expect(help.headers.get("vary")).toMatch(/Accept-Language/i);
    expect(help.text).toContain("<title>Get help · Beside</title>");
    expect(help.text).toContain("If you are in danger right now, call your local emergency number.");
    expect(headings(help.text)).toEqual([
      "Australia",
      ...OTHERS_BY_LABEL.filter((label) => label !== "Australia"),
      "Anywhere",
      "Other places",
    ]);
    const lifeline = help.text.indexOf("Lifeline");
    expect(lifeline).toBeGreaterThan(-1);
    expect(lifeline).toBeLessThan(help.text.indexOf("findahelpline.com"));
    expect(help.text).toContain('href="tel:131114"');
    expect(help.text).toContain('href="sms:0477131114"');
    expect(help.text).toContain("28 November 2026");
  });

  it("shows the chosen place first with ?locale=", async () => {
    const help = await page("/help?locale=en-GB", { "Accept-Language": "en-AU" });
    expect(headings(help.text)[0]).toBe("United Kingdom");
    expect(help.text).toContain("Samaritans");
    expect(help.text).toContain('href="tel:116123"');
    expect(help.text).toContain('href="https://www.samaritans.org" target="_blank" rel="noopener noreferrer"');
  });

  it("ignores a ?locale= it doesn't have, and works with no Accept-Language", async () => {
    const help = await page("/help?locale=xx-YY");
    expect(help.status).toBe(200);
    // Nothing picks a section: the international directory leads, then the places by label (decision 030).
    expect(headings(help.text)).toEqual(["Anywhere", ...OTHERS_BY_LABEL, "Other places"]);
  });

  it.each([
    ["en", "Anywhere", []],
    ["en-CA,en;q=0.8", "Canada", ["911"]],
    ["en-NZ,en;q=0.8", "New Zealand", ["111"]],
    ["en-AU,en;q=0.8", "Australia", ["000"]],
    ["en-ZA,en;q=0.8", "Anywhere", []],
  ])("with Accept-Language %s, puts %s first and no other country's emergency number before it", async (language, first, ownEmergency) => {
    const help = await page("/help", { "Accept-Language": language });
    expect(headings(help.text)[0]).toBe(first);
    // The emergency numbers (tel: links to 000, 111, 911, 999, 112) that come before the first section's end.
    const firstSection = help.text.slice(0, help.text.indexOf("</section>"));
    const emergency = [...firstSection.matchAll(/href="tel:(000|111|911|999|112)"/g)].map((match) => match[1]);
    expect(emergency).toEqual(ownEmergency);
  });

  it("lists Canada's and New Zealand's services, each dated", async () => {
    const canada = await page("/help?locale=en-CA");
    expect(headings(canada.text)[0]).toBe("Canada");
    for (const link of ['href="tel:988"', 'href="sms:988"', 'href="tel:18006686868"', 'href="sms:686868"', 'href="tel:911"']) {
      expect(canada.text).toContain(link);
    }
    const zealand = await page("/help?locale=en-NZ");
    expect(headings(zealand.text)[0]).toBe("New Zealand");
    for (const link of ['href="tel:1737"', 'href="sms:1737"', 'href="tel:0800543354"', 'href="sms:4357"', 'href="tel:111"']) {
      expect(zealand.text).toContain(link);
    }
    expect(zealand.text).toContain('<time dateTime="2026-12-06">6 December 2026</time>');
  });

  it("lists the Spanish- and German-speaking places in their own language, marked as such, without the organisers' verify mark", async () => {
    const spain = await page("/help?locale=es-ES", { "Accept-Language": "es-ES,es;q=0.9" });
    expect(headings(spain.text)[0]).toBe("España");
    expect(spain.text).toMatch(/<section class="help__section" aria-labelledby="help-es-ES" lang="es-ES">/);
    for (const link of ['href="tel:024"', 'href="tel:717003717"', 'href="tel:112"']) expect(spain.text).toContain(link);
    expect(spain.text).toContain("Teléfono de la Esperanza");
    // A place in the list of other places is named in its language too.
    expect(spain.text).toMatch(/<a [^>]*lang="de-CH"[^>]*>Schweiz<\/a>/);
    // Chile's prevention line is dialled with its star.
    expect((await page("/help?locale=es-CL")).text).toContain('href="tel:*4141"');
    const austria = await page("/help", { "Accept-Language": "de-AT,de;q=0.9" });
    expect(headings(austria.text)[0]).toBe("Österreich");
    for (const link of ['href="tel:142"', 'href="tel:147"', 'href="tel:144"']) expect(austria.text).toContain(link);
    // Every one of those entries is marked "verify: true" in the file: the mark is for organisers, never for the page or its data.
    for (const text of [spain.text, austria.text]) expect(text).not.toMatch(/verify/i);
  });

  it("links back to the session only for a code that could be one", async () => {
    const bad = await page("/help?from=BAD!!");
    expect(bad.status).toBe(200);
    expect(bad.text).not.toContain("Back to the session");
    expect(bad.text).not.toContain("BAD!!");

    const good = await page("/help?from=k7m2qx");
    expect(good.text).toContain("Back to the session");
    expect(good.text).toContain('href="/j/K7M2QX"');
    // The other places keep the way back.
    expect(good.text).toContain('href="/help?locale=en-GB&amp;from=K7M2QX"');
  });

  it("never logs the browser's languages", async () => {
    await page("/help", { "Accept-Language": "en-AU" });
    expect(server.logs.join("\n")).not.toContain("en-AU");
  });

  it("leaves no line in the log for a visit, so nobody can tell who looked for help in which session, or when", async () => {
    // Only what the visits log: the start-up warnings name the help file (content/help.yaml).
    const before = server.logs.length;
    await page("/help?from=ABCDEF&locale=en-GB");
    await page("/login");
    const log = server.logs.slice(before).join("\n");
    expect(log).toContain(`path="/login"`); // staff pages' requests are logged
    expect(log).not.toContain("/help");
    expect(log).not.toContain("ABCDEF");
  });
});

describe("the group's regions", () => {
  it("come first on every phone in the organiser's order, before the browser's own region, and a region the list no longer has is skipped", async () => {
    const own = await startServer();
    const cookie = await signIn(own, "organiser");
    const save = (form: Record<string, string>) =>
      fetch(`${own.url}/settings`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form), redirect: "manual" });
    expect((await save({ intent: "regions", region1: "en-NZ", region2: "en-GB", region3: "" })).status).toBe(200);

    const at = async (language: string) =>
      headings(await fetch(`${own.url}/help`, { headers: { "Accept-Language": language } }).then((response) => response.text()));
    expect((await at("en-AU")).slice(0, 3)).toEqual(["New Zealand", "United Kingdom", "Australia"]);
    // With no region of the browser's own, the organiser's come first, then every other place by label.
    expect((await at("en")).slice(0, 3)).toEqual(["New Zealand", "United Kingdom", "Argentina"]);
    expect((await at("en")).at(-2)).toBe("Anywhere");

    // The organisation's own help list drops New Zealand: the saved choice is skipped, not an error.
    const withoutNewZealand = fs.readFileSync("content/help.yaml", "utf8").replace(/\nen-NZ:[\s\S]*?\n\n/, "\n");
    expect(withoutNewZealand).not.toContain("en-NZ:");
    expect((await save({ intent: "help", source: withoutNewZealand })).status).toBe(200);
    const after = await at("en-AU");
    expect(after.slice(0, 2)).toEqual(["United Kingdom", "Australia"]);
    expect(after).not.toContain("New Zealand");
    const settings = await fetch(`${own.url}/settings`, { headers: { Cookie: cookie } });
    expect(settings.status).toBe(200);
  });
});

describe("start-up", () => {
  it("warns, without refusing to start, about each entry verified more than a year ago", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-help-"));
    const file = path.join(dir, "help.yaml");
    const shipped = fs.readFileSync("content/help.yaml", "utf8");
    // Only the Samaritans entries (en-GB, en-IE) are made old.
    fs.writeFileSync(file, shipped.replace(/(phone: "116 123"[\s\S]*?last-verified: )2026-11-28/g, "$12024-01-01"));
    // The file is read at start-up only, so it can go at once; the server is stopped (and checked for errors) with the file's others.
    const stale = await startServer({ env: { HELP_FILE: file } });
    try {
      const warnings = stale.logs.filter((line) => line.includes(" WARN "));
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toContain(
        `help resource "Samaritans" (en-GB) was last verified on 2024-01-01, more than a year ago: check it and update ${file}`,
      );
      expect(warnings[1]).toContain('"Samaritans" (en-IE)');
      // The shipped Spanish- and German-speaking entries are still marked to verify: one line for all, counted per section.
      const marked = (shipped.match(/^ {6}verify: true$/gm) ?? []).length;
      expect(warnings[2]).toContain(`${marked} help resources are marked "verify: true" (listed by the Beside project, not yet checked by your organisation): es-ES 5, es-MX 3,`);
      expect(warnings[2]).toContain(`de-CH 3. Check each one, then update its last-verified date and remove its verify line in ${file}`);
      expect((await fetch(`${stale.url}/help`)).status).toBe(200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
