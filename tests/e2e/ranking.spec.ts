import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { expectNoSeriousViolations, goToSlide, importPlan, joinByCode, openDisplay, openPhone, SCREENSHOTS, signInAsOrganiser, startImportedPlan } from "./helpers";

/** Presses Tab until the button named `name` has the focus, as someone on a keyboard would (a bounded number of times). */
async function tabTo(page: Page, name: string) {
  const button = page.getByRole("button", { name, exact: true });
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    if (await button.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

const labels = (phone: Page) => phone.locator(".ranking .ranking__label");

test("phones rank by dragging and by keyboard alone, axe-clean, and the display shows the group's order by Borda points", async ({ browser, page: console_ }) => {
  // A plan with ranking questions, imported as an organiser would (tests/fixtures/ranking/ranking.md), then run with k = 3.
  await signInAsOrganiser(console_);
  const errors: string[] = [];
  console_.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  await importPlan(console_, path.resolve("tests/fixtures/ranking/ranking.md"));
  // The plan's page previews each ranking as a phone with scripts shows it: the ordering list, inert.
  const preview = console_.getByRole("article", { name: /What helps/ }).locator(".slide-preview__screen--phone");
  await expect(preview.getByRole("button", { name: "Move up: Music" })).toBeDisabled();
  await expect(console_.getByRole("article", { name: /What helps/ }).getByText("Each ranks all 4")).toBeVisible();
  await expect(console_.getByRole("article", { name: /Your top three/ }).getByText("Each ranks their top 3 of 5")).toBeVisible();
  expect(errors).toEqual([]);
  const code = await startImportedPlan(console_, 3);
  const display = await openDisplay(console_);
  const phones = [await openPhone(browser), await openPhone(browser), await openPhone(browser)];
  const [byMouse, byKeyboard, third] = phones as [Page, Page, Page];
  // The ordering list's code is a chunk of its own, fetched only on a ranking slide.
  const fetched: string[] = [];
  byMouse.on("request", (request) => fetched.push(request.url()));
  // Phone 2 gets it only when the test lets it, to see what shows until then: the options as a plain list.
  let deliver = () => {};
  const held = new Promise<void>((resolve) => (deliver = resolve));
  await byKeyboard.route(/\/rank-list-[A-Z0-9]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  for (const phone of phones) await joinByCode(phone, code);
  expect(fetched.filter((url) => url.includes("/build/")).length).toBeGreaterThan(0);
  expect(fetched.filter((url) => /rank-list/.test(url))).toEqual([]);

  await goToSlide(console_, /What helps/);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("o");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Open for answers/);

  // Until then, a list per place, as a phone without scripts has them.
  await expect(byKeyboard.getByRole("combobox", { name: /^Place \d/ })).toHaveCount(4);
  await expect(byKeyboard.getByRole("button", { name: /^Move/ })).toHaveCount(0);
  deliver();
  await expect.poll(() => fetched.filter((url) => /rank-list/.test(url)).length).toBe(1);

  // Phone 1 drags Music, by its handle, to the top with a mouse.
  await expect(byMouse.getByRole("button", { name: "Move up: Music" })).toBeVisible();
  await expect(labels(byMouse)).toHaveText(["Sleep", "A walk outside", "Talking to a friend", "Music"]);
  const handle = byMouse.locator(".ranking__item").filter({ hasText: "Music" }).locator(".ranking__handle");
  const from = (await handle.boundingBox())!;
  const top = (await byMouse.locator(".ranking__item").first().boundingBox())!;
  await byMouse.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await byMouse.mouse.down();
  await byMouse.mouse.move(from.x + from.width / 2, top.y + 4, { steps: 12 });
  await byMouse.mouse.up();
  await expect(labels(byMouse)).toHaveText(["Music", "Sleep", "A walk outside", "Talking to a friend"]);
  await expect(byMouse.locator(".ranking-input [aria-live=polite]")).toHaveText("Music, now 1 of 4");
  await byMouse.getByRole("button", { name: "Send answer" }).click();
  await expect(byMouse.getByText("Your answer is in")).toBeVisible();

  // Phone 2 uses the keyboard alone: Tab to "Move up: Talking to a friend", Enter, then Space, then Tab to send.
  await expect(byKeyboard.getByRole("button", { name: "Move up: Talking to a friend" })).toBeVisible();
  await tabTo(byKeyboard, "Move up: Talking to a friend");
  await byKeyboard.keyboard.press("Enter");
  await expect(byKeyboard.locator(".ranking-input [aria-live=polite]")).toHaveText("Talking to a friend, now 2 of 4");
  await expect(byKeyboard.getByRole("button", { name: "Move up: Talking to a friend" })).toBeFocused();
  await byKeyboard.keyboard.press(" ");
  await expect(byKeyboard.locator(".ranking-input [aria-live=polite]")).toHaveText("Talking to a friend, now 1 of 4");
  await expect(labels(byKeyboard)).toHaveText(["Talking to a friend", "Sleep", "A walk outside", "Music"]);
  await expectNoSeriousViolations(byKeyboard, "a phone on a ranking slide");
  await tabTo(byKeyboard, "Send answer");
  await byKeyboard.keyboard.press("Enter");
  await expect(byKeyboard.getByText("Your answer is in")).toBeVisible();
  await expect(byKeyboard.getByText("Your order: 1. Talking to a friend; 2. Sleep; 3. A walk outside; 4. Music")).toBeVisible();

  // Phone 3, on the narrowest phone Beside supports (320 px), moves Sleep down one place and sends:
  // A walk outside, Sleep, Talking to a friend, Music. Nothing is wider than the screen; every button is a 44 px target.
  await third.setViewportSize({ width: 320, height: 640 });
  const moveDown = third.getByRole("button", { name: "Move down: Sleep" });
  await expect(moveDown).toBeVisible();
  expect(await third.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  for (const box of await third.locator(".ranking__move, .ranking__handle").evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect()))) {
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
  }
  await third.screenshot({ path: `${SCREENSHOTS}/phone-ranking-320.png` });
  await moveDown.click();
  await expect(labels(third)).toHaveText(["A walk outside", "Sleep", "Talking to a friend", "Music"]);
  await third.getByRole("button", { name: "Send answer" }).click();
  await expect(third.getByText("Your answer is in")).toBeVisible();

  // Closed and revealed: the display shows the options by Borda points (4, 3, 2, 1), with first places, and says how.
  await console_.locator("#current-title").click();
  await console_.keyboard.press("O");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Closed/);
  await console_.keyboard.press("r");
  const results = display.locator(".ranking-results");
  await expect(results.locator(".bars__label")).toHaveText(["Sleep", "A walk outside", "Talking to a friend", "Music"]);
  await expect(results.locator(".bars__value")).toHaveText(["9 points · first for 0", "8 points · first for 1", "7 points · first for 1", "6 points · first for 1"]);
  await expect(results.getByText("Borda points: 4 for a first place, 3 for a second, down to 1 for place 4.", { exact: false })).toBeVisible();
});
