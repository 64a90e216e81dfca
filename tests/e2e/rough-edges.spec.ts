import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

import { goToSlide, openPhone, SCREENSHOTS, signInAsOrganiser, startHyperIndependence } from "./helpers";

/** Issue 15's rough edges, as people meet them: the join form, "None of these", End run, the plan preview. */

test("the join form reads 0 as O and 1 as I, “None of these right now” stays on its own, and End run asks in a dialog kept from the keyboard", async ({
  page: console_,
  browser,
}) => {
  const code = await startHyperIndependence(console_, 3);

  // The code as someone might type it off a screen: digits where the code has the letters O and I (about one code in
  // three has one; tests/integration/http.test.ts proves the reading on a code that surely does).
  const phone = await openPhone(browser);
  await phone.goto("/join");
  await expect(phone.getByText("Codes never use the digits 0 or 1: typing 0 is read as the letter O, and 1 as the letter I.")).toBeVisible();
  await phone.getByLabel("Code on the screen").fill(code.replace(/O/g, "0").replace(/I/g, "1"));
  await phone.getByRole("button", { name: "Join", exact: true }).click();
  await expect(phone).toHaveURL(new RegExp(`/j/${code}$`));
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();

  // Ticking "None of these right now" unticks the rest, and ticking another unticks it.
  await goToSlide(console_, /Signs you might recognise/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  // Beside the count of responses, in plain words, why it moves only in steps of k.
  await expect(console_.getByTestId("prompt-state")).toContainText("fewer than 3 responses (counted in steps of 3, so nobody's answer stands out)");
  const none = phone.getByRole("checkbox", { name: "None of these right now" });
  const sayingNo = phone.getByRole("checkbox", { name: /^Saying no to offers of help/ });
  const distance = phone.getByRole("checkbox", { name: /^Keeping people at a distance/ });
  await expect(phone.getByText("Choose as many as fit, or “None of these right now” on its own.")).toBeVisible();
  await sayingNo.check();
  await distance.check();
  await none.check();
  await expect(sayingNo).not.toBeChecked();
  await expect(distance).not.toBeChecked();
  await sayingNo.check();
  await expect(none).not.toBeChecked();
  await expect(sayingNo).toBeChecked();
  await phone.getByRole("button", { name: "Send answer" }).click();
  await expect(phone.getByText("Your answer is in")).toBeVisible();

  // End run asks first. Its dialog opens from the keyboard with the safe choice focused; Escape changes nothing.
  const endRun = console_.getByRole("button", { name: "End run" });
  const dialog = console_.getByRole("dialog", { name: "End this session for everyone?" });
  await endRun.focus();
  await console_.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep the session going" })).toBeFocused();
  await console_.screenshot({ path: `${SCREENSHOTS}/console-end-run-dialog.png` });
  await console_.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(endRun).toBeFocused();
  await expect(phone.getByText("Your answer is in")).toBeVisible();
  // "Keep the session going" closes it too, and the session goes on.
  await console_.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await console_.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(endRun).toBeVisible();

  // Tab stays inside the dialog: from "Keep the session going" to "End the session", which ends it for everyone.
  await endRun.focus();
  await console_.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await console_.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "End the session" })).toBeFocused();
  await console_.keyboard.press("Enter");
  await expect(console_.getByText("This session has ended. Its answers are kept as group totals.")).toBeVisible();
  await expect(phone.getByText(/session has ended/i)).toBeVisible();
  await phone.context().close();
});

test("a plan's page shows each slide as the display and a phone will, and passes axe", async ({ page }) => {
  await signInAsOrganiser(page);
  await page.getByRole("link", { name: "Going it alone: understanding hyper-independence", exact: true }).click();
  const signs = page.getByRole("article", { name: /Signs you might recognise/ });
  const [display, phone] = [signs.locator(".slide-preview__screen--display"), signs.locator(".slide-preview__screen--phone")];
  await expect(display.getByText("None of these right now")).toBeVisible();
  await expect(display.getByText("Answer on your phone, or pass.", { exact: false })).toBeVisible();
  // The phone's own form, which nothing can be sent from here.
  await expect(phone.getByRole("checkbox", { name: "None of these right now" })).toBeDisabled();
  await expect(phone.getByRole("button", { name: "Send answer" })).toBeDisabled();
  await expect(page.getByRole("article", { name: /Where we.re heading/ }).getByText("Listen along. Nothing to answer on this slide.")).toBeVisible();
  // Side by side within the page: nothing makes it wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  await signs.screenshot({ path: `${SCREENSHOTS}/library-plan-preview-slide.png` });
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);
});
