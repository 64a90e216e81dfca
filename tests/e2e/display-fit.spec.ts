import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";

import { parsePlan } from "~/content/parse-plan.server";
import { DISPLAY_MIN_TEXT } from "~/content/slide-fit.server";

import { joinByCode, openDisplay, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

/**
 * Issue 15: the audience display shows all of every slide, readable, on the projectors rooms have. The whole
 * hyper-independence plan is run with three phones, and on every slide and phase one display is looked at in
 * five screen sizes, from an old 4:3 projector to 4K.
 */

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1280, height: 720 },
] as const;

const PLAN = (() => {
  const result = parsePlan(readFileSync("content/plans/hyper-independence.md", "utf8"), "hyper-independence.md");
  if (!result.ok) throw new Error("the hyper-independence plan doesn't parse");
  return result.plan;
})();

/**
 * What a person in the room could not see or read on the display as it is now: anything of the slide outside the
 * screen, cut off by the slide's box, or under the join line, and any text smaller than the readable minimum.
 * Runs in the page.
 */
function problemsOnScreen(minText: number): string[] {
  const problems: string[] = [];
  const width = window.innerWidth;
  const height = window.innerHeight;
  const smallest = minText * height - 0.5;
  const box = document.querySelector<HTMLElement>(".display__slide, .break-screen");
  if (!box) return ["nothing of the slide is on the screen"];
  const boxRect = box.getBoundingClientRect();
  const joinLine = document.querySelector(".display__join");
  const join = joinLine?.getBoundingClientRect();
  const name = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""} "${(element.textContent ?? "").trim().slice(0, 40)}"`;
  const outside = (r: DOMRect, area: { left: number; top: number; right: number; bottom: number }) =>
    r.left < area.left - 0.5 || r.top < area.top - 0.5 || r.right > area.right + 0.5 || r.bottom > area.bottom + 0.5;
  const screen = { left: 0, top: 0, right: width, bottom: height };
  const looked = [box, ...box.querySelectorAll("*"), ...(joinLine ? [joinLine, ...joinLine.querySelectorAll("*")] : [])];
  for (const element of looked) {
    if (element.closest(".visually-hidden")) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const r = element.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const inJoinLine = joinLine?.contains(element) ?? false;
    if (outside(r, screen)) problems.push(`${name(element)} is off the screen`);
    else if (!inJoinLine && element !== box && outside(r, boxRect)) problems.push(`${name(element)} is cut off at the slide's edge`);
    if (!inJoinLine && join && r.left < join.right && r.right > join.left && r.top < join.bottom && r.bottom > join.top) {
      problems.push(`${name(element)} is under the join line`);
    }
    const text = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    if (text && parseFloat(style.fontSize) < smallest) problems.push(`${name(element)} is ${style.fontSize} high, under ${smallest + 0.5}px`);
  }
  return problems;
}

/** Looks at the display in every screen size: all of it visible and readable; a screenshot of each when `shot` names it. */
async function lookInEverySize(display: Page, state: string, shot?: string) {
  for (const viewport of VIEWPORTS) {
    await display.setViewportSize(viewport);
    const size = `${viewport.width}x${viewport.height}`;
    await expect.poll(() => display.evaluate(problemsOnScreen, DISPLAY_MIN_TEXT), { message: `${state} at ${size}` }).toEqual([]);
    if (shot) await display.screenshot({ path: `${SCREENSHOTS}/display-fit-${shot}-${size}.png` });
  }
}

/** Reads the QR code in the element as a camera would: from its pixels, as rendered. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

async function answer(phone: Page, type: string, n: number) {
  if (type === "open-text") await phone.getByLabel("Your answer").fill(`Ask a neighbour to water the plants, ${n}`);
  else if (type === "word-cloud") await phone.getByLabel("Word 1").fill(`steady ${n}`);
  else if (type === "multiple-choice") await phone.getByRole("checkbox").nth(n).check();
  else await phone.getByRole("radio").nth(n).check();
  await phone.getByRole("button", { name: "Send answer" }).click();
  await expect(phone.getByText("Your answer is in")).toBeVisible();
}

test("every slide of the plan, in every phase, shows in full and readable from 1024x768 to 4K", async ({ page: console_, browser, baseURL }) => {
  // A safety net, not a speed limit: about 6 minutes on an idle machine, and over 10 with three lanes beside other work.
  test.setTimeout(900_000);
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const heading = display.getByRole("heading", { level: 1 });
  const phones = await Promise.all(Array.from({ length: 3 }, () => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await console_.bringToFront();

  // The welcome slide is where people join: the QR code is large, and a camera reads it from the screen.
  await expect(heading).toHaveText("Welcome");
  await lookInEverySize(display, "the welcome slide", "welcome");
  const qr = await display.getByTestId("join-qr").boundingBox();
  expect(qr!.height).toBeGreaterThanOrEqual(720 / 4);
  expect(await decodeQr(display, "[data-testid=join-qr]")).toBe(`${baseURL}/j/${code}`);

  for (const slide of PLAN.slides.slice(1)) {
    await console_.locator("#current-title").click();
    await console_.keyboard.press("ArrowRight");
    // The console too: O and R below act on the slide the console shows, and the display may be there first.
    await expect(console_.locator("#current-title")).toHaveText(slide.title);
    await expect(heading).toHaveText(slide.title);
    const what = `slide ${slide.index + 1}, "${slide.title}"`;
    // After the welcome slide, how to join is a thin line along the bottom.
    await expect(display.getByTestId("join-qr")).toBeVisible();
    expect((await display.getByTestId("join-qr").boundingBox())!.height).toBeLessThan(720 / 6);

    if (slide.kind === "agreement") {
      for (const phone of phones) await phone.getByRole("button", { name: "I'm in" }).click();
      await expect(display.getByText("3 are in")).toBeVisible();
      await lookInEverySize(display, `${what} with everyone in`, "agreement");
    } else if (slide.kind === "grounding") {
      // A countdown started on the console shows on the display, beside the breathing guide.
      await console_.getByLabel("Countdown on the display").fill("1");
      await console_.getByRole("button", { name: "Start", exact: true }).click();
      await expect(console_.getByTestId("countdown-left")).toBeVisible();
      await expect(display.getByTestId("countdown").locator(".countdown__time")).toBeInViewport({ ratio: 1 });
      await expect(display.locator(".breathing__phase")).toBeInViewport({ ratio: 1 });
      await lookInEverySize(display, `${what} with a countdown`, "grounding");
      await console_.getByRole("button", { name: "Stop the countdown" }).click();
      await expect(display.getByTestId("countdown")).toHaveCount(0);

      // A break fits too, with how to join.
      await console_.locator("#current-title").click();
      await console_.keyboard.press("p");
      await expect(display.locator(".break-screen")).toBeVisible();
      await lookInEverySize(display, "the break screen");
      await console_.keyboard.press("p");
      await expect(heading).toHaveText(slide.title);

      // Blank is black: nothing on the screen at all.
      await console_.keyboard.press("b");
      await expect(display.locator("main.display--blank")).toBeVisible();
      const png = PNG.sync.read(await display.screenshot({ path: `${SCREENSHOTS}/display-fit-blank-1280x720.png` }));
      let lit = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 8 || png.data[i + 1]! > 8 || png.data[i + 2]! > 8) lit++;
      expect(lit, "pixels that are not black on a blanked display").toBe(0);
      await console_.keyboard.press("b");
      await expect(heading).toHaveText(slide.title);
    } else if (slide.kind === "round") {
      // A spoken round says so on the display: anyone may speak, and anyone may pass.
      await expect(display.getByText("A spoken round: anyone may speak, and anyone may pass.")).toBeVisible();
      await lookInEverySize(display, what);
    } else if (slide.prompt) {
      const { type } = slide.prompt;
      await console_.keyboard.press("o");
      await expect(display.getByText("Answer on your phone, or pass. Results stay hidden for now.")).toBeVisible();
      await lookInEverySize(display, `${what}, open for answers`, slide.prompt.id === "signs" ? "seven-options-open" : undefined);
      for (const [i, phone] of phones.entries()) await answer(phone, type, i);
      await console_.keyboard.press("o");
      await expect(console_.getByTestId("prompt-state")).toHaveText(/^Closed/);
      if (type === "open-text") {
        const pending = console_.getByTestId("moderation-pending").getByRole("listitem");
        for (let left = 3; left > 0; left--) {
          await expect(pending).toHaveCount(left);
          await pending.first().getByRole("button", { name: "Approve" }).click();
        }
        await expect(pending).toHaveCount(0);
      }
      await console_.locator("#current-title").click();
      await console_.keyboard.press("r");
      const shown = {
        scale: slide.prompt.type === "scale" && slide.prompt.compareWith ? ".compare" : ".scale-chart",
        "single-choice": ".bars",
        "multiple-choice": ".bars",
        "word-cloud": ".word-cloud",
        "open-text": ".text-wall",
        ranking: ".ranking-results",
      }[type];
      await expect(display.locator(shown).first()).toBeVisible();
      await lookInEverySize(display, `${what} with its results`, { signs: "seven-options-results", "check-out": "check-in-and-out" }[slide.prompt.id]);
      if (type === "open-text") {
        await console_.getByRole("button", { name: "Read aloud, one at a time" }).click();
        await expect(display.locator(".spotlight__position")).toHaveText("1 of 3");
        await lookInEverySize(display, `${what} read aloud`, "read-aloud");
        // Back to all the answers, so the next → moves on to the next slide rather than the next answer read aloud.
        await console_.getByRole("button", { name: "Show all" }).click();
        await expect(display.locator(".spotlight__position")).toHaveCount(0);
      }
    } else {
      await lookInEverySize(display, what);
    }

    if (slide.index === 4) {
      // How to join can be hidden on request (J on the display), and the slide takes the room.
      await display.keyboard.press("j");
      await expect(display.locator(".display__join")).toHaveCount(0);
      await lookInEverySize(display, `${what} without the join line`);
      await display.keyboard.press("j");
      await expect(display.locator(".display__join")).toBeVisible();
    }
  }
});
