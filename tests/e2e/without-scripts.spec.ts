import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { expectNoSeriousViolations, goToSlide, hydrated, importPlan, openDisplay, openPhone, SCREENSHOTS, signInAsOrganiser, startImportedPlan } from "./helpers";

/** A phone whose browser runs no scripts at all: everything it does is a link or a plain form. */
async function phoneWithoutScripts(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  return context.newPage();
}

/** Imports the plan with every prompt type (tests/fixtures/without-scripts) and starts it with k = 3; returns the join code. */
async function startEveryType(console_: Page) {
  await signInAsOrganiser(console_);
  await importPlan(console_, path.resolve("tests/fixtures/without-scripts/every-type.md"));
  const code = await startImportedPlan(console_, 3);
  await expect(console_.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  return code;
}

/** The console opens the question on the slide titled `title`. */
async function openQuestion(console_: Page, title: RegExp) {
  await goToSlide(console_, title);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("o");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Open for answers/);
}

/** "Refresh", as a person without scripts taps it to see what is on screen now. */
async function refresh(phone: Page) {
  const loaded = phone.waitForEvent("load");
  await phone.getByRole("link", { name: "Refresh" }).click();
  await loaded;
}

/**
 * Taps `name` until `then` shows, as a person would tap again: a page with nothing being filled in refreshes itself
 * every 15 s, and a refresh that comes between the tap and its answer takes the tap's place on screen (what the tap
 * sent still arrives, and a second tap counts once).
 */
async function tapUntil(phone: Page, name: string, then: string) {
  await expect(async () => {
    await phone.getByRole("button", { name, exact: true }).click();
    await expect(phone.getByText(then, { exact: true }).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
}

/**
 * axe-core runs as a script in the page, which a page without scripts can't: it checks a copy of the phone's page as
 * it stands, in a browser that runs scripts but gets none of the page's own (so nothing changes it).
 */
async function expectAccessibleWithoutScripts(browser: Browser, phone: Page, where: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const copy = await context.newPage();
  await copy.route(/\/build\//, (route) => route.abort());
  await copy.route("http://copy.test/", (route) => route.fulfill({ contentType: "text/html", body: "" }));
  await copy.goto("http://copy.test/");
  await copy.setContent(await phone.content());
  await expectNoSeriousViolations(copy, where);
  await context.close();
}

const sent = (phone: Page) => expect(phone.getByText("Your answer is in")).toBeVisible();

test("phones without any scripts join, answer every prompt type, change, pass, say I'm in, ask for a pause and see results", async ({ browser, page: console_ }) => {
  test.setTimeout(240_000);
  const code = await startEveryType(console_);
  const display = await openDisplay(console_);
  const phones = [await phoneWithoutScripts(browser), await phoneWithoutScripts(browser), await phoneWithoutScripts(browser)];
  const [first, second, third] = phones as [Page, Page, Page];

  // The content notes, then the session, each one request.
  for (const phone of phones) {
    await phone.goto(`/j/${code}`);
    await expect(phone.getByText("You can pass on any question and step out at any time.")).toBeVisible();
    await phone.getByRole("button", { name: "Join the session" }).click();
    await expect(phone.getByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
  }
  // No live connection to show: the page says how to see what is new instead.
  await expect(first.getByRole("status").filter({ hasText: /Connect/ })).toBeHidden();
  await expectAccessibleWithoutScripts(browser, first, "a phone without scripts, on a slide");

  // A scale: the page refreshes itself while it has nothing being filled in, so the question appears untouched.
  await openQuestion(console_, /Arriving/);
  await expect(first.getByRole("radio", { name: /^3/ })).toBeVisible({ timeout: 40_000 });
  for (const [i, phone] of phones.entries()) {
    if (i > 0) await refresh(phone);
    await phone.getByRole("radio", { name: new RegExp(`^${i + 2}`) }).check();
    await phone.getByRole("button", { name: "Send answer" }).click();
    await sent(phone);
  }
  await expect(first.getByText("You chose 2.")).toBeVisible();
  // Changed: the form again, with the answer chosen, then the new one.
  await tapUntil(first, "Change my answer", "Send answer");
  await expect(first.getByRole("radio", { name: /^2/ })).toBeChecked();
  await first.getByRole("radio", { name: /^5/ }).check();
  await first.getByRole("button", { name: "Send answer" }).click();
  await expect(first.getByText("You chose 5.")).toBeVisible();

  // Every other type, each phone a different way; the third passes.
  const answerEach = async (title: RegExp, answer: (phone: Page, i: number) => Promise<void>) => {
    await openQuestion(console_, title);
    for (const [i, phone] of phones.entries()) {
      await refresh(phone);
      if (i === 2) {
        await phone.getByRole("button", { name: "Pass on this one" }).click();
        await expect(phone.getByText("Passed", { exact: true })).toBeVisible();
        continue;
      }
      await answer(phone, i);
      await phone.getByRole("button", { name: "Send answer" }).click();
      await sent(phone);
    }
  };
  await answerEach(/Signs/, async (phone, i) => {
    await phone.getByRole("checkbox", { name: "Saying no to help" }).check();
    if (i === 1) await phone.getByRole("checkbox", { name: "Doing everything yourself" }).check();
  });
  await expect(second.getByText("You chose: Saying no to help; Doing everything yourself")).toBeVisible();
  await answerEach(/Beliefs/, (phone, i) => phone.getByRole("radio", { name: i === 0 ? "I can only count on me" : "Needing people gets me hurt" }).check());
  await answerEach(/Strength/, async (phone, i) => {
    await phone.getByRole("textbox", { name: "Word 1" }).fill(i === 0 ? "steady" : "asking");
    await phone.getByRole("textbox", { name: "Word 2" }).fill("open");
  });
  await expect(first.getByText("Your words: steady, open")).toBeVisible();
  await answerEach(/One small ask/, (phone) => phone.getByRole("textbox", { name: "Your answer" }).fill("Ask a friend for a lift"));
  await answerEach(/What helps/, async (phone, i) => {
    await phone.getByRole("combobox", { name: /^Place 1/ }).selectOption(i === 0 ? "Sleep" : "A walk outside");
    await phone.getByRole("combobox", { name: /^Place 2/ }).selectOption("Talking to a friend");
  });
  await expect(first.getByText("Your order: 1. Sleep; 2. Talking to a friend")).toBeVisible();
  // A ranking that doesn't fit is refused in words, and the form keeps what was chosen.
  await tapUntil(second, "Change my answer", "Send answer");
  await second.getByRole("combobox", { name: /^Place 2/ }).selectOption("A walk outside");
  await second.getByRole("button", { name: "Send answer" }).click();
  await expect(second.getByRole("alert")).toHaveText("Not sent: rank each option once");
  await expect(second.getByRole("combobox", { name: /^Place 1/ })).toHaveValue("1");
  await expect(second.getByText("Your answer is in")).toBeHidden();
  await expectAccessibleWithoutScripts(browser, second, "a refused ranking on a phone without scripts");
  await second.screenshot({ path: `${SCREENSHOTS}/without-scripts-refused.png`, fullPage: true });

  // Results: back on the scale, closed and revealed; a phone sees them on its next refresh.
  await goToSlide(console_, /Arriving/);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("r");
  await expect(display.getByRole("figure", { name: /3 answers/ })).toBeVisible();
  await expect(third.getByRole("figure", { name: /3 answers/ })).toBeVisible({ timeout: 40_000 });
  await third.screenshot({ path: `${SCREENSHOTS}/without-scripts-results.png`, fullPage: true });

  // "I'm in", and a pause asked for: the console hears it, not who.
  await goToSlide(console_, /Our agreement/);
  await refresh(first);
  await tapUntil(first, "I'm in", "You're in. Thank you.");
  await tapUntil(first, "I need a pause", "Sent. The facilitator sees that someone would like a pause — not who.");
  await expect(console_.getByTestId("signal-notice")).toContainText("Someone would like a pause");
  // And Get help is a plain link, with a way back.
  await first.getByRole("link", { name: "Get help" }).click();
  await expect(first.getByRole("heading", { name: "Get help" })).toBeVisible();
  await first.getByRole("link", { name: "Back to the session" }).click();
  await expect(first.getByRole("heading", { level: 1, name: "Our agreement" })).toBeVisible();
});

test("a phone whose scripts are late loses no tap: a choice made before them is kept, and Send before them posts the form", async ({ browser, page: console_ }) => {
  const code = await startEveryType(console_);
  await openQuestion(console_, /Beliefs/);

  // The page's scripts are held back until the test lets them through, as on a weak signal.
  const phone = await openPhone(browser);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await phone.route(/\/build\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // Module scripts hold back the page's load events, so the test waits for what a person sees instead.
  await phone.goto(`/j/${code}`, { waitUntil: "commit" });
  await phone.getByRole("button", { name: "Join the session" }).click();
  const option = phone.getByRole("radio", { name: "Needing people gets me hurt" });
  await option.check();
  // The scripts arrive: the page comes to life with the choice still made, and Send sends it over the socket.
  release();
  await hydrated(phone.getByRole("button", { name: "Send answer" }));
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  await expect(option).toBeChecked();
  const posts: string[] = [];
  phone.on("request", (request) => void (request.method() === "POST" && posts.push(request.url())));
  await phone.getByRole("button", { name: "Send answer" }).click();
  await expect(phone.getByText("You chose: Needing people gets me hurt")).toBeVisible();
  expect(posts.filter((url) => url.includes(`/j/${code}`))).toEqual([]);

  // Another phone taps Send before its scripts arrive at all: the form posts, and the answer is in from that one request.
  const early = await openPhone(browser);
  await early.route(/\/build\/.*\.js$/, () => new Promise(() => {}));
  await early.goto(`/j/${code}`, { waitUntil: "commit" });
  await early.getByRole("button", { name: "Join the session" }).click();
  await early.getByRole("radio", { name: "I can only count on me" }).check();
  await early.getByRole("button", { name: "Send answer" }).click();
  await expect(early.getByText("You chose: I can only count on me")).toBeVisible();
});
