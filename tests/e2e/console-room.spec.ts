import AxeBuilder from "@axe-core/playwright";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";

import { openDisplay, SCREENSHOTS, startHyperIndependence } from "./helpers";

/** The console shows what the room sees. */

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
