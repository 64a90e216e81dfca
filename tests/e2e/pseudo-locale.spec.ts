import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { consoleStringsFor } from "~/strings/console-catalogues";
import { pseudo } from "~/strings/pseudo";

import { importPlan, openPhone, SCREENSHOTS, signInAsOrganiser, startImportedPlan } from "./helpers";

/** The console speaks its facilitator's language (the organiser's: English), not the plan's pseudo-locale. */
const console = consoleStringsFor("en");

async function goToSlide(console_: Page, title: RegExp) {
  await console_.getByRole("navigation", { name: console.slides }).getByRole("button", { name: title }).click();
  await expect(console_.locator("#current-title")).toHaveText(title);
}

/**
 * Issue 18: the pseudo-locale (en-XB: Beside's words accented, a third longer, right to left) on the phone and the
 * display, so a layout's mistakes show before a real translation meets a room. On each screen: nothing reaches
 * past the page's edge or its box, no text is cut off, and what has a direction follows the page's (bars grow from
 * the right, a scale starts on the right).
 */

/** What breaks the layout on the page as it is now: overflow past the page's edge, and boxes that cut their text. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) faults.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden" || element.closest(".visually-hidden, [aria-hidden=true] svg")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} “${(element.textContent ?? "").trim().slice(0, 30)}”`;
      if (box.right > root.clientWidth + 1 || box.left < -1) faults.push(`${name} reaches past the page's edge (${Math.round(box.left)}–${Math.round(box.right)})`);
      const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
      if (clips && element.scrollWidth > element.clientWidth + 1) faults.push(`${name} cuts off its text sideways`);
      if (["hidden", "clip"].includes(style.overflowY) && element.scrollHeight > element.clientHeight + 1) {
        faults.push(`${name} cuts off its text`);
      }
    }
    return faults;
  });
}

async function expectRightToLeft(page: Page, where: string) {
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XB");
  expect(await layoutFaults(page), `layout faults on ${where}`).toEqual([]);
}

test("in the pseudo-locale, the phone and the display are right to left, and nothing overflows, is cut off or points the wrong way", async ({ browser, page: console_ }) => {
  test.setTimeout(240_000);
  await signInAsOrganiser(console_);
  await importPlan(console_, path.resolve("tests/fixtures/pseudo/pseudo-locale.md"));
  const code = await startImportedPlan(console_, 3);
  await expect(console_.locator("html")).toHaveAttribute("dir", "ltr");

  const display = await console_.context().newPage();
  await display.setViewportSize({ width: 1024, height: 768 });
  await display.goto(`/display/${code}`);
  await expect(display.getByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
  await expectRightToLeft(display, "the display's first slide");

  const phones = [await openPhone(browser), await openPhone(browser), await openPhone(browser)];
  const [first] = phones as [Page, Page, Page];
  // The first phone is the narrowest a phone comes: text a third longer must still fit 320 px.
  await first.setViewportSize({ width: 320, height: 640 });
  for (const [i, phone] of phones.entries()) {
    await phone.goto(`/j/${code}`);
    await expect(phone.getByText(pseudo.phone.gate.pass)).toBeVisible();
    if (i === 0) {
      await expectRightToLeft(phone, "the content notes gate");
      await phone.screenshot({ path: `${SCREENSHOTS}/pseudo-phone-gate.png`, fullPage: true });
    }
    await phone.getByRole("button", { name: pseudo.phone.gate.join }).click();
    await expect(phone.getByRole("status").filter({ hasText: pseudo.room.connection.online })).toBeVisible();
  }

  // A scale: it starts on the right, as the page reads, on the phone.
  await goToSlide(console_, /How are you arriving/);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("o");
  await expect(first.getByRole("radio")).toHaveCount(5);
  const [one, five] = [await first.getByRole("radio").nth(0).boundingBox(), await first.getByRole("radio").nth(4).boundingBox()];
  expect(one!.x, "1 is on the right of 5 in a right-to-left page").toBeGreaterThan(five!.x);
  await expectRightToLeft(first, "a scale question on the phone");
  await first.screenshot({ path: `${SCREENSHOTS}/pseudo-phone-scale.png`, fullPage: true });

  // A choice: answered, then its results, whose bars grow from the right on the display and the phone.
  await goToSlide(console_, /What helps/);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("o");
  for (const phone of phones) {
    await phone.getByRole("radio", { name: "Sleep" }).check();
    await phone.getByRole("button", { name: pseudo.phone.answer.send }).click();
    await expect(phone.getByText(pseudo.phone.confirmation.answered)).toBeVisible();
  }
  await expectRightToLeft(first, "an answered question on the phone");
  await console_.keyboard.press("o");
  await console_.keyboard.press("r");
  for (const [screen, where] of [
    [display, "the display's results"],
    [first, "the phone's results"],
  ] as const) {
    const track = screen.locator(".bars__track").first();
    await expect(track).toBeVisible();
    const [trackBox, fillBox] = [await track.boundingBox(), await track.locator(".bars__fill").boundingBox()];
    expect(Math.abs(trackBox!.x + trackBox!.width - (fillBox!.x + fillBox!.width)), `${where}: the bar grows from the right`).toBeLessThanOrEqual(1);
    await expectRightToLeft(screen, where);
  }
  await display.screenshot({ path: `${SCREENSHOTS}/pseudo-display-results.png` });
  await first.screenshot({ path: `${SCREENSHOTS}/pseudo-phone-results.png`, fullPage: true });

  // The break screen, on both.
  await console_.getByTestId("pause-session").click();
  await expect(display.getByRole("heading", { name: pseudo.room.break.title })).toBeVisible();
  await expect(first.getByRole("heading", { name: pseudo.room.break.title })).toBeVisible();
  await expectRightToLeft(display, "the display's break");
  await expectRightToLeft(first, "the phone's break");
  await display.screenshot({ path: `${SCREENSHOTS}/pseudo-display-break.png` });
  await first.screenshot({ path: `${SCREENSHOTS}/pseudo-phone-break.png`, fullPage: true });
});
