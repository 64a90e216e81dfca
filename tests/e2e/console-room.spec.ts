import AxeBuilder from "@axe-core/playwright";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";

import { goToSlide, joinByCode, openDisplay, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

/** The console shows what the room sees, and reading answers aloud works with the one Next a remote presses. */

const heading = (page: Page | FrameLocator) => page.getByRole("heading", { level: 1 });
const thumbnailOf = (console_: Page) => console_.frameLocator("[data-testid=display-preview] iframe");

test("the console shows the room's display as a live thumbnail, and whether a display is connected", async ({ page: console_ }) => {
  await startHyperIndependence(console_, 3);
  const state = console_.getByTestId("display-state");
  const thumbnail = thumbnailOf(console_);
  // The console's own thumbnail is no display of the room's.
  await expect(heading(thumbnail)).toHaveText("Welcome");
  await expect(state).toHaveText("No display connected");

  const display = await openDisplay(console_);
  await expect(heading(display)).toHaveText("Welcome");
  await expect(state).toHaveText("Display connected");

  // A thumbnail: the whole display, scaled into the console's 16:9 box, without the display's own controls.
  const box = (await console_.locator(".display-preview__frame").boundingBox())!;
  const frame = (await console_.locator("[data-testid=display-preview] iframe").boundingBox())!;
  expect(Math.abs(frame.width - box.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(frame.height - box.height)).toBeLessThanOrEqual(2);
  await expect(thumbnail.getByRole("button", { name: "Fullscreen" })).toHaveCount(0);
  // A picture for the eyes: nothing in it for the keyboard, and no serious axe finding in or around it.
  const { violations } = await new AxeBuilder({ page: console_ })
    .include("[data-testid=display-preview]")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  // It follows the room's display: a new slide, a blank screen, and back.
  await console_.bringToFront();
  await console_.keyboard.press("PageDown");
  for (const page of [display, thumbnail]) await expect(heading(page)).toHaveText("Before we begin");
  await console_.keyboard.press("b");
  await expect(display.locator("main.display--blank")).toBeVisible();
  await expect(thumbnail.locator("main.display--blank")).toBeVisible();
  await console_.keyboard.press("b");
  await expect(thumbnail.locator("main.display--blank")).toHaveCount(0);
  await console_.screenshot({ path: `${SCREENSHOTS}/console-display-thumbnail.png` });

  // The display's window closes: the console says so; opened again, it is connected again.
  await display.close();
  await expect(state).toHaveText("No display connected");
  await expect(console_.getByText("The room sees nothing yet")).toBeVisible();
  const reopened = await openDisplay(console_);
  await expect(heading(reopened)).toHaveText("Before we begin");
  await expect(state).toHaveText("Display connected");
});

test("while answers are read aloud, Page Down steps through them, and only after the last moves to the next slide", async ({
  page: console_,
  browser,
}) => {
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const phones = await Promise.all(Array.from({ length: 3 }, () => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await console_.bringToFront();

  await goToSlide(console_, /One small ask/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  for (const [i, phone] of phones.entries()) {
    await phone.getByLabel("Your answer").fill(`Ask for help with the move, ${i + 1}`);
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
  const pending = console_.getByTestId("moderation-pending").getByRole("listitem");
  await expect(pending).toHaveCount(3);
  for (let left = 3; left > 0; left--) {
    await pending.first().getByRole("button", { name: "Approve" }).click();
    await expect(pending).toHaveCount(left - 1);
  }

  await console_.getByRole("button", { name: "Read aloud, one at a time" }).click();
  const position = display.locator(".spotlight__position");
  const reading = console_.getByTestId("reading-aloud");
  /** The display and the console both show this answer read aloud. */
  const readingAt = async (at: number) => {
    await expect(position).toHaveText(`${at} of 3`);
    await expect(reading).toHaveText(`Reading aloud ${at} of 3`);
  };
  await readingAt(1);
  // One Next: the console's own, which the keys and a remote press too; the read-aloud controls have none.
  const readAloud = console_.getByRole("group", { name: "Read aloud" });
  await expect(readAloud.getByRole("button", { name: /next|previous/i })).toHaveCount(0);
  await expect(console_.getByRole("button", { name: "Next answer →" })).toBeVisible();

  await console_.keyboard.press("PageDown");
  await readingAt(2);
  await console_.keyboard.press("PageDown");
  await readingAt(3);
  // At the last answer the same control says where it goes now.
  await expect(console_.getByRole("button", { name: "Next →", exact: true })).toBeVisible();
  await console_.keyboard.press("PageDown");
  await expect(console_.locator("#current-title")).toHaveText("Another round, if you'd like");
  await expect(heading(display)).toHaveText("Another round, if you'd like");

  // Back: Page Up returns to the slide as it was left, then steps back through the answers before leaving it.
  await console_.keyboard.press("PageUp");
  await expect(console_.locator("#current-title")).toHaveText("One small ask");
  await readingAt(3);
  await console_.getByRole("button", { name: "← Previous answer" }).click();
  await readingAt(2);
});
