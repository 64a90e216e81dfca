import { expect, test, type Locator, type Page } from "@playwright/test";

import {
  expectNoSeriousViolations,
  goToSlide,
  joinByCode,
  openDisplay,
  openPhone,
  SCREENSHOTS,
  signInAsOrganiser,
  startHyperIndependence,
} from "./helpers";

/** A slide of the built-in plan for each prompt type: its name in screenshots, its question, where its results show. */
const PROMPTS = [
  { name: "scale", type: "scale", slide: /Arriving/, question: "How are you arriving today?", results: ".scale-chart" },
  {
    name: "multiple-choice",
    type: "multiple-choice",
    slide: /Signs you might recognise/,
    question: "Which of these do you recognise in yourself?",
    results: ".bars",
  },
  {
    name: "single-choice",
    type: "single-choice",
    slide: /The beliefs underneath/,
    question: "Which of these feels most familiar to you?",
    results: ".bars",
  },
  {
    name: "open-text",
    type: "open-text",
    slide: /One small ask/,
    question: "One small, low-risk ask I could make this week",
    results: ".text-wall",
  },
  {
    name: "word-cloud",
    type: "word-cloud",
    slide: /What strength means now/,
    question: "Strength, to me now, means…",
    results: ".word-cloud",
  },
  // The check-out, shown beside the check-in ("Arriving", answered first).
  { name: "scale-compared", type: "scale", slide: /Checking out/, question: "How are you leaving today?", results: ".compare" },
] as const;

/** For a whole-page screenshot: the safety bar, fixed to the screen's bottom, is drawn at the page's end, not over a middle. */
const WHOLE_PAGE = ".safety-bar { position: static; }";

/** Gives an answer to the open question: an option (the n-th of the first three), or a few words. */
async function answerAnything(phone: Page, type: (typeof PROMPTS)[number]["type"], n: number) {
  if (type === "open-text") await phone.getByLabel("Your answer").fill(`Ask for a lift, ${n}`);
  else if (type === "word-cloud") await phone.getByLabel("Word 1").fill(`steady ${n}`);
  else if (type === "multiple-choice") await phone.getByRole("checkbox").first().check();
  else await phone.getByRole("radio").nth(n % 3).check();
  await phone.getByRole("button", { name: "Send answer" }).click();
  await expect(phone.getByText("Your answer is in")).toBeVisible();
}

test("the join page passes axe, empty and with an error, and so does a code with no session", async ({ page }) => {
  await page.goto("/join");
  await expectNoSeriousViolations(page, "/join");
  await page.getByLabel("Code on the screen").fill("abc");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("A code is 6 letters and numbers");
  await expect(page.getByLabel("Code on the screen")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page, "/join with an error");
  // Focus goes back to the code, ready to be typed again.
  await expect(page.getByLabel("Code on the screen")).toBeFocused();
  await page.goto("/j/ZZZZZZ");
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that session" })).toBeVisible();
  await expectNoSeriousViolations(page, "a phone with a code that has no session");
});

test("help, sign-in, the library and a plan page pass axe", async ({ page }) => {
  await page.goto("/help");
  await expectNoSeriousViolations(page, "/help");
  await page.goto("/login");
  await expectNoSeriousViolations(page, "/login");
  await signInAsOrganiser(page);
  await expectNoSeriousViolations(page, "/library");
  await page.getByRole("link", { name: "Going it alone: understanding hyper-independence", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Going it alone: understanding hyper-independence" })).toBeVisible();
  await expectNoSeriousViolations(page, "a plan page in the library");
});

test("the facilitator guide passes axe, its index and a page, for a visitor who isn't signed in", async ({ page }) => {
  await page.goto("/guide");
  await expect(page.getByRole("heading", { level: 1, name: "A guide for peer facilitators" })).toBeVisible();
  await expectNoSeriousViolations(page, "/guide");
  // Every page is the same template around its Markdown; this one has each kind of element they use (lists, numbered steps, quotes, sub-headings, links).
  await page.getByRole("navigation", { name: "The guide's pages" }).getByRole("link", { name: "Safeguarding: where confidentiality stops" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Safeguarding: where confidentiality stops" })).toBeVisible();
  await expectNoSeriousViolations(page, "a page of the guide");
});

test("a phone passes axe at the gate, on every prompt type, after answering and with results shown", async ({
  page: console_,
  browser,
}) => {
  test.setTimeout(720_000);
  const code = await startHyperIndependence(console_, 3);
  const phone = await openPhone(browser);
  const others = await Promise.all([openPhone(browser), openPhone(browser)]);

  await phone.goto(`/j/${code}`);
  await expect(phone.getByText("This session touches on:")).toBeVisible();
  await expectNoSeriousViolations(phone, "the content-notes gate");
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  for (const other of others) await joinByCode(other, code);
  await expectNoSeriousViolations(phone, "a phone on the welcome slide");

  await goToSlide(console_, /Our group agreement/);
  await expect(phone.getByRole("button", { name: "I'm in" })).toBeVisible();
  await expectNoSeriousViolations(phone, "a phone on the group agreement");
  await goToSlide(console_, /A pause to breathe/);
  await expect(phone.getByRole("group", { name: "Breathing guide" })).toBeVisible();
  await expectNoSeriousViolations(phone, "a phone on the breathing guide");
  await goToSlide(console_, /Where it can come from/);
  await expect(phone.getByRole("note").filter({ hasText: "Content note" })).toBeVisible();
  await expectNoSeriousViolations(phone, "a phone on a sensitive slide");

  for (const { name, type, slide, question, results } of PROMPTS) {
    await goToSlide(console_, slide);
    await expect(phone.getByText(question)).toBeVisible();
    await expectNoSeriousViolations(phone, `a phone on a ${name} question before it opens`);
    await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
    await expect(phone.getByRole("group", { name: question })).toBeVisible();
    await expectNoSeriousViolations(phone, `a phone answering a ${name} question`);
    await phone.screenshot({ path: `${SCREENSHOTS}/phone-${name}.png`, fullPage: true, style: WHOLE_PAGE });

    await answerAnything(phone, type, 0);
    await expectNoSeriousViolations(phone, `a phone's confirmation after a ${name} answer`);
    for (const [i, other] of others.entries()) await answerAnything(other, type, i + 1);
    await console_.getByRole("button", { name: "Close answers" }).click();
    if (type === "open-text") {
      const pending = console_.getByTestId("moderation-pending").getByRole("listitem");
      for (let left = 3; left > 0; left--) {
        await expect(pending).toHaveCount(left);
        await pending.first().getByRole("button", { name: "Approve" }).click();
      }
      await expect(pending).toHaveCount(0);
    }
    await console_.getByRole("button", { name: "Reveal results" }).click();
    await expect(phone.locator(results)).toBeVisible();
    await expectNoSeriousViolations(phone, `a phone with ${name} results shown`);
    await phone.screenshot({ path: `${SCREENSHOTS}/phone-${name}-results.png`, fullPage: true, style: WHOLE_PAGE });
  }
});

test("the console passes axe", async ({ page: console_ }) => {
  await startHyperIndependence(console_, 3);
  await expectNoSeriousViolations(console_, "the console on the welcome slide");
  await goToSlide(console_, /Arriving/);
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await expect(console_.getByTestId("prompt-state")).toContainText("Open for answers");
  await expectNoSeriousViolations(console_, "the console with a question open");
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expectNoSeriousViolations(console_, "the console with results revealed");
  // The shortcuts dialog links to the facilitator guide, in a new tab so the console keeps the room's place.
  await console_.getByRole("button", { name: /Shortcuts/ }).click();
  const guide = console_.getByRole("dialog", { name: "Keyboard shortcuts" }).getByRole("link", { name: /The facilitator guide/ });
  await expect(guide).toHaveAttribute("href", "/guide");
  await expect(guide).toHaveAttribute("target", "_blank");
  await expectNoSeriousViolations(console_, "the console's shortcuts dialog");
});

test("the display passes axe", async ({ page: console_, browser }) => {
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  await expect(display.getByText(code)).toBeVisible();
  await expectNoSeriousViolations(display, "the display on the welcome slide");
  const phones = await Promise.all(Array.from({ length: 3 }, () => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await goToSlide(console_, /Arriving/);
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await expect(display.getByText("How are you arriving today?")).toBeVisible();
  await expectNoSeriousViolations(display, "the display with a question open");
  for (const [i, phone] of phones.entries()) await answerAnything(phone, "scale", i);
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(display.locator(".scale-chart")).toBeVisible();
  await expectNoSeriousViolations(display, "the display with results shown");
  await goToSlide(console_, /A pause to breathe/);
  await expect(display.getByRole("group", { name: "Breathing guide" })).toBeVisible();
  await expectNoSeriousViolations(display, "the display on the breathing guide");
});

/** Presses `key` until `target` has focus, failing after `most` presses: focus order reaches it, and soon. */
async function pressUntilFocused(page: Page, target: Locator, most: number, key = "Tab") {
  for (let pressed = 0; pressed < most; pressed++) {
    await page.keyboard.press(key);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  await expect(target, `focus after ${most} × ${key}`).toBeFocused({ timeout: 1 });
}

/** The element with focus is on screen and not under the safety bar (WCAG 2.4.11). */
async function expectFocusInSight(phone: Page) {
  const [focused, bar] = await Promise.all([phone.locator("*:focus").boundingBox(), phone.locator(".safety-bar").boundingBox()]);
  expect(focused, "a focused element").not.toBeNull();
  expect(focused!.y).toBeGreaterThanOrEqual(0);
  expect(focused!.y + focused!.height, "the focused element's bottom, above the safety bar").toBeLessThanOrEqual(bar!.y);
}

test("a participant joins, answers, passes and changes an answer by keyboard alone, and focus follows", async ({
  page: console_,
  browser,
}) => {
  test.setTimeout(600_000);
  const code = await startHyperIndependence(console_, 3);
  const phone = await openPhone(browser);
  const keys = phone.keyboard;
  const heading = phone.getByRole("heading", { level: 1 });
  const confirmation = phone.locator(".confirmation");

  // The code box is the first stop; Enter sends it. Then the gate's "Join the session", and focus lands on the slide.
  await phone.goto("/join");
  await pressUntilFocused(phone, phone.getByLabel("Code on the screen"), 1);
  await keys.type(code.toLowerCase());
  await keys.press("Enter");
  await expect(phone).toHaveURL(new RegExp(`/j/${code}$`));
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Join the session" }), 2);
  await keys.press("Enter");
  await expect(heading).toHaveText("Welcome");
  await expect(heading).toBeFocused();
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();

  // The group agreement: once "I'm in" is sent its button goes, and focus goes to the thank-you.
  await goToSlide(console_, /Our group agreement/);
  await pressUntilFocused(phone, phone.getByRole("button", { name: "I'm in" }), 2);
  await keys.press("Enter");
  await expect(phone.getByText("You're in. Thank you.")).toBeFocused();

  // Single choice: arrow keys choose, Enter sends, focus goes to the confirmation.
  await goToSlide(console_, /The beliefs underneath/);
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await expect(phone.getByRole("group", { name: "Which of these feels most familiar to you?" })).toBeVisible();
  await expect(heading).toBeFocused();
  const first = phone.getByRole("radio", { name: "The only person I can count on is me" });
  await pressUntilFocused(phone, first, 3);
  await keys.press("ArrowDown");
  await expect(phone.getByRole("radio", { name: "Relying on people leads to pain" })).toBeChecked();
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Send answer" }), 1);
  await expectFocusInSight(phone);
  await keys.press("Enter");
  await expect(confirmation).toContainText("You chose: Relying on people leads to pain");
  await expect(confirmation).toBeFocused();

  // "Change my answer" puts focus back on the chosen option; a new choice replaces the old one.
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Change my answer" }), 1);
  await keys.press("Space");
  const chosen = phone.getByRole("radio", { name: "Relying on people leads to pain" });
  await expect(chosen).toBeChecked();
  await expect(chosen).toBeFocused();
  await keys.press("ArrowDown");
  await expect(phone.getByRole("radio", { name: "Letting my guard down isn't safe" })).toBeChecked();
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Send answer" }), 1);
  await keys.press("Space");
  await expect(confirmation).toContainText("You chose: Letting my guard down isn't safe");
  await expect(confirmation).toBeFocused();

  // The facilitator moves on: the confirmation goes, and focus goes to the new slide's heading.
  await goToSlide(console_, /Arriving/);
  await expect(heading).toHaveText("Arriving");
  await expect(heading).toBeFocused();

  // Scale: Space chooses the first value, arrows move along it.
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await pressUntilFocused(phone, phone.getByRole("radio", { name: /^1/ }), 3);
  await keys.press("Space");
  await keys.press("ArrowRight");
  await keys.press("ArrowRight");
  await expect(phone.getByRole("radio", { name: /^3/ })).toBeChecked();
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Send answer" }), 1);
  await keys.press("Enter");
  await expect(confirmation).toContainText("You chose 3.");
  await expect(confirmation).toBeFocused();

  // Open text: typed, then back from "Pass" to "Send answer" with Shift+Tab.
  await goToSlide(console_, /One small ask/);
  await expect(heading).toBeFocused();
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await pressUntilFocused(phone, phone.getByLabel("Your answer"), 3);
  await keys.type("Ask a neighbour to water the plants");
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Pass on this one" }), 2);
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Send answer" }), 1, "Shift+Tab");
  await keys.press("Enter");
  await expect(confirmation).toContainText("You wrote: “Ask a neighbour to water the plants”");
  await expect(confirmation).toBeFocused();

  // Multiple choice: passed, past seven options; "Pass" is below the first screen, and scrolls into sight above the bar.
  await goToSlide(console_, /Signs you might recognise/);
  await expect(heading).toBeFocused();
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await pressUntilFocused(phone, phone.getByRole("button", { name: "Pass on this one" }), 9);
  await expectFocusInSight(phone);
  await keys.press("Enter");
  await expect(confirmation).toContainText("Passed");
  await expect(confirmation).toBeFocused();

  // Focus someone put somewhere stays there when the facilitator moves on.
  const pause = phone.getByRole("button", { name: "I need a pause" });
  await pressUntilFocused(phone, pause, 4);
  await goToSlide(console_, /Checking out/);
  await expect(heading).toHaveText("Checking out");
  await expect(pause).toBeFocused();
});

test("a phone's screen reader hears each new slide and question once, through a polite status", async ({
  page: console_,
  browser,
}) => {
  const code = await startHyperIndependence(console_, 3);
  const phone = await openPhone(browser);
  await joinByCode(phone, code);
  const announcer = phone.getByTestId("announcer");
  await expect(announcer).toHaveRole("status");
  await expect(announcer).toHaveText("");
  // The slide itself is not a live region: a change of slide would read all of it, and every "I'm in" count.
  await expect(phone.locator("[aria-live]").filter({ has: phone.getByRole("heading", { level: 1 }) })).toHaveCount(0);

  await goToSlide(console_, /Arriving/);
  await expect(announcer).toHaveText("Slide: Arriving.");
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  await expect(announcer).toHaveText("New question: How are you arriving today?");
  await console_.getByRole("button", { name: "Close answers" }).click();
  await expect(announcer).toHaveText("Answers are closed.");
  await console_.getByRole("button", { name: "Reopen answers" }).click();
  await expect(announcer).toHaveText("Open again: How are you arriving today?");
  await console_.getByTestId("pause-session").click();
  await expect(announcer).toHaveText("We're taking a short break.");
  await console_.getByTestId("pause-session").click();
  await expect(announcer).toHaveText("The session carries on. Slide: Arriving.");
});

/** Every element (and ::before/::after) on the page that moves by itself: a transition or animation that takes time. */
function movingParts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const longest = (durations: string) => Math.max(...durations.split(",").map((duration) => parseFloat(duration)));
    return [...document.querySelectorAll("*")].flatMap((element) =>
      [null, "::before", "::after"].flatMap((pseudo) => {
        const style = getComputedStyle(element, pseudo);
        const animated = style.animationName !== "none" && longest(style.animationDuration) > 0;
        const moves = animated || longest(style.transitionDuration) > 0;
        return moves ? [`${element.tagName.toLowerCase()}.${String(element.className).split(" ")[0]}${pseudo ?? ""}`] : [];
      }),
    );
  });
}

test("with reduced motion nothing moves by itself on a phone or the display; without it the breathing circle and bars do", async ({
  page: console_,
  browser,
}) => {
  test.setTimeout(480_000);
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  await display.emulateMedia({ reducedMotion: "reduce" });
  const still = await openPhone(browser, { reducedMotion: "reduce" });
  const moving = await openPhone(browser, { reducedMotion: "no-preference" });
  const third = await openPhone(browser);
  for (const phone of [still, moving, third]) await joinByCode(phone, code);

  // The breathing guide: with reduced motion the circle keeps its size and only the words change.
  await goToSlide(console_, /A pause to breathe/);
  for (const page of [still, moving, display]) {
    await expect(page.locator(".breathing__phase")).toHaveText(/Breathe in|Hold|Breathe out/);
  }
  const circle = (page: Page) =>
    page.locator(".breathing__circle").evaluate((element) => {
      const style = getComputedStyle(element);
      return { animation: style.animationName, transition: style.transitionDuration, transform: style.transform };
    });
  const stillBefore = await circle(still);
  expect(stillBefore).toMatchObject({ animation: "none", transition: "0s" });
  expect(await movingParts(still)).toEqual([]);
  expect(await movingParts(display)).toEqual([]);
  expect(parseFloat((await circle(moving)).transition)).toBeGreaterThan(0);
  expect(await movingParts(moving)).toContain("div.breathing__circle");
  const phaseBefore = await still.locator(".breathing__phase").textContent();
  await expect(still.locator(".breathing__phase")).not.toHaveText(phaseBefore ?? "", { timeout: 15_000 });
  expect((await circle(still)).transform).toBe(stillBefore.transform);

  // Results bars: they grow into place without reduced motion, and are simply there with it.
  await goToSlide(console_, /The beliefs underneath/);
  await console_.getByRole("button", { name: "Open for answers", exact: true }).click();
  for (const [i, phone] of [still, moving, third].entries()) await answerAnything(phone, "single-choice", i);
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  for (const page of [still, moving, display]) await expect(page.locator(".bars__fill").first()).toBeVisible();
  const fill = (page: Page) =>
    page.locator(".bars__fill").first().evaluate((element) => {
      const style = getComputedStyle(element);
      return { animation: style.animationName, transition: style.transitionDuration };
    });
  expect(await fill(still)).toEqual({ animation: "none", transition: "0s" });
  expect(await movingParts(still)).toEqual([]);
  expect(await movingParts(display)).toEqual([]);
  expect(parseFloat((await fill(moving)).transition)).toBeGreaterThan(0);
  expect(await movingParts(moving)).toContain("span.bars__fill");
});
