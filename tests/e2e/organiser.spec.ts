import fs from "node:fs";

import { expect, test, type Browser, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";

import { goToSlide, hydrated, joinByCode, openPhone, ORGANISER, SCREENSHOTS, signIn, signInAsOrganiser } from "./helpers";

const FACILITATOR = { name: "Fran Facilitator", email: "fran@example.org", password: "steady hands and warm tea" };
const COPY_TITLE = "Going it alone: understanding hyper-independence (copy)";

/** Starts a run of the plan whose page is open, with k = 3; returns the join code. */
async function startFromPlanPage(page: Page): Promise<string> {
  await page.getByLabel("Show results only after").selectOption("3");
  await page.getByRole("button", { name: "Start a run" }).click();
  await expect(page).toHaveURL(/\/console\/[A-Z0-9]{6}$/);
  await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  return page.url().split("/").pop()!;
}

/** Three phones join, answer the check-in with these values, and the facilitator reveals it and ends the run. */
async function runCheckIn(console_: Page, browser: Browser, code: string, question: string, values: number[]) {
  const phones = await Promise.all(values.map(() => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await goToSlide(console_, /Arriving/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  for (const [i, phone] of phones.entries()) {
    await expect(phone.getByText(question, { exact: true })).toBeVisible();
    await phone.getByRole("radio", { name: new RegExp(`^${values[i]}`) }).check();
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(console_.getByText("Middle answer (median):")).toBeVisible();
  await console_.getByRole("button", { name: "End run" }).click();
  await console_.getByRole("dialog", { name: "End this session for everyone?" }).getByRole("button", { name: "End the session" }).click();
  await expect(phones[0]!.getByText(/session has ended/i)).toBeVisible();
  await Promise.all(phones.map((phone) => phone.context().close()));
}

test("an organiser clones and edits a plan, a facilitator runs version 2 with three phones, and the organiser reports, exports and compares", async ({
  page: organiser,
  browser,
}) => {
  test.setTimeout(480_000);
  await signInAsOrganiser(organiser);

  // The organiser adds a facilitator.
  await organiser.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  const add = organiser.getByRole("region", { name: "Add an account" });
  await add.getByLabel("Name").fill(FACILITATOR.name);
  await add.getByLabel("Email").fill(FACILITATOR.email);
  await add.getByLabel("Role").selectOption("facilitator");
  await add.getByLabel("First password").fill(FACILITATOR.password);
  await add.getByRole("button", { name: "Add account" }).click();
  await expect(organiser.getByRole("cell", { name: FACILITATOR.email })).toBeVisible();
  await organiser.screenshot({ path: `${SCREENSHOTS}/accounts.png`, fullPage: true });

  // They clone the built-in hyper-independence plan into an editable copy.
  await organiser.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  await organiser.getByRole("link", { name: "Going it alone: understanding hyper-independence", exact: true }).click();
  await organiser.getByRole("button", { name: "Clone", exact: true }).click();
  await expect(organiser).toHaveURL(/\/library\/own_[a-z0-9]+\/edit/);
  const planPath = new URL(organiser.url()).pathname.replace(/\/edit$/, "");

  // An earlier run of version 1, to compare with later.
  await organiser.goto(planPath);
  await expect(organiser.getByRole("heading", { level: 1, name: COPY_TITLE })).toBeVisible();
  const firstCode = await startFromPlanPage(organiser);
  await runCheckIn(organiser, browser, firstCode, "How are you arriving today?", [1, 2, 2]);

  // They edit the check-in's question, and make a mistake on the way: the scale can't go up to 50.
  await organiser.goto(`${planPath}/edit`);
  const source = organiser.getByLabel("Plan (Markdown)");
  await hydrated(source);
  const original = await source.inputValue();
  const lines = original.split("\n");
  const question = lines.indexOf("question: How are you arriving today?");
  const maxLine = lines.indexOf("max: 5", question) + 1;
  expect(question).toBeGreaterThan(0);
  const edited = original.replace("question: How are you arriving today?", "question: How are you arriving this evening?");
  await source.fill(edited.replace("question: How are you arriving this evening?\nmin: 1\nmax: 5", "question: How are you arriving this evening?\nmin: 1\nmax: 50"));
  const issue = organiser.getByRole("button", { name: new RegExp(`^Line ${maxLine}: .*max`) });
  await expect(issue).toBeVisible();
  await expect(organiser.locator(".plan-editor__line--error")).toHaveText(String(maxLine));
  await organiser.screenshot({ path: `${SCREENSHOTS}/library-editor-error.png`, fullPage: true });

  // The error takes them to its line; they fix it and save version 2.
  await issue.click();
  await expect(source).toBeFocused();
  // A choice question with no way to opt out gets a safety warning as they type, at its options line.
  const extra = "\n# One more\n\n```prompt\nid: one-more\ntype: single-choice\nquestion: Which one?\noptions:\n  - Apples\n  - Pears\n```\n";
  await source.fill(edited + extra);
  const optionsLine = (edited + extra).split("\n").lastIndexOf("options:") + 1;
  const warnings = organiser.getByRole("region", { name: "Safety warnings" });
  await expect(warnings.getByRole("button", { name: new RegExp(`^Warning, line ${optionsLine}: the question "Which one\\?" has no option to opt out`) })).toBeVisible();
  await source.fill(edited);
  await expect(organiser.getByText("No errors: this text can be started as it is.")).toBeVisible();
  // The preview shows the slide as the display and as a phone will: the question on both.
  const arriving = organiser.getByRole("region", { name: /Preview/ }).getByRole("article", { name: /Arriving/ });
  await expect(arriving.locator(".slide-preview__screen--display").getByText("How are you arriving this evening?")).toBeVisible();
  await expect(arriving.locator(".slide-preview__screen--phone").getByText("How are you arriving this evening?")).toBeVisible();
  await organiser.getByRole("button", { name: "Save as a new version" }).click();
  await expect(organiser.getByText("Saved version 2")).toBeVisible();

  // Leaving with changes not yet saved asks first; staying keeps the text.
  await source.fill(`${edited}\nA thought not yet saved.\n`);
  const asked = organiser.waitForEvent("dialog").then(async (dialog) => {
    const message = dialog.message();
    await dialog.dismiss();
    return message;
  });
  await organiser.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  expect(await asked).toContain("Leave without saving?");
  await expect(organiser).toHaveURL(/\/edit/);
  await expect(source).toHaveValue(`${edited}\nA thought not yet saved.\n`);
  await source.fill(edited);

  // A facilitator runs version 2 with three phones.
  const facilitatorContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  await signIn(facilitator, FACILITATOR.email, FACILITATOR.password);
  // By its address: the library may hold other copies with this title (a cloned course's first session is one).
  await facilitator.locator(`a[href="${planPath}"]`).click();
  await expect(facilitator.getByText("New runs use version 2.")).toBeVisible();
  const secondCode = await startFromPlanPage(facilitator);
  await runCheckIn(facilitator, browser, secondCode, "How are you arriving this evening?", [4, 4, 5]);
  // History is for organisers.
  expect((await facilitator.goto(`${planPath}/history`))?.status()).toBe(403);
  await facilitatorContext.close();

  // The organiser opens the plan's history and the newest run's report.
  await organiser.goto(planPath);
  await organiser.screenshot({ path: `${SCREENSHOTS}/plan-page.png`, fullPage: true });
  await organiser.getByRole("link", { name: "Past runs" }).click();
  const runs = organiser.getByRole("table").getByRole("row");
  await expect(runs).toHaveCount(3);
  // Each row's cells: duration, facilitator, plan version, participants, report.
  await expect(runs.nth(1).getByRole("cell").nth(1)).toHaveText(FACILITATOR.name);
  await expect(runs.nth(1).getByRole("cell").nth(2)).toHaveText("version 2");
  await expect(runs.nth(2).getByRole("cell").nth(1)).toHaveText(ORGANISER.name);
  await expect(runs.nth(2).getByRole("cell").nth(2)).toHaveText("version 1");
  await runs.nth(1).getByRole("link", { name: "Report" }).click();
  await expect(organiser.getByRole("heading", { level: 1 })).toContainText(COPY_TITLE);
  await expect(organiser.getByText("How are you arriving this evening?").first()).toBeVisible();
  await organiser.screenshot({ path: `${SCREENSHOTS}/report.png`, fullPage: true });

  // The CSV holds group totals only: one row per question and option.
  const [download] = await Promise.all([organiser.waitForEvent("download"), organiser.getByRole("link", { name: "Download CSV" }).click()]);
  const rows = parse(fs.readFileSync((await download.path())!, "utf8"), { columns: true }) as Array<Record<string, string>>;
  expect(Object.keys(rows[0]!)).toEqual(["plan", "plan_version", "run_started", "prompt_id", "prompt_type", "question", "option", "count", "answers", "passes", "status"]);
  const checkIn = rows.filter((row) => row.prompt_id === "check-in");
  expect(checkIn.map((row) => [row.option, row.count])).toEqual([
    ["1", "0"],
    ["2", "0"],
    ["3", "0"],
    ["4", "2"],
    ["5", "1"],
  ]);
  expect(checkIn.every((row) => row.plan_version === "2" && row.answers === "3" && row.status === "shown")).toBe(true);

  // Compared with the earlier run, the same question shows both groups over time.
  await organiser.goBack();
  await organiser.getByRole("link", { name: "Compare runs" }).click();
  await organiser.getByLabel("Question").selectOption("check-in");
  await organiser.getByRole("button", { name: "Compare" }).click();
  const table = organiser.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText("67%");
  await expect(table.getByRole("row").nth(2)).toContainText("67%");
  await organiser.screenshot({ path: `${SCREENSHOTS}/compare.png`, fullPage: true });

  // The library now lists the copy beside the built-in plan; the settings page, for the record.
  await organiser.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  await expect(organiser.locator(`a[href="${planPath}"]`)).toHaveText(COPY_TITLE);
  await organiser.screenshot({ path: `${SCREENSHOTS}/library.png`, fullPage: true });
  await organiser.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(organiser.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await organiser.screenshot({ path: `${SCREENSHOTS}/settings.png`, fullPage: true });
});
