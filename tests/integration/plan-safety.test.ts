import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { signIn } from "../helpers/auth";
import { useTestServers } from "../helpers/lifecycle";
import { FIXTURE_PLANS, startRun, type TestServer } from "../helpers/server";

const startServer = useTestServers("test");

/** A valid plan with one safety warning: its choice question gives nobody a way to opt out. */
const PLAN_WITHOUT_OPT_OUT = `---
id: no-opt-out
title: A plan without an opt-out
summary: Used to show how safety warnings are listed.
duration: 30
audience: testers
---
# Welcome

Glad you're here.

# Pick one

\`\`\`prompt
id: pick
type: single-choice
question: Which fits you best?
options:
  - Asking for help
  - Offering help
\`\`\`

# A pause to breathe

\`\`\`slide
kind: grounding
\`\`\`
`;
const OPTIONS_LINE = PLAN_WITHOUT_OPT_OUT.split("\n").indexOf("options:") + 1;
const MESSAGE = `the question "Which fits you best?" has no option to opt out: add one such as "None of these", "None of the above", "Not sure", so nobody has to pick an answer that isn't theirs`;

async function post(server: TestServer, url: string, body: URLSearchParams | FormData) {
  return fetch(`${server.url}${url}`, { method: "POST", headers: { Cookie: await signIn(server, "organiser") }, body, redirect: "manual" });
}

async function page(server: TestServer, url: string): Promise<string> {
  const response = await fetch(`${server.url}${url}`, { headers: { Cookie: await signIn(server, "organiser") } });
  expect(response.status).toBe(200);
  // React's markers between text pieces, and its escaping of quotes, taken out.
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");
}

describe("safety warnings", () => {
  it("the editor's live check answers a plan's safety warnings with their lines, and an error-free plan with none", async () => {
    const server = await startServer({ plansDir: FIXTURE_PLANS });
    const checked = await post(server, "/library/check", new URLSearchParams({ source: PLAN_WITHOUT_OPT_OUT }));
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({ ok: true, warnings: [{ rule: "opt-out", line: OPTIONS_LINE, message: MESSAGE }] });

    const kept = PLAN_WITHOUT_OPT_OUT.replace("  - Offering help", "  - Offering help\n  - Not sure");
    expect(await (await post(server, "/library/check", new URLSearchParams({ source: kept }))).json()).toMatchObject({ ok: true, warnings: [] });
  });

  it("an imported plan with a warning shows it on its page and its library card, and can still be started", async () => {
    const server = await startServer({ plansDir: FIXTURE_PLANS });
    const form = new FormData();
    form.append("plan", new Blob([PLAN_WITHOUT_OPT_OUT], { type: "text/markdown" }), "no-opt-out.md");
    const imported = await post(server, "/library/import", form);
    expect(imported.status).toBe(302);
    const key = /^\/library\/(own_[a-z0-9]+)$/.exec(imported.headers.get("location") ?? "")?.[1];
    expect(key).toBeDefined();

    const planPage = await page(server, `/library/${key}`);
    expect(planPage).toContain(">Safety warnings</h3>");
    expect(planPage).toContain(`Warning, line ${OPTIONS_LINE}: ${MESSAGE} (opt-out)`);
    expect(await page(server, "/library")).toMatch(/>1 safety warning</);

    // Warnings never stop a run.
    const run = await startRun(server, key!);
    expect(run.code).toMatch(/^[A-Z0-9]+$/);
  });

  it("plans:check prints each warning after its plan's ok line and still exits 0; an error still fails it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-safety-"));
    const file = path.join(dir, "no-opt-out.md");
    fs.writeFileSync(file, PLAN_WITHOUT_OPT_OUT);
    const run = promisify(execFile);
    const passed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", dir]);
    const shown = path.relative(process.cwd(), file);
    expect(passed.stdout.split("\n")).toEqual([
      `ok    ${shown}: "A plan without an opt-out", 3 slides, 1 prompts`,
      `warn  ${shown}:${OPTIONS_LINE}: ${MESSAGE} (opt-out)`,
      "",
    ]);

    fs.writeFileSync(file, PLAN_WITHOUT_OPT_OUT.replace("type: single-choice", "type: one-choice"));
    const failed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", dir]).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).not.toContain("warn");
  }, 60_000);
});
