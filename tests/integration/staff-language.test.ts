import fs from "node:fs";

import { describe, expect, it } from "vitest";

import { consoleStringsFor } from "~/strings/console-catalogues";
import { staffDe } from "~/strings/de/staff-pages";
import { staffEn } from "~/strings/en/staff-pages";
import { staffEs } from "~/strings/es/staff-pages";

import { signIn } from "../helpers/auth";
import { query } from "../helpers/database";
import { fetchPage } from "../helpers/fetch-page";
import { useTestServers } from "../helpers/lifecycle";
import { textOf } from "../helpers/page-text";
import { CONTENT_PLANS, startRun, type TestServer } from "../helpers/server";

/**
 * Issue 18, step 2: a staff member's pages and console speak the language on their account, whatever the plan's;
 * the display and the phones keep the plan's. Every expected text comes from the catalogues, never written here.
 */
const startServer = useTestServers("test");

/** A page, with its text as read and its `<html lang>`. */
async function page(server: TestServer, pathname: string, init: Parameters<typeof fetchPage>[2] = {}) {
  const { html, ...response } = await fetchPage(server, pathname, init);
  return { ...response, html, text: textOf(html), lang: /<html lang="([^"]+)"/.exec(html)?.[1] };
}

function post(server: TestServer, pathname: string, fields: Record<string, string>, cookie: string) {
  return page(server, pathname, { method: "POST", body: new URLSearchParams(fields), cookie });
}

const languageOf = (server: TestServer, email: string) =>
  query<{ language: string | null }>(server.dbFile, "select language from accounts where email = ?", email)[0]!.language;

const FACILITATOR = "fran@example.org";

describe("a staff member's language", () => {
  it("is English until chosen, and Spanish everywhere once chosen on the account page: library, plan page, account page, a refused form", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const cookie = await signIn(server, "facilitator");
    expect(languageOf(server, FACILITATOR)).toBeNull();

    const before = await page(server, "/account", { cookie });
    expect(before.lang).toBe("en");
    expect(before.text).toContain(staffEn.staff.account.heading);
    // Each language is offered in its own words.
    for (const name of ["English", "Español", "Deutsch"]) expect(before.text).toContain(name);

    const chosen = await post(server, "/account", { intent: "language", language: "es" }, cookie);
    expect(chosen.status).toBe(302);
    expect(languageOf(server, FACILITATOR)).toBe("es");

    const account = await page(server, "/account?language", { cookie });
    expect(account.lang).toBe("es");
    expect(account.text).toContain(staffEs.staff.account.heading);
    expect(account.text).toContain(staffEs.staff.account.languageSaved);
    expect(account.text).not.toContain(staffEn.staff.account.heading);

    const library = await page(server, "/library", { cookie });
    expect(library.lang).toBe("es");
    expect(library.html).toContain(`<title>${staffEs.library.title}</title>`);
    expect(library.text).toContain(staffEs.library.heading);
    expect(library.text).toContain(staffEs.staff.header.signOut);

    const plan = await page(server, "/library/hyper-independence", { cookie });
    expect(plan.status).toBe(200);
    expect(plan.lang).toBe("es");
    expect(plan.text).toContain(staffEs.library.plan.actions);
    expect(plan.text).not.toContain(staffEn.library.plan.actions);

    // A refused form says why in Spanish: the server's refusal, not only the browser's.
    const refused = await post(server, "/account", { current: "", password: "short" }, cookie);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(staffEs.staff.forms.enterCurrentPassword);
    expect(refused.text).not.toContain(staffEn.staff.forms.enterCurrentPassword);
  });

  it("refuses a language Beside doesn't offer, and keeps the one the account had", async () => {
    const server = await startServer();
    const cookie = await signIn(server, "facilitator");
    expect((await post(server, "/account", { intent: "language", language: "de" }, cookie)).status).toBe(302);

    for (const language of ["fr", "en-XB", "", "de<script>"]) {
      const refused = await post(server, "/account", { intent: "language", language }, cookie);
      expect(refused.status).toBe(400);
      // Said in the language the account still has.
      expect(refused.text).toContain(staffDe.staff.forms.chooseLanguage);
      expect(languageOf(server, FACILITATOR)).toBe("de");
    }
    // Back to English is a choice like any other: stored as none.
    expect((await post(server, "/account", { intent: "language", language: "en" }, cookie)).status).toBe(302);
    expect(languageOf(server, FACILITATOR)).toBeNull();
  });

  it("gives the console the facilitator's language, and leaves the display of the same run in the plan's", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const { code, cookie } = await startRun(server, "hyper-independence-de");
    expect((await post(server, "/account", { intent: "language", language: "es" }, cookie)).status).toBe(302);

    const console_ = await page(server, `/console/${code}`, { cookie });
    expect(console_.status).toBe(200);
    expect(console_.lang).toBe("es");
    const es = consoleStringsFor("es");
    expect(console_.text).toContain(es.openDisplay);
    expect(console_.text).not.toContain(consoleStringsFor("de").openDisplay);
    // The plan's own words keep their language.
    expect(console_.html).toMatch(/<h1 id="current-title" lang="de"/);

    const display = await page(server, `/display/${code}`);
    expect(display.status).toBe(200);
    expect(display.lang).toBe("de");
  });

  it("follows the browser's language while nobody is signed in", async () => {
    const server = await startServer();
    const spanish = await page(server, "/login", { headers: { "Accept-Language": "es-MX,es;q=0.9,en;q=0.5" } });
    expect(spanish.lang).toBe("es");
    expect(spanish.text).toContain(staffEs.staff.signIn.heading);
    expect(spanish.html).toContain(`<title>${staffEs.staff.signIn.title}</title>`);

    const german = await page(server, "/login", { headers: { "Accept-Language": "de-AT" } });
    expect(german.lang).toBe("de");
    expect(german.text).toContain(staffDe.staff.signIn.heading);

    const other = await page(server, "/login", { headers: { "Accept-Language": "fr-FR" } });
    expect(other.lang).toBe("en");
    expect(other.text).toContain(staffEn.staff.signIn.heading);
  });

  it("reads the facilitator guide in the reader's language, a signed-in account's or the browser's, each page marked with its own", async () => {
    const server = await startServer();
    const titleOf = (file: string) => fs.readFileSync(file, "utf8").split("\n")[0]!.replace(/^# /, "");
    const [english, spanish, german] = ["content/guide", "content/guide/es", "content/guide/de"].map((dir) => titleOf(`${dir}/README.md`));

    const signedOut = await page(server, "/guide", { headers: { "Accept-Language": "de-CH" } });
    expect(signedOut.lang).toBe("de");
    expect(signedOut.html).toContain(`<h1 lang="de">${german}</h1>`);
    const role = await page(server, "/guide/your-role", { headers: { "Accept-Language": "de-CH" } });
    expect(role.html).toContain(`<h1 lang="de">${titleOf("content/guide/de/your-role.md")}</h1>`);

    const cookie = await signIn(server, "facilitator");
    expect((await post(server, "/account", { intent: "language", language: "es" }, cookie)).status).toBe(302);
    const chosen = await page(server, "/guide", { cookie, headers: { "Accept-Language": "de-CH" } });
    expect(chosen.lang).toBe("es");
    expect(chosen.html).toContain(`<h1 lang="es">${spanish}</h1>`);

    const other = await page(server, "/guide", { headers: { "Accept-Language": "fr-FR" } });
    expect(other.html).toContain(`<h1 lang="en">${english}</h1>`);
  });
});
