import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

import { goToSlide, joinByCode, openDisplay, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

const ASKS = [
  "Ask a friend to walk with me on Sunday",
  "Let my sister carry the shopping",
  "Tell my partner I'm tired",
  "Ask a colleague to check my draft",
  "Something only I would write, with my street name",
];

test("a facilitator runs the safety features with five phones: agreement, grounding, pause, moderation, check-in vs check-out", async ({
  page: console_,
  browser,
}) => {
  test.setTimeout(600_000);
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);

  // Content notes come before anyone enters.
  const phones = await Promise.all([
    openPhone(browser, { reducedMotion: "reduce" }),
    ...Array.from({ length: 4 }, () => openPhone(browser)),
  ]);
  const first = phones[0]!;
  await first.goto(`/j/${code}`);
  await expect(first.getByText("This session touches on:")).toBeVisible();
  await expect(first.getByText("childhood neglect")).toBeVisible();
  await first.screenshot({ path: `${SCREENSHOTS}/safety-phone-content-notes.png`, fullPage: true });
  for (const phone of phones) await joinByCode(phone, code);
  // The safety bar is on every phone screen.
  for (const phone of phones) {
    await expect(phone.getByRole("button", { name: "I need a pause" })).toBeVisible();
    await expect(phone.getByRole("link", { name: "Get help" })).toHaveAttribute("href", `/help?from=${code}&lang=en`);
  }

  // The group agreement: four of five say "I'm in"; screens count only who is in.
  await goToSlide(console_, /Our group agreement/);
  await expect(display.getByRole("heading", { level: 1, name: "Our group agreement" })).toBeVisible();
  await expect(display.getByText("Waiting for the first “I'm in”")).toBeVisible();
  for (const phone of phones.slice(0, 4)) {
    await phone.getByRole("button", { name: "I'm in" }).click();
    await expect(phone.getByText("You're in. Thank you.")).toBeVisible();
  }
  await expect(display.getByText("4 are in")).toBeVisible();
  await expect(console_.getByTestId("agreement-count")).toContainText("4 are in");
  await expect(display.locator("body")).not.toContainText(/not in|haven't|1 of 5|4 of 5/);
  await expect(phones[4]!.getByRole("button", { name: "I'm in" })).toBeVisible();
  // A reload keeps "I'm in".
  await phones[0]!.reload();
  await expect(phones[0]!.getByText("You're in. Thank you.")).toBeVisible();
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-agreement.png` });
  await phones[1]!.screenshot({ path: `${SCREENSHOTS}/safety-phone-agreement.png`, fullPage: true });

  // Check-in, answered by all five, closed and revealed.
  await goToSlide(console_, /Arriving/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  const checkIn = [2, 2, 3, 1, 2];
  for (const [i, phone] of phones.entries()) {
    await phone.getByRole("radio", { name: new RegExp(`^${checkIn[i]}`) }).check();
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(display.locator(".scale-chart__count")).toHaveText(["1", "3", "1", "0", "0"]);

  // A sensitive slide carries its note on every screen.
  await goToSlide(console_, /Where it can come from/);
  for (const page of [display, phones[2]!, console_]) {
    await expect(page.getByRole("note").filter({ hasText: "Content note" })).toBeVisible();
  }

  // Grounding: a breathing guide that collects nothing, still for a phone that asks for reduced motion.
  await goToSlide(console_, /A pause to breathe/);
  await expect(display.getByRole("group", { name: "Breathing guide" })).toBeVisible();
  await expect(display.locator(".breathing__phase")).toHaveText(/Breathe in|Hold|Breathe out/);
  await expect(first.getByRole("group", { name: "Breathing guide" })).toBeVisible();
  await expect(first.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  // With reduced motion the circle neither transitions nor changes size from one phase to the next; only the words change.
  const circle = async () =>
    first.locator(".breathing__circle").evaluate((element) => {
      const style = getComputedStyle(element);
      return { transform: style.transform, transition: style.transitionDuration };
    });
  const before = await circle();
  const phaseBefore = await first.locator(".breathing__phase").textContent();
  await expect(first.locator(".breathing__phase")).not.toHaveText(phaseBefore ?? "", { timeout: 15_000 });
  const after = await circle();
  expect(after).toEqual(before);
  expect(before.transition.split(",").every((duration) => parseFloat(duration) === 0)).toBe(true);
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-grounding.png` });
  await phones[1]!.screenshot({ path: `${SCREENSHOTS}/safety-phone-grounding.png`, fullPage: true });

  // "I need a pause": the console gets a gentle count, the display nothing.
  await phones[3]!.getByRole("button", { name: "I need a pause" }).click();
  await expect(phones[3]!.getByText("Sent. The facilitator sees that someone would like a pause — not who.")).toBeVisible();
  await expect(console_.getByTestId("signal-notice")).toContainText("Someone would like a pause");
  await expect(display.locator("body")).not.toContainText(/would like a pause|someone|signal/i);

  // Pause the session: the display and every phone show the break screen, then come back.
  await console_.getByTestId("pause-session").click();
  await expect(display.getByRole("heading", { name: "We're taking a short break" })).toBeVisible();
  for (const phone of phones) await expect(phone.getByRole("heading", { name: "We're taking a short break" })).toBeVisible();
  await expect(phones[0]!.getByRole("link", { name: "Get help" })).toBeVisible();
  await console_.screenshot({ path: `${SCREENSHOTS}/safety-console-pause.png`, fullPage: true });
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-break.png` });
  await phones[0]!.screenshot({ path: `${SCREENSHOTS}/safety-phone-break.png`, fullPage: true });
  await console_.getByTestId("pause-session").click();
  await expect(display.getByRole("heading", { level: 1, name: "A pause to breathe" })).toBeVisible();

  // Open text is moderated: only approved entries reach the display.
  await goToSlide(console_, /One small ask/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  for (const [i, phone] of phones.entries()) {
    await phone.getByLabel("Your answer").fill(ASKS[i]!);
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
  const pending = console_.getByTestId("moderation-pending");
  await expect(pending.getByRole("listitem")).toHaveCount(5);
  for (const text of ASKS.slice(0, 3)) {
    await pending.getByRole("listitem").filter({ hasText: text }).getByRole("button", { name: "Approve" }).click();
    await expect(console_.getByTestId("moderation-approved")).toContainText(text);
  }
  await pending.getByRole("listitem").filter({ hasText: ASKS[4]! }).getByRole("button", { name: "Hide" }).click();
  await expect(pending.getByRole("listitem")).toHaveCount(1);
  await console_.getByRole("button", { name: "Reveal results" }).click();
  const wall = display.locator(".text-wall li");
  await expect(wall).toHaveCount(3);
  for (const text of ASKS.slice(0, 3)) await expect(display.getByText(text)).toBeVisible();
  for (const page of [display, phones[0]!]) {
    await expect(page.locator("body")).not.toContainText(ASKS[3]!);
    await expect(page.locator("body")).not.toContainText(ASKS[4]!);
  }
  await console_.screenshot({ path: `${SCREENSHOTS}/safety-console-moderation.png`, fullPage: true });
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-open-text.png` });

  // Read aloud: one approved entry at a time.
  await console_.getByRole("button", { name: "Read aloud, one at a time" }).click();
  await expect(display.locator(".spotlight__position")).toHaveText("1 of 3");
  await expect(display.locator(".text-wall")).toHaveCount(0);
  const firstRead = await display.locator(".spotlight__text").textContent();
  await console_.getByRole("button", { name: "Next answer →" }).click();
  await expect(display.locator(".spotlight__position")).toHaveText("2 of 3");
  expect(await display.locator(".spotlight__text").textContent()).not.toBe(firstRead);
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-read-aloud.png` });
  await console_.getByRole("button", { name: "Show all" }).click();
  await expect(wall).toHaveCount(3);

  // Check-out, compared with check-in as two group distributions side by side.
  await goToSlide(console_, /Checking out/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  const checkOut = [3, 4, 3, 2, 4];
  for (const [i, phone] of phones.entries()) {
    await phone.getByRole("radio", { name: new RegExp(`^${checkOut[i]}`) }).check();
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  // Check-in was 1, 3, 1, 0, 0 of 5 answers; check-out 0, 1, 2, 2, 0: each value in percentages, start beside now.
  const compared = display.locator(".compare--paired");
  await expect(compared.locator(".paired-scale__column--start .paired-scale__percent")).toHaveText(
    ["20%", "60%", "20%", "0%", "0%"].map((share) => `At the start ${share}`),
  );
  await expect(compared.locator(".paired-scale__column--end .paired-scale__percent")).toHaveText(
    ["0%", "20%", "40%", "40%", "0%"].map((share) => `Now ${share}`),
  );
  const moved = "More of the group chose 4 or 5 at the end than at the start.";
  await expect(compared.getByText(moved)).toBeVisible();
  await expect(phones[0]!.locator(".compare--paired").getByText(moved)).toBeVisible();
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-check-in-vs-out.png` });
  // In high contrast (white and yellow on black) the two still differ by more than hue: the start hatched, now solid,
  // and every word on them reads at WCAG contrast.
  await display.mouse.move(0, 0);
  await display.getByRole("button", { name: "High contrast" }).click();
  await expect(compared.locator(".paired-scale__bar--start").nth(1)).toHaveCSS("background-image", /repeating-linear-gradient/);
  await expect(compared.locator(".paired-scale__bar--end").nth(1)).toHaveCSS("background-color", "rgb(255, 255, 0)");
  const contrast = await new AxeBuilder({ page: display }).include(".compare").withRules(["color-contrast"]).analyze();
  expect(contrast.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(" ")))).toEqual([]);
  await display.screenshot({ path: `${SCREENSHOTS}/safety-display-check-in-vs-out-high-contrast.png` });
  await phones[0]!.screenshot({ path: `${SCREENSHOTS}/safety-phone-check-in-vs-out.png`, fullPage: true });

  // "Get help" opens the resources and leads back to the session.
  await phones[4]!.getByRole("link", { name: "Get help" }).click();
  await expect(phones[4]!.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(phones[4]!.getByText("Details as of").first()).toBeVisible();
  await phones[4]!.screenshot({ path: `${SCREENSHOTS}/safety-phone-help.png`, fullPage: true });
  await phones[4]!.getByRole("link", { name: "Back to the session" }).click();
  await expect(phones[4]!.locator(".compare--paired").getByText(moved)).toBeVisible();
});
