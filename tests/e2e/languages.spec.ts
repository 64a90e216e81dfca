import fs from "node:fs";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { parsePlan } from "~/content/parse-plan.server";
import { de } from "~/strings/de";
import { en } from "~/strings/en";
import { console_ as consoleEn } from "~/strings/en/console";
import { es } from "~/strings/es";

import { expectNoSeriousViolations, SCREENSHOTS, signInAsOrganiser } from "./helpers";

/**
 * Issue 18: the first session in Spanish and in German, end to end, with a facilitator and three phones whose
 * browsers speak that language. Every word a phone or the display says outside the plan is checked against the
 * language's own catalogue (never English's), every screen is axe-clean, and each is kept as a screenshot. The
 * console speaks its facilitator's language instead (their account's; English here, as nobody chose another).
 */
const LANGUAGES = [
  { tag: "es", locale: "es-ES", plan: "content/plans/hyper-independence-es.md", strings: es },
  { tag: "de", locale: "de-DE", plan: "content/plans/hyper-independence-de.md", strings: de },
] as const;

/** A participant's phone whose browser speaks `locale`. */
async function phoneIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale });
  return context.newPage();
}

for (const { tag, locale, plan: file, strings: t } of LANGUAGES) {
  const c = consoleEn;
  test(`a run of the first session in ${tag}: the room speaks it, from the code form to the break and Get help, axe-clean`, async ({ browser, page: console_ }) => {
    test.setTimeout(300_000);
    const parsed = parsePlan(fs.readFileSync(file, "utf8"), file);
    if (!parsed.ok) throw new Error(`${file} doesn't parse`);
    const plan = parsed.plan;
    const choice = plan.slides.find((slide) => slide.prompt?.type === "single-choice")!;
    const shot = (name: string) => `${SCREENSHOTS}/languages-${tag}-${name}.png`;

    // The facilitator starts the plan from the library; the console speaks the facilitator's language, not the plan's.
    await signInAsOrganiser(console_);
    const card = console_.getByRole("listitem").filter({ has: console_.getByRole("heading", { name: plan.title, exact: true }) });
    await card.getByLabel("Show results only after").selectOption("3");
    await card.getByRole("button", { name: "Start a run" }).click();
    await expect(console_).toHaveURL(/\/console\/[A-Z0-9]{6}$/);
    const code = console_.url().split("/").pop()!;
    await expect(console_.locator("html")).toHaveAttribute("lang", "en");
    await expect(console_.locator("#current-title")).toHaveAttribute("lang", tag);
    await expect(console_.getByRole("status").filter({ hasText: en.room.connection.online })).toBeVisible();

    const [display] = await Promise.all([console_.context().waitForEvent("page"), console_.getByRole("link", { name: c.openDisplay }).click()]);
    await display.setViewportSize({ width: 1280, height: 720 });
    await expect(display.locator("html")).toHaveAttribute("lang", tag);
    await expect(display.getByRole("heading", { level: 1, name: plan.slides[0]!.title })).toBeVisible();

    // Phones in the language: the code form speaks the browser's language, and so does a code it refuses.
    const phones = [await phoneIn(browser, locale), await phoneIn(browser, locale), await phoneIn(browser, locale)];
    const [first] = phones as [Page, Page, Page];
    await first.goto("/join");
    await expect(first.locator("html")).toHaveAttribute("lang", tag);
    await first.getByLabel(t.phone.join.code).fill("zzzzzz");
    await first.getByRole("button", { name: t.phone.join.submit, exact: true }).click();
    await expect(first.getByRole("alert")).toHaveText(t.phone.join.noSuchCode({ code: "ZZZZZZ" }));
    await expectNoSeriousViolations(first, `/join in ${tag}, a code refused`);
    await first.screenshot({ path: shot("phone-join-refused"), fullPage: true });

    for (const [i, phone] of phones.entries()) {
      if (i > 0) await phone.goto("/join");
      await phone.getByLabel(t.phone.join.code).fill(code.toLowerCase());
      await phone.getByRole("button", { name: t.phone.join.submit, exact: true }).click();
      await expect(phone).toHaveURL(new RegExp(`/j/${code}$`));
      // The content notes gate, in the plan's language around the plan's own notes.
      await expect(phone.getByText(t.phone.gate.pass)).toBeVisible();
      await expect(phone.getByText(plan.contentNotes[0]!)).toBeVisible();
      if (i === 0) {
        await expectNoSeriousViolations(phone, `the content notes gate in ${tag}`);
        await phone.screenshot({ path: shot("phone-gate"), fullPage: true });
      }
      await phone.getByRole("button", { name: t.phone.gate.join }).click();
      await expect(phone.getByRole("status").filter({ hasText: t.room.connection.online })).toBeVisible();
      await expect(phone.locator("html")).toHaveAttribute("lang", tag);
    }

    // A question: phones answer in the language, the display shows the group's results in it.
    await console_.getByRole("navigation", { name: c.slides }).getByRole("button", { name: choice.title }).click();
    await expect(console_.locator("#current-title")).toHaveText(choice.title);
    await console_.getByRole("button", { name: c.open }).click();
    const option = choice.prompt!.type === "single-choice" ? choice.prompt!.options : [];
    for (const [i, phone] of phones.entries()) {
      await phone.getByRole("radio", { name: option[i % 2]!, exact: true }).check();
      if (i === 0) {
        await expectNoSeriousViolations(phone, `a question on the phone in ${tag}`);
        await phone.screenshot({ path: shot("phone-question"), fullPage: true });
      }
      await phone.getByRole("button", { name: t.phone.answer.send }).click();
      await expect(phone.getByText(t.phone.confirmation.answered)).toBeVisible();
    }
    await console_.getByRole("button", { name: c.close }).click();
    await console_.getByRole("button", { name: c.reveal }).click();
    await expect(display.getByRole("list", { name: t.room.results.answers(3) })).toBeVisible();
    await expectNoSeriousViolations(display, `results on the display in ${tag}`);
    await display.screenshot({ path: shot("display-results") });
    await expect(first.getByRole("list", { name: t.room.results.answers(3) })).toBeVisible();
    await first.screenshot({ path: shot("phone-results"), fullPage: true });

    // A break: every screen says so in the language, with Get help on the phones.
    await console_.getByTestId("pause-session").click();
    await expect(display.getByRole("heading", { name: t.room.break.title })).toBeVisible();
    await expect(first.getByRole("heading", { name: t.room.break.title })).toBeVisible();
    await expectNoSeriousViolations(first, `the break on a phone in ${tag}`);
    await expectNoSeriousViolations(display, `the break on the display in ${tag}`);
    await first.screenshot({ path: shot("phone-break"), fullPage: true });
    await display.screenshot({ path: shot("display-break") });
    await console_.screenshot({ path: shot("console-break"), fullPage: true });

    // Get help, from the session: the page speaks the room's language, dates included, and leads back.
    await first.getByRole("link", { name: t.phone.getHelp }).first().click();
    await expect(first.getByRole("heading", { level: 1, name: t.phone.help.heading })).toBeVisible();
    await expect(first.locator("html")).toHaveAttribute("lang", tag);
    const dated = await first.locator("time").first().getAttribute("datetime");
    const written = new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${dated}T00:00:00Z`));
    await expect(first.locator("time").first()).toHaveText(written);
    await expectNoSeriousViolations(first, `Get help in ${tag}`);
    await first.screenshot({ path: shot("phone-help"), fullPage: true });
    await first.getByRole("link", { name: t.phone.help.back }).click();
    await expect(first.getByRole("heading", { name: t.room.break.title })).toBeVisible();

    // The break ends and the run ends: the phones say so in the language.
    await console_.getByTestId("pause-session").click();
    await expect(display.getByRole("heading", { name: t.room.break.title })).toBeHidden();
    await console_.getByRole("button", { name: c.endDialog.open }).click();
    await console_.getByRole("dialog").getByRole("button", { name: c.endDialog.end }).click();
    await expect(first.getByRole("heading", { name: t.phone.ended.heading })).toBeVisible();
    await expectNoSeriousViolations(first, `the end on a phone in ${tag}`);
    await first.screenshot({ path: shot("phone-ended"), fullPage: true });
    await display.screenshot({ path: shot("display-ended") });
  });
}
