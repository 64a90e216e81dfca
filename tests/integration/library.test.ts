import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { accessRule, accessTable } from "../helpers/access";
import { signIn } from "../helpers/auth";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { formatStaffDate } from "~/utils/dates";

import { CONTENT_PLANS, startRun, type TestServer } from "../helpers/server";

const startServer = useTestServers("test");
const BUILT_IN = fs.readFileSync(path.join(CONTENT_PLANS, "hyper-independence.md"), "utf8");
const TEMPLATE = fs.readFileSync("content/templates/plan.md", "utf8");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type Role = "organiser" | "facilitator";

async function post(server: TestServer, role: Role, url: string, body: Record<string, string> | FormData) {
  return fetch(`${server.url}${url}`, {
    method: "POST",
    headers: { Cookie: await signIn(server, role) },
    body: body instanceof FormData ? body : new URLSearchParams(body),
    redirect: "manual",
  });
}

async function get(server: TestServer, role: Role, url: string) {
  return fetch(`${server.url}${url}`, { headers: { Cookie: await signIn(server, role) }, redirect: "manual" });
}

/** A page's text with React's markers between text pieces taken out. */
async function page(server: TestServer, role: Role, url: string): Promise<string> {
  const response = await get(server, role, url);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll("<!-- -->", "");
}

async function clone(server: TestServer, key: string, version?: number): Promise<string> {
  const response = await post(server, "organiser", `/library/${key}?index`, { intent: "clone", version: version ? String(version) : "" });
  expect(response.status).toBe(302);
  const copy = /^\/library\/(own_[a-z0-9]+)\/edit$/.exec(response.headers.get("location") ?? "")?.[1];
  expect(copy).toBeDefined();
  return copy!;
}

async function save(server: TestServer, key: string, source: string) {
  return post(server, "organiser", `/library/${key}/edit`, { source });
}

async function importPlan(server: TestServer, name: string, text: string) {
  const form = new FormData();
  form.append("plan", new Blob([text], { type: "text/markdown" }), name);
  return post(server, "organiser", "/library/import", form);
}

function runCount(server: TestServer): number {
  return query<{ n: number }>(server.dbFile, "select count(*) as n from runs")[0]!.n;
}

describe("the plan library", () => {
  it("clones a built-in plan under a new plan id, keeps each saved version, and starts runs on the newest valid one", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const key = await clone(server, "hyper-independence");

    const v1 = (await (await get(server, "organiser", `/library/${key}/export`)).text());
    // The copy has a plan id of its own, so its exports and runs never pass for the built-in plan.
    expect(v1).toBe(
      BUILT_IN.replace(/^title: .*$/m, 'title: "Going it alone: understanding hyper-independence (copy)"').replace(
        /^id: hyper-independence$/m,
        "id: hyper-independence-copy",
      ),
    );
    expect(await page(server, "organiser", "/library")).toContain("Going it alone: understanding hyper-independence (copy)");
    expect(await page(server, "organiser", `/library/${key}/edit`)).toContain("Editing version 1");

    const v2 = v1.replace("You are welcome here, exactly as you are.", "Come in, sit where you like.");
    const saved = await save(server, key, v2);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/library/${key}/edit?saved=2`);
    expect(await page(server, "organiser", `/library/${key}/edit?saved=2`)).toContain("Saved version 2.");

    // Saving the same text again makes no version.
    expect((await save(server, key, v2)).status).toBe(200);
    expect(query(server.dbFile, "select version from plan_versions where plan_id = ?", key)).toHaveLength(2);

    // Version 1 is still there, exactly as it was.
    const export1 = await get(server, "organiser", `/library/${key}/export?version=1`);
    expect(await export1.text()).toBe(v1);
    expect(export1.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(export1.headers.get("content-disposition")).toBe('attachment; filename="hyper-independence-copy-v1.md"');
    const preview1 = await page(server, "facilitator", `/library/${key}?version=1`);
    expect(preview1).toContain("You are welcome here, exactly as you are.");
    expect(preview1).not.toContain("Come in, sit where you like.");
    expect(await page(server, "facilitator", `/library/${key}`)).toContain("Come in, sit where you like.");

    // An invalid edit is kept as a draft, with its error at its line.
    const v3 = v2.replace("duration: 90", "duration: soon");
    const durationLine = v3.split("\n").findIndex((line) => line === "duration: soon") + 1;
    expect((await save(server, key, v3)).status).toBe(302);
    expect(query(server.dbFile, "select version, valid from plan_versions where plan_id = ? order by version", key)).toEqual([
      { version: 1, valid: 1 },
      { version: 2, valid: 1 },
      { version: 3, valid: 0 },
    ]);
    const draftPage = await page(server, "organiser", `/library/${key}`);
    expect(draftPage).toContain(`Line ${durationLine}:`);
    expect(draftPage).toContain("New runs use version 2.");
    expect(await page(server, "organiser", `/library/${key}/edit?saved=3`)).toContain("Runs keep using version 2, the newest valid one.");

    const started = await post(server, "facilitator", `/library/${key}?index`, { intent: "start", k: "5" });
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toMatch(/^\/console\/[A-Z0-9]+$/);
    expect(query(server.dbFile, "select plan_id, plan_version, plan_hash from runs")).toEqual([
      { plan_id: key, plan_version: 2, plan_hash: sha256(v2) },
    ]);
  });

  it("New plan creates an own plan whose text is the template, opens its editor, and gives a second one a plan id of its own", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const newPlan = async () => {
      const response = await post(server, "organiser", "/library?index", { intent: "new-plan" });
      expect(response.status).toBe(302);
      const key = /^\/library\/(own_[a-z0-9]+)\/edit$/.exec(response.headers.get("location") ?? "")?.[1];
      expect(key).toBeDefined();
      return key!;
    };

    const first = await newPlan();
    expect(await (await get(server, "organiser", `/library/${first}/export`)).text()).toBe(TEMPLATE);
    const editor = await page(server, "organiser", `/library/${first}/edit`);
    expect(editor).toContain("Editing version 1");
    // The template has no mistakes, so the new plan is a valid version 1, not a draft, and can be started at once.
    expect(query(server.dbFile, "select valid, created_by is not null as \"byAccount\" from plan_versions where plan_id = ?", first)).toEqual([{ valid: 1, byAccount: 1 }]);
    expect(await page(server, "organiser", "/library")).toContain("A new plan: write its title here");

    // The first one took the template's plan id, so the next gets its own; the rest of its text is the template's.
    const second = await newPlan();
    expect(second).not.toBe(first);
    const text = await (await get(server, "organiser", `/library/${second}/export`)).text();
    expect(text).toBe(TEMPLATE.replace(/^id: new-plan$/m, "id: new-plan-2"));
  });

  it("can't start a plan whose only version has errors, and writes nothing", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const imported = await importPlan(server, "broken.md", BUILT_IN.replace("duration: 90", "duration: soon"));
    expect(imported.status).toBe(302);
    const key = /\/library\/(own_[a-z0-9]+)$/.exec(imported.headers.get("location") ?? "")![1]!;

    expect(await page(server, "organiser", `/library/${key}`)).toContain("be started yet: none of its versions is free of errors.");
    const fromPage = await post(server, "facilitator", `/library/${key}?index`, { intent: "start", k: "5" });
    const fromLibrary = await post(server, "facilitator", "/library?index", { planId: key, k: "5" });
    expect([fromPage.status, fromLibrary.status]).toEqual([400, 400]);
    // The plan's card has no start form to show the reason on, so the page says it at the top.
    expect(await fromLibrary.text()).toMatch(/role="alert">[^<]*has errors to fix before it can be started/);
    expect(runCount(server)).toBe(0);
    expect(query(server.dbFile, "select count(*) as n from plan_snapshots")).toEqual([{ n: 0 }]);
  });

  it("imports a Markdown file and exports it back byte for byte", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const text = BUILT_IN.replace("id: hyper-independence", "id: ours").replace("You are welcome here", "Bienvenue, café — ü, you are welcome here");
    const bytes = new TextEncoder().encode(text);
    // The browser's Blob sends the text as UTF-8: these bytes.
    const imported = await importPlan(server, "ours.md", text);
    expect(imported.status).toBe(302);
    const key = /\/library\/(own_[a-z0-9]+)$/.exec(imported.headers.get("location") ?? "")![1]!;

    const exported = await get(server, "organiser", `/library/${key}/export`);
    expect(Buffer.from(await exported.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="ours-v1.md"');
    const builtIn = await get(server, "organiser", "/library/hyper-independence/export");
    expect(await builtIn.text()).toBe(BUILT_IN);
    expect(builtIn.headers.get("content-disposition")).toBe('attachment; filename="hyper-independence.md"');
  });

  it("refuses an import that isn't a .md file, is empty or is too big, and saves nothing", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const refusals = [
      [await importPlan(server, "plan.txt", BUILT_IN), "Choose a Markdown file: its name ends in .md."],
      [await importPlan(server, "plan.md", ""), "That file is empty."],
      [await importPlan(server, "plan.md", BUILT_IN + "x".repeat(200_001)), "That file is too big: a plan can be at most 200 KB."],
      [await post(server, "organiser", "/library/import", { plan: "not a file" }), "Choose a .md file to import."],
    ] as const;
    for (const [response, message] of refusals) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect(query(server.dbFile, "select count(*) as n from plans")).toEqual([{ n: 0 }]);
  });

  it("archive hides a plan from the library, restore brings it back", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const key = await clone(server, "hyper-independence");
    const title = "Going it alone: understanding hyper-independence (copy)";
    const mainList = (html: string) => html.split('id="archived-plans"')[0]!;

    expect((await post(server, "organiser", `/library/${key}?index`, { intent: "archive" })).status).toBe(302);
    expect(await page(server, "facilitator", "/library")).not.toContain(title);
    const organiserView = await page(server, "organiser", "/library");
    expect(mainList(organiserView)).not.toContain(title);
    expect(organiserView.split('id="archived-plans"')[1]).toContain(title);
    expect(organiserView).toContain("an organiser can restore them here.");
    expect(organiserView).not.toContain("can still be started");
    // Hidden, not gone: its page still starts runs.
    expect((await post(server, "facilitator", `/library/${key}?index`, { intent: "start", k: "5" })).status).toBe(302);

    expect((await post(server, "organiser", `/library/${key}?index`, { intent: "restore" })).status).toBe(302);
    expect(mainList(await page(server, "organiser", "/library"))).toContain(title);
    expect(await page(server, "facilitator", "/library")).toContain(title);
  });

  it("checks a text without saving it, and lists its errors by line", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const bad = BUILT_IN.replace("# Before we begin", "# Before we begin\n\n```prompt\nid: x\ntype: nope\n```");
    const promptLine = bad.split("\n").indexOf("```prompt") + 1;
    const checked = await post(server, "organiser", "/library/check", { source: bad });
    expect(checked.status).toBe(200);
    const result = (await checked.json()) as { ok: boolean; issues: Array<{ line: number; message: string }> };
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ line: promptLine + 2, message: expect.stringContaining('"type" must be one of') }]);

    const good = (await (await post(server, "organiser", "/library/check", { source: BUILT_IN })).json()) as { ok: boolean; plan: { title: string } };
    expect(good).toMatchObject({ ok: true, plan: { title: "Going it alone: understanding hyper-independence" } });
    expect(query(server.dbFile, "select count(*) as n from plan_versions")).toEqual([{ n: 0 }]);
  });

  it("shows a built-in plan's editor as a message with a Clone button", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const html = await page(server, "organiser", "/library/hyper-independence/edit");
    expect(html).toContain("This is a built-in plan: it can&#x27;t be changed here.");
    expect((await save(server, "hyper-independence", BUILT_IN)).status).toBe(403);
  });

  it("lets facilitators view plans and start runs, and only organisers change them", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const key = await clone(server, "hyper-independence");
    const facilitator = accessRule("facilitator");
    const organiser = accessRule("organiser");
    const table = async (url: string, form?: Record<string, string>) => accessTable(server, url, form);

    expect(await table("/library")).toEqual(facilitator);
    expect(await table("/library/hyper-independence")).toEqual(facilitator);
    expect(await table(`/library/${key}?version=1`)).toEqual(facilitator);
    expect(await table("/library?index", { planId: key, k: "5" })).toEqual(facilitator);
    expect(await table(`/library/${key}?index`, { intent: "start", k: "5" })).toEqual(facilitator);

    expect(await table(`/library/${key}?index`, { intent: "clone", version: "1" })).toEqual(organiser);
    expect(await table("/library?index", { intent: "new-plan" })).toEqual(organiser);
    expect(await table(`/library/${key}?index`, { intent: "archive" })).toEqual(organiser);
    expect(await table(`/library/${key}?index`, { intent: "restore" })).toEqual(organiser);
    expect(await table(`/library/${key}/edit`)).toEqual(organiser);
    expect(await table(`/library/${key}/edit`, { source: BUILT_IN })).toEqual(organiser);
    expect(await table(`/library/${key}/export?version=1`)).toEqual(organiser);
    expect(await table("/library/hyper-independence/export")).toEqual(organiser);
    expect(await table("/library/check", { source: BUILT_IN })).toEqual(organiser);
    expect(await table("/library/import")).toEqual(organiser);
    expect(await table("/library/import", { plan: "x" })).toEqual(organiser);
  });

  it("puts the page's heading first, and names the plan on each card's start button", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const { cookie } = await startRun(server, "hyper-independence", 5);
    const response = await fetch(`${server.url}/library`, { headers: { Cookie: cookie } });
    const html = (await response.text()).replaceAll("<!-- -->", "");

    expect(html.indexOf("<h1")).toBeGreaterThan(-1);
    expect(html.indexOf("<h1")).toBeLessThan(html.indexOf("Your running sessions"));
    expect(html).toContain("Continue “Going it alone: understanding hyper-independence”");
    // Heard out of the card's context, the button still says which plan it starts.
    expect(html).toContain('Start a run<span class="visually-hidden"> of Going it alone: understanding hyper-independence</span>');
  });

  it("makes only a one-sentence count live in the editor, with the list of errors outside it", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const key = await clone(server, "hyper-independence");
    const liveRegions = (html: string) => [...html.matchAll(/<p role="status">([^<]*)<\/p>/g)].map((match) => match[1]);

    const valid = await page(server, "organiser", `/library/${key}/edit`);
    // With its count of safety warnings, if the plan has any, in the same sentence.
    expect(liveRegions(valid)).toEqual([expect.stringMatching(/^No errors: this text can be started as it is\.(?: \d+ safety warnings? to read\.)?$/)]);
    expect(valid).not.toContain("aria-live");

    expect((await save(server, key, BUILT_IN.replace("duration: 90", "duration: soon").replace("audience: ", "audience_x: "))).status).toBe(302);
    const draft = await page(server, "organiser", `/library/${key}/edit`);
    const [status] = liveRegions(draft);
    expect(status).toMatch(/^\d+ errors to fix before this version can be started\.$/);
    // Each error is a button in the list that follows, not in the live sentence.
    expect(draft).toMatch(/<button type="button"[^>]*>Line \d+: [^<]+<\/button>/);
  });

  it("prints a version's save time in the one date format of staff pages, in the server's time zone", async () => {
    const server = await startServer({ plansDir: CONTENT_PLANS });
    const key = await clone(server, "hyper-independence");
    const savedAt = query<{ created_at: number }>(server.dbFile, "select created_at from plan_versions where plan_id = ?", key)[0]!.created_at;
    const expected = formatStaffDate(new Date(savedAt), "en");
    expect(expected).toMatch(/^\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}$/);

    const planPage = await page(server, "organiser", `/library/${key}`);
    expect(planPage).toContain(`>${expected}</time>`);
    expect(planPage).not.toContain(" UTC<");
  });
});
