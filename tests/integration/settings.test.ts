import fs from "node:fs";

import { describe, expect, it } from "vitest";

import type { Role } from "~/auth/roles";

import { accessRule, accessTable } from "../helpers/access";
import { signIn } from "../helpers/auth";
import { closeAllClients, connectFacilitator, connectParticipants, emit } from "../helpers/clients";
import { dump, execute, query, storedText } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { answerRound } from "../helpers/room";
import { startRun, type TestServer } from "../helpers/server";

/**
 * The organisation's settings page, against the real server: only organisers
 * reach it; each section saves its own setting to the settings table and
 * nothing else; bad input is refused with its message and changes nothing;
 * and each setting reaches where it counts (library, /help, the display, the
 * retention purge).
 */
const DAY = 24 * 60 * 60 * 1000;
const startServer = useTestServers();

const SHIPPED_HELP = fs.readFileSync("content/help.yaml", "utf8");

const TODAY = new Date().toISOString().slice(0, 10);

/** A help list of our own, one entry checked today and one long ago. */
const OWN_HELP = `international:
  label: Anywhere
  resources:
    - name: Riverside Listening Line
      description: A volunteer who listens, run by our own group.
      phone: "0800 123 456"
      last-verified: ${TODAY}
    - name: Old Directory
      description: A list of helplines that nobody has checked for a while.
      url: https://example.org/helplines
      last-verified: 2020-03-01
`;

/** Missing `last-verified` in the entry that starts on line 4. */
const BROKEN_HELP = `international:
  label: Anywhere
  resources:
    - name: Riverside Listening Line
      description: A volunteer who listens.
      phone: "0800 123 456"
`;

const VALID_FORMS: Record<string, Record<string, string>> = {
  organisation: { intent: "organisation", organisationName: "Riverside Peer Support" },
  colours: { intent: "colours", background: "#101820", text: "#f0f0f0", accent: "#ffcc33" },
  "colours-reset": { intent: "colours-reset" },
  privacy: { intent: "privacy", defaultK: "7" },
  retention: { intent: "retention", retentionDays: "14" },
  help: { intent: "help", source: OWN_HELP },
  "help-reset": { intent: "help-reset" },
  regions: { intent: "regions", region1: "en-GB" },
};

async function page(server: TestServer, path: string, role: Role = "organiser") {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: await signIn(server, role) }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

async function post(server: TestServer, form: Record<string, string>) {
  const response = await fetch(`${server.url}/settings`, {
    method: "POST",
    headers: { Cookie: await signIn(server, "organiser") },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  return { status: response.status, html: await response.text() };
}

/** The settings table, key by key, values as stored JSON. */
function storedSettings(dbFile: string): Record<string, unknown> {
  return Object.fromEntries(
    query<{ key: string; value: string }>(dbFile, "select key, value from settings").map((row) => [row.key, JSON.parse(row.value)]),
  );
}

/** The value an input named `name` shows. */
function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`<input[^>]* name="${name}"[^>]* value="([^"]*)"`).exec(html)?.[1];
}

/** React escapes quotes in text and attributes; read the page as people do. */
function unescape(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
}

describe("who may use the settings page", () => {
  it("lets organisers in; a facilitator is refused and a signed-out visitor is sent to sign in, for the page and every form on it", async () => {
    const server = await startServer();
    expect(await accessTable(server, "/settings")).toEqual(accessRule("organiser"));
    for (const form of Object.values(VALID_FORMS)) {
      expect({ intent: form.intent, access: await accessTable(server, "/settings", form) }).toEqual({
        intent: form.intent,
        access: accessRule("organiser"),
      });
    }
  });
});

describe("saving settings", () => {
  it("saves each section on its own to the settings table, says so, and shows the saved value on the page", async () => {
    const server = await startServer();
    expect(storedSettings(server.dbFile)).toEqual({});

    const saved = await post(server, VALID_FORMS.organisation!);
    expect(saved.status).toBe(200);
    expect(saved.html).toContain("Saved.");
    expect(storedSettings(server.dbFile)).toEqual({ organisationName: "Riverside Peer Support" });

    for (const intent of ["colours", "privacy", "retention"]) expect((await post(server, VALID_FORMS[intent]!)).status).toBe(200);
    expect(storedSettings(server.dbFile)).toEqual({
      organisationName: "Riverside Peer Support",
      displayColours: { background: "#101820", text: "#f0f0f0", accent: "#ffcc33" },
      defaultK: 7,
      retentionDays: 14,
    });

    const settings = await page(server, "/settings");
    expect(settings.html).toContain('<span class="staff-header__org"> · <!-- -->Riverside Peer Support</span>');
    expect(inputValue(settings.html, "organisationName")).toBe("Riverside Peer Support");
    expect(inputValue(settings.html, "background")).toBe("#101820");
    expect(inputValue(settings.html, "defaultK")).toBe("7");
    expect(inputValue(settings.html, "retentionDays")).toBe("14");
    expect(settings.html).toContain("The display uses your colours.");

    // "Use Beside's colours" forgets the organisation's and leaves the rest.
    expect((await post(server, VALID_FORMS["colours-reset"]!)).status).toBe(200);
    expect(storedSettings(server.dbFile)).toEqual({ defaultK: 7, retentionDays: 14, organisationName: "Riverside Peer Support" });
    expect((await page(server, "/settings")).html).toContain("The display uses Beside&#x27;s colours.");
  });

  it.each([
    [{ intent: "privacy", defaultK: "2" }, "defaultK", "Enter a number of answers from 3 to 50."],
    [{ intent: "privacy", defaultK: "51" }, "defaultK", "Enter a number of answers from 3 to 50."],
    [{ intent: "privacy", defaultK: "five" }, "defaultK", "Enter a number of answers from 3 to 50."],
    [{ intent: "retention", retentionDays: "0" }, "retentionDays", "Enter a number of days from 1 to 3650."],
    [{ intent: "retention", retentionDays: "3651" }, "retentionDays", "Enter a number of days from 1 to 3650."],
    [{ intent: "colours", background: "white", text: "#000000", accent: "#1b6560" }, "background", "Write the background colour as # and six hex digits, like #1b6560."],
    [{ intent: "colours", background: "#ffffff", text: "#777777", accent: "#1b6560" }, "text", "Text on this background is 4.47:1; a room needs at least 4.5:1 to read it."],
    [{ intent: "colours", background: "#ffffff", text: "#000000", accent: "#aaaaaa" }, "accent", "Bars in this accent are 2.32:1 against the background; they need at least 3:1 to be seen."],
    [{ intent: "organisation", organisationName: "x".repeat(81) }, "organisationName", "Keep the name to 80 characters."],
  ])("refuses %j with 400 and its message, keeps what was typed, and changes nothing", async (form, field, message) => {
    const server = await startServer();
    expect((await post(server, VALID_FORMS.privacy!)).status).toBe(200);
    const before = dump(server.dbFile);

    const refused = await post(server, form);
    expect(refused.status).toBe(400);
    expect(unescape(refused.html)).toContain(message);
    expect(refused.html).not.toContain("Saved.");
    expect(refused.html).toMatch(new RegExp(`<input[^>]* name="${field}" aria-invalid="true"`));
    expect(inputValue(refused.html, field)).toBe(form[field as keyof typeof form]);
    expect(dump(server.dbFile)).toBe(before);
  });

  it("starts the library's start form at the saved privacy threshold, even one above the usual choices", async () => {
    const server = await startServer();
    const selected = async () => /<option value="(\d+)" selected="">/.exec((await page(server, "/library", "facilitator")).html)?.[1];
    expect(await selected()).toBe("5");
    await post(server, { intent: "privacy", defaultK: "7" });
    expect(await selected()).toBe("7");
    await post(server, { intent: "privacy", defaultK: "20" });
    expect(await selected()).toBe("20");
  });

  it("carries the saved colours and organisation name to the audience display", async () => {
    const server = await startServer();
    const { code } = await startRun(server);
    const before = await fetch(`${server.url}/display/${code}`).then((response) => response.text());
    expect(before).toMatch(/<main class="display[ "][^>]*>/);
    expect(before).not.toMatch(/<main class="display[ "][^>]*style=/);

    await post(server, VALID_FORMS.organisation!);
    await post(server, VALID_FORMS.colours!);
    const display = await fetch(`${server.url}/display/${code}`).then((response) => response.text());
    const style = /<main class="display[ "][^>]*style="([^"]+)"/.exec(display)?.[1] ?? "";
    expect(style).toContain("--bg:#101820");
    expect(style).toContain("--ink:#f0f0f0");
    expect(style).toContain("--accent:#ffcc33");
    expect(style).toContain("color:var(--ink)");
    expect(display).toContain('<small class="display__organisation">Riverside Peer Support</small>');
  });
});

describe("the Get help list", () => {
  it("shows the organisation's own list on /help once saved, flags entries checked more than a year ago, and goes back to the shipped list", async () => {
    const server = await startServer();
    const shippedSettings = unescape((await page(server, "/settings")).html);
    expect(shippedSettings).toContain("In use: the list shipped with this server.");
    // The shipped Spanish- and German-speaking entries are marked "verify: true": the organiser sees how many, and which.
    const marked = (SHIPPED_HELP.match(/^ {6}verify: true$/gm) ?? []).length;
    expect(marked).toBeGreaterThan(0);
    expect(shippedSettings).toContain(`${marked} entries are marked verify: listed by the Beside project, not yet checked by your organisation.`);
    expect(shippedSettings).toMatch(/<td>España<\/td><td>Línea 024<\/td>(?:(?!<\/tr>).)*<\/time><strong class="settings-stale"> (?:<!-- -->)?not yet checked by you<\/strong>/);
    expect(shippedSettings).not.toMatch(/<td>United Kingdom<\/td><td>Samaritans<\/td>(?:(?!<\/tr>).)*not yet checked by you/);

    const saved = await post(server, VALID_FORMS.help!);
    expect(saved.status).toBe(200);
    expect(saved.html).toContain("Saved.");
    expect(storedSettings(server.dbFile)).toEqual({ helpResources: OWN_HELP });
    const help = (await fetch(`${server.url}/help`).then((response) => response.text()));
    expect(help).toContain("Riverside Listening Line");
    expect(help).toContain('href="tel:0800123456"');
    expect(help).not.toContain("Samaritans");

    const settings = unescape((await page(server, "/settings")).html);
    expect(settings).toContain("In use: your organisation's own list.");
    expect(settings).toContain("1 entry was last checked more than a year ago.");
    expect(settings).not.toContain("marked verify");
    expect(settings).toMatch(/<tr class="settings-help-table__stale"><td>Anywhere<\/td><td>Old Directory<\/td>/);
    expect(settings).toMatch(/<tr><td>Anywhere<\/td><td>Riverside Listening Line<\/td>/);

    const reset = await post(server, VALID_FORMS["help-reset"]!);
    expect(reset.status).toBe(200);
    expect(storedSettings(server.dbFile)).toEqual({});
    const shipped = await fetch(`${server.url}/help`).then((response) => response.text());
    expect(shipped).toContain("Samaritans");
    expect(shipped).not.toContain("Riverside Listening Line");
    expect(unescape((await page(server, "/settings")).html)).toContain(SHIPPED_HELP.split("\n")[0]);
  });

  it("refuses a list with problems, naming each one's line, keeps the typed text, and leaves /help as it was", async () => {
    const server = await startServer();
    expect((await post(server, VALID_FORMS.help!)).status).toBe(200);
    // The page as it reads: each response has a fresh script nonce, which is no change to the list.
    const helpPage = async () => (await fetch(`${server.url}/help`).then((response) => response.text())).replace(/ nonce="[^"]*"/g, "");
    const before = { help: await helpPage(), db: dump(server.dbFile) };

    const refused = await post(server, { intent: "help", source: BROKEN_HELP });
    expect(refused.status).toBe(400);
    const html = unescape(refused.html);
    expect(html).toContain("This list has the problems below, so nothing was saved.");
    expect(html).toMatch(/<ul class="error settings-help-form__problems" role="alert"[^>]*><li>line 4: international, resources item 1, last-verified is missing<\/li><\/ul>/);
    expect(html).toContain(BROKEN_HELP);

    const notYaml = await post(server, { intent: "help", source: "international:\n  label: [Anywhere\n" });
    expect(notYaml.status).toBe(400);
    expect(notYaml.html).toMatch(/<li>line \d+: this is not valid YAML/);

    expect(await helpPage()).toBe(before.help);
    expect(dump(server.dbFile)).toBe(before.db);
  });
});

describe("the group's regions", () => {
  /** The value of the option a select shows as chosen. */
  const chosenIn = (html: string, name: string) => {
    const select = new RegExp(`<select[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
    return /<option value="([^"]*)" selected=""/.exec(select)?.[1]?.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  };

  it("saves the regions in the organiser's order and shows them chosen", async () => {
    const server = await startServer();
    const saved = await post(server, { intent: "regions", region1: "en-CA", region2: "", region3: "en-GB" });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain("Saved.");
    expect(storedSettings(server.dbFile)).toEqual({ helpRegions: ["en-CA", "en-GB"] });
    const html = (await page(server, "/settings")).html;
    expect([chosenIn(html, "region1"), chosenIn(html, "region2"), chosenIn(html, "region3")]).toEqual(["en-CA", "en-GB", ""]);
    // Native selects, each labelled with its place in the order: chosen by keyboard like any other field.
    for (const [name, label] of [["region1", "First region"], ["region2", "Second region"], ["region3", "Third region"]]) {
      const id = new RegExp(`<select id="([^"]+)" name="${name}"`).exec(html)?.[1];
      expect({ name, label: id && html.includes(`<label for="${id}">${label}</label>`) }).toEqual({ name, label: true });
    }
    expect(html).toContain("<legend>Regions shown first</legend>");
    // Choosing none forgets them.
    expect((await post(server, { intent: "regions", region1: "", region2: "", region3: "" })).status).toBe(200);
    expect(storedSettings(server.dbFile)).toEqual({});
  });

  it.each([
    [{ region1: "en-GB", region2: "xx-YY", region3: "en-CA" }, "xx-YY is not a section of the Get help list in use, so nothing was saved. Choose from the list."],
    [{ region1: "en-GB", region2: "international", region3: "" }, "Choose a region from the list."],
    [{ region1: "en-GB", region2: "en-gb", region3: "en-CA" }, "Choose each region once."],
    [{ region1: "en-GB", region2: "<script>", region3: "en-CA" }, "Choose a region from the list."],
  ])("refuses %j with its message, keeps every choice as typed, and saves nothing", async (typed, message) => {
    const server = await startServer();
    expect((await post(server, VALID_FORMS.regions!)).status).toBe(200);
    const before = dump(server.dbFile);

    const refused = await post(server, { intent: "regions", ...typed });
    expect(refused.status).toBe(400);
    expect(unescape(refused.html)).toContain(message);
    expect(refused.html).not.toContain("Saved.");
    for (const [name, value] of Object.entries(typed)) expect({ name, chosen: chosenIn(refused.html, name) }).toEqual({ name, chosen: value });
    expect(dump(server.dbFile)).toBe(before);
  });
});

describe("free-text retention", () => {
  it("drives the purge: text of a run ended 2 days ago stays under the 30-day default, and goes at the next start-up once retention is 1 day; its responses stay", async () => {
    const first = await startServer();
    const { code, cookie } = await startRun(first, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(first.url, code, cookie);
    const phones = await connectParticipants(first.url, code, 3);
    const APPROVED = "retentiontest: phone my brother on Sundays";
    await answerRound({ facilitator, state, phones }, "small-ask", phones.map(() => ({ type: "open-text" as const, text: APPROVED })));
    expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text: APPROVED, action: "approve" })).ok).toBe(true);
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    closeAllClients();
    await first.stop();
    const runId = query<{ id: string }>(first.dbFile, "select id from runs where code = ?", code)[0]!.id;
    const responses = () => query(first.dbFile, "select count(*) as count from responses where run_id = ? and prompt_id = 'small-ask'", runId);
    expect(execute(first.dbFile, "update runs set ended_at = ? where id = ?", new Date(Date.now() - 2 * DAY), runId)).toBe(1);

    const second = await startServer({ dbFile: first.dbFile });
    expect(storedText(first.dbFile)).toContain(APPROVED);
    expect((await post(second, { intent: "retention", retentionDays: "1" })).status).toBe(200);
    await second.stop();

    await startServer({ dbFile: first.dbFile });
    expect(storedText(first.dbFile)).not.toContain(APPROVED);
    expect(query(first.dbFile, "select text_purged_at from runs where id = ?", runId)[0]!.text_purged_at).not.toBeNull();
    expect(responses()).toEqual([{ count: 3 }]);
  });
});
