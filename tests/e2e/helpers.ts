import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";

export const SCREENSHOTS = "test-results/screenshots";

/**
 * A participant's phone: its own browser context (own storage, own device secret), phone-sized. `baseURL` sends
 * its traffic another way than the other screens' (through a FlakyNetwork, tests/e2e/network.ts).
 */
export async function openPhone(browser: Browser, options: { reducedMotion?: "reduce" | "no-preference"; baseURL?: string } = {}) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    // Only what is given: an undefined baseURL would replace the configured one.
    ...options,
  });
  return context.newPage();
}

/** Types the code on /join, reads the content notes, and enters the session. */
export async function joinByCode(phone: Page, code: string) {
  await phone.goto("/join");
  await phone.getByLabel("Code on the screen").fill(code.toLowerCase());
  await phone.getByRole("button", { name: "Join", exact: true }).click();
  await expect(phone).toHaveURL(new RegExp(`/j/${code}$`));
  await expect(phone.getByText("You can pass on any question and step out at any time.")).toBeVisible();
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
}

/** The setup link's secret the e2e server starts with (playwright.config.ts). */
export const E2E_SETUP_TOKEN = "e2e-setup-token-0123456789";

export const ORGANISER = { name: "Olive Organiser", email: "olive@example.org", password: "a calm room with tea" };

/** Signs in as the first organiser (set up by setup.spec.ts, which runs first). */
export async function signInAsOrganiser(page: Page) {
  await signIn(page, ORGANISER.email, ORGANISER.password);
}

/** Signs in through the sign-in page and lands in the library. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/library$/);
}

/** Signs in as the organiser and starts the hyper-independence plan with privacy threshold k; returns the join code. */
export async function startHyperIndependence(console_: Page, k: number): Promise<string> {
  await signInAsOrganiser(console_);
  const card = console_
    .getByRole("listitem")
    .filter({ has: console_.getByRole("heading", { name: "Going it alone: understanding hyper-independence", exact: true }) });
  await card.getByLabel("Show results only after").selectOption(String(k));
  await card.getByRole("button", { name: "Start a run" }).click();
  await expect(console_).toHaveURL(/\/console\/[A-Z0-9]{6}$/);
  await expect(console_.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  return console_.url().split("/").pop()!;
}

/** Imports a plan file through the library, as an organiser would (signed in already). */
export async function importPlan(console_: Page, file: string) {
  await console_.goto("/library/import");
  await console_.getByLabel("Plan file (.md)").setInputFiles(file);
  await console_.getByRole("button", { name: "Import a plan" }).click();
}

/** On an imported plan's page: starts a run with privacy threshold k; returns the join code. */
export async function startImportedPlan(console_: Page, k: number): Promise<string> {
  await console_.getByLabel("Show results only after").selectOption(String(k));
  await console_.getByRole("button", { name: "Start a run" }).click();
  await expect(console_).toHaveURL(/\/console\/[A-Z0-9]{6}$/);
  return console_.url().split("/").pop()!;
}

export async function openDisplay(console_: Page): Promise<Page> {
  const [display] = await Promise.all([
    console_.context().waitForEvent("page"),
    console_.getByRole("link", { name: "Open audience display" }).click(),
  ]);
  await display.setViewportSize({ width: 1280, height: 720 });
  return display;
}

export async function goToSlide(console_: Page, title: RegExp) {
  await console_.getByRole("navigation", { name: "Slides" }).getByRole("button", { name: title }).click();
  await expect(console_.locator("#current-title")).toHaveText(title);
}

/** Chooses an option of the question on the phone (a radio or a checkbox, by its name) and sends it. */
export async function sendAnswer(phone: Page, option: RegExp) {
  await phone.getByRole("radio", { name: option }).or(phone.getByRole("checkbox", { name: option })).check();
  await phone.getByRole("button", { name: "Send answer" }).click();
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue asks every page to meet. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Waits until React has hydrated the element, as a person's next keystroke would find it: text filled into a
 * server-rendered field before then can be lost to hydration or miss the page's own checks on a busy machine.
 */
export async function hydrated(field: Locator) {
  await expect
    .poll(() => field.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"))))
    .toBe(true);
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing each one
 * (rule, what it asks, where). Lesser ones are attached to the test's report, so they stay visible.
 */
export async function expectNoSeriousViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const describe = ({ id, impact, help, nodes }: (typeof violations)[number]) =>
    `${id} (${impact}): ${help} — ${nodes.map((node) => node.target.join(" ")).join(", ")}`;
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const minor = violations.filter((violation) => !serious.includes(violation));
  if (minor.length > 0) test.info().annotations.push({ type: `axe (minor): ${where}`, description: minor.map(describe).join("\n") });
  expect(serious.map(describe), `serious or critical axe-core violations on ${where}`).toEqual([]);
}
