import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";

import { goToSlide, joinByCode, openDisplay, openPhone, SCREENSHOTS, sendAnswer, startHyperIndependence } from "./helpers";

/** Presenting like a professional: the console's keyboard, the join QR code, the display's themes, timers and countdown. */

/** Reads the QR code in the element as a camera would: from its pixels, as rendered. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the console runs the room from the keyboard, as a presentation remote would", async ({ page: console_, browser }) => {
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const phones = await Promise.all(Array.from({ length: 3 }, () => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await console_.bringToFront();

  // "?" lists the shortcuts; Escape closes the list and nothing else happens.
  await console_.keyboard.press("?");
  const help = console_.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Blank the display");
  await console_.screenshot({ path: `${SCREENSHOTS}/console-shortcuts.png` });
  await console_.keyboard.press("ArrowRight"); // a key inside the open dialog moves no slide
  await console_.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(heading(display)).toHaveText("Welcome");

  // → and Space and Page Down forward, ← and Page Up back: the display follows each press.
  for (const [key, title] of [
    ["ArrowRight", "Before we begin"],
    ["PageDown", "Our group agreement"],
    [" ", "Arriving"],
    ["PageUp", "Our group agreement"],
    ["ArrowLeft", "Before we begin"],
    ["PageDown", "Our group agreement"],
    ["ArrowRight", "Arriving"],
  ] as const) {
    await console_.keyboard.press(key);
    await expect(console_.locator("#current-title")).toHaveText(title);
    await expect(heading(display)).toHaveText(title);
  }

  // A remote pressed twice in quick succession moves two slides: the second press starts from the slide asked for.
  await console_.keyboard.press("PageDown");
  await console_.keyboard.press("PageDown");
  await expect(heading(display)).toHaveText("Standing on your own, or going it alone?");
  await console_.keyboard.press("PageUp");
  await console_.keyboard.press("PageUp");
  await expect(console_.locator("#current-title")).toHaveText("Arriving");
  await expect(heading(display)).toHaveText("Arriving");

  // O opens the check-in; phones answer; O closes it; R reveals and hides the results.
  await console_.keyboard.press("o");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Open for answers/);
  for (const [i, phone] of phones.entries()) await sendAnswer(phone, new RegExp(`^${i + 2}`));
  await expect(console_.getByTestId("response-count")).toHaveText("at least 3 responses");
  await console_.keyboard.press("O");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Closed/);
  await console_.keyboard.press("r");
  await expect(display.locator(".scale-chart__count")).toHaveText(["0", "1", "1", "1", "0"]);
  await console_.keyboard.press("r");
  await expect(display.locator(".scale-chart__count")).toHaveCount(0);
  // Pressed three times before the screens catch up, R turns the results over three times: they end up shown.
  await console_.keyboard.press("r");
  await console_.keyboard.press("r");
  await console_.keyboard.press("r");
  await expect(console_.getByRole("button", { name: "Hide results" })).toBeVisible();
  await expect(display.locator(".scale-chart__count")).toHaveText(["0", "1", "1", "1", "0"]);
  // Twice more, quickly: hidden and shown again, so one more press hides them.
  await console_.keyboard.press("r");
  await console_.keyboard.press("r");
  await expect(display.locator(".scale-chart__count")).toHaveText(["0", "1", "1", "1", "0"]);
  await console_.keyboard.press("r");
  await expect(display.locator(".scale-chart__count")).toHaveCount(0);

  // B blanks the display (phones carry on) and brings it back; P puts the room on a break and back.
  await console_.keyboard.press("b");
  await expect(console_.getByTestId("blank-notice")).toBeVisible();
  await expect(display.locator("main.display--blank")).toBeVisible();
  await expect(display.getByText("How are you arriving today?")).toBeHidden();
  await expect(phones[0]!.getByText("How are you arriving today?")).toBeVisible();
  await console_.keyboard.press("B");
  await expect(display.getByText("How are you arriving today?")).toBeVisible();
  await console_.keyboard.press("p");
  await expect(display.locator(".break-screen")).toBeVisible();
  await expect(phones[1]!.locator(".break-screen")).toBeVisible();
  await console_.keyboard.press("p");
  await expect(display.locator(".break-screen")).toBeHidden();

  // F puts the console in fullscreen and takes it out.
  await console_.keyboard.press("f");
  await expect.poll(() => console_.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await console_.keyboard.press("f");
  await expect.poll(() => console_.evaluate(() => document.fullscreenElement !== null)).toBe(false);

  // Typing in a field is typing: "b" and "o" in the countdown's minutes change nothing in the room.
  await console_.getByLabel("Countdown on the display").focus();
  await console_.keyboard.press("b");
  await console_.keyboard.press("o");
  await console_.keyboard.press("ArrowRight");
  // Out of the field, P pauses: once the console shows that, anything the keys in the field had sent would have landed.
  await console_.locator("#current-title").click();
  await console_.keyboard.press("p");
  await expect(console_.getByRole("button", { name: "Resume the session" })).toBeVisible();
  await expect(console_.getByTestId("blank-notice")).toBeHidden();
  await expect(console_.locator("#current-title")).toHaveText("Arriving");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Closed/);
});

test("the display and console show a QR code that a phone camera reads as the run's link, and that link joins", async ({ page: console_, browser, baseURL }) => {
  const code = await startHyperIndependence(console_, 3);
  const joinUrl = `${baseURL}/j/${code}`;
  await expect(console_.getByText(code).first()).toBeVisible();
  expect(await decodeQr(console_, "[data-testid=join-qr]")).toBe(joinUrl);

  const display = await openDisplay(console_);
  await expect(display.getByTestId("join-qr")).toHaveAccessibleName(`QR code to join: ${joinUrl}`);
  await expect(display.locator(".join-panel__code")).toHaveText(code);
  expect(await decodeQr(display, "[data-testid=join-qr]")).toBe(joinUrl);
  // Dark on light in every theme, or some cameras can't read it.
  await display.goto(`/display/${code}?theme=high-contrast`);
  expect(await decodeQr(display, "[data-testid=join-qr]")).toBe(joinUrl);

  const phone = await openPhone(browser);
  await phone.goto(joinUrl);
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  await expect(console_.getByTestId("connected")).toHaveText("1 phone connected");
});

test("the display reads well in each theme, keeps the theme in its address, and hides its controls in fullscreen", async ({ page: console_ }) => {
  const code = await startHyperIndependence(console_, 3);
  await goToSlide(console_, /Signs you might recognise/);
  const display = await openDisplay(console_);
  await expect(heading(display)).toHaveText("Signs you might recognise");

  const backgrounds: Record<string, string> = {};
  for (const theme of ["Light", "Dark", "High contrast"]) {
    await display.getByRole("button", { name: theme }).click();
    await expect(display.getByRole("button", { name: theme })).toHaveAttribute("aria-pressed", "true");
    const main = display.locator("main.display");
    backgrounds[theme] = await main.evaluate((element) => getComputedStyle(element).backgroundColor);
    // WCAG 2.2 AA contrast for everything on the slide, in this theme.
    const contrast = await new AxeBuilder({ page: display }).withRules(["color-contrast"]).analyze();
    expect(contrast.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(" "))), theme).toEqual([]);
    await display.mouse.move(0, 0); // the controls rest after a while: wake them for the next click
    await display.screenshot({ path: `${SCREENSHOTS}/display-theme-${theme.toLowerCase().replace(" ", "-")}.png` });
  }
  expect(backgrounds).toEqual({ Light: "rgb(247, 245, 240)", Dark: "rgb(17, 25, 29)", "High contrast": "rgb(0, 0, 0)" });

  // The theme is in the address, so a reload or a bookmark keeps it.
  expect(new URL(display.url()).searchParams.get("theme")).toBe("high-contrast");
  await display.reload();
  await expect(display.locator("main.display")).toHaveCSS("background-color", "rgb(0, 0, 0)");
  await expect(display.getByRole("navigation", { name: "Display settings" })).toBeVisible();

  // Fullscreen: nothing but the slide and how to join. F again (or Escape) leaves it.
  await display.keyboard.press("f");
  await expect.poll(() => display.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await expect(display.getByRole("navigation", { name: "Display settings" })).toHaveCount(0);
  await expect(display.getByTestId("join-qr")).toBeVisible();
  await display.keyboard.press("f");
  await expect(display.getByRole("navigation", { name: "Display settings" })).toBeVisible();
  await expect(display.locator(".join-panel__code")).toHaveText(code);
});

test("the console times the session and the slide against the plan, and runs a countdown on the display", async ({ page: console_ }) => {
  await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const timers = console_.getByTestId("timers");
  // The plan is 90 minutes; its first slide 3.
  await expect(timers).toContainText(/Session 0:0\d of 1:30:00/);
  await expect(timers).toContainText(/Slide 0:0\d of 3:00/);
  await expect(console_.getByTestId("pace")).toHaveText("On time");
  const before = await timers.textContent();
  await expect(timers).not.toHaveText(before!, { timeout: 3000 }); // it ticks

  await goToSlide(console_, /Arriving/);
  await expect(timers).toContainText(/Slide 0:0\d of 3:00/);
  // The planned minutes of the slide are where the countdown starts; half a minute here.
  await console_.getByLabel("Countdown on the display").fill("0.5");
  await console_.getByRole("button", { name: "Start", exact: true }).click();
  await expect(display.getByTestId("countdown")).toContainText(/0:(30|29|28)/);
  await expect(console_.getByTestId("countdown-left")).toContainText(/0:(30|29|28|27)/);
  await expect(display.getByTestId("countdown")).toContainText(/0:2[0-6]/, { timeout: 10_000 });
  await display.screenshot({ path: `${SCREENSHOTS}/display-countdown.png` });
  await console_.getByRole("button", { name: "Stop the countdown" }).click();
  await expect(display.getByTestId("countdown")).toHaveCount(0);

  // A change of slide ends a countdown.
  await console_.getByRole("button", { name: "Start", exact: true }).click();
  await expect(display.getByTestId("countdown")).toBeVisible();
  await console_.keyboard.press("ArrowRight");
  await expect(heading(display)).toHaveText("Where we're heading");
  await expect(display.getByTestId("countdown")).toHaveCount(0);
});
