import { expect, test, type Page } from "@playwright/test";

import { expectNoSeriousViolations, joinByCode, openPhone, signInAsOrganiser } from "./helpers";

const CHECK_IN = "How are you arriving today?";

/** Starts the run of one session from the course's page, with k = 3; returns its join code. */
async function startSession(page: Page, coursePath: string, position: number): Promise<string> {
  await page.goto(coursePath);
  const session = page.getByRole("list", { name: /^Sessions of / }).getByRole("listitem").nth(position - 1);
  await expect(session).toContainText(`Session ${position}: `);
  await session.getByLabel("Show results only after").selectOption("3");
  await session.getByRole("button", { name: "Start a run" }).click();
  await expect(page).toHaveURL(/\/console\/[A-Z0-9]{6}$/);
  await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  return page.url().split("/").pop()!;
}

/**
 * Steps through the console's question slides, from the first, until the question is `question`; or, with none
 * given, goes to the last question slide (the check-out is a session's last question). Returns its question.
 */
async function goToQuestion(console_: Page, question?: string): Promise<string> {
  const slides = console_.getByRole("navigation", { name: "Slides" }).getByRole("button").filter({ has: console_.locator(".slide-list__tag") });
  const count = await slides.count();
  const asked = console_.getByRole("region", { name: "Question" }).getByRole("heading", { level: 2 });
  for (const i of question ? Array.from({ length: count }, (_, n) => n) : [count - 1]) {
    await slides.nth(i).click();
    await expect(slides.nth(i)).toHaveAttribute("aria-current", "step");
    const text = (await asked.textContent()) ?? "";
    if (!question || text === question) return text;
  }
  throw new Error(`no question slide asks "${question}"`);
}

/** One round on the current question: open, each phone answers with its value (or passes, for null), close. */
async function answerRound(console_: Page, phones: Page[], question: string, values: Array<number | null>) {
  await console_.getByRole("button", { name: "Open for answers" }).click();
  for (const [i, phone] of phones.entries()) {
    await expect(phone.getByText(question, { exact: true })).toBeVisible();
    const value = values[i];
    if (value === null || value === undefined) {
      await phone.getByRole("button", { name: "Pass on this one" }).click();
    } else {
      await phone.getByRole("radio", { name: new RegExp(`^${value}`) }).check();
      await phone.getByRole("button", { name: "Send answer" }).click();
    }
    await expect(phone.getByText(value === null ? "Passed" : "Your answer is in", { exact: true })).toBeVisible();
  }
  await console_.getByRole("button", { name: "Close answers" }).click();
}

/** A session run with the phones: the check-in, then the check-out (revealed beside it), then the end. */
async function runSession(console_: Page, phones: Page[], code: string, checkIn: Array<number | null>, checkOut: number[]) {
  for (const phone of phones) await joinByCode(phone, code);
  await answerRound(console_, phones, await goToQuestion(console_, CHECK_IN), checkIn);
  await answerRound(console_, phones, await goToQuestion(console_), checkOut);
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(console_.locator(".prompt-panel__results .compare")).toBeVisible();
  await console_.getByRole("button", { name: "End run" }).click();
  await console_.getByRole("dialog", { name: "End this session for everyone?" }).getByRole("button", { name: "End the session" }).click();
  await expect(phones[0]!.getByText(/session has ended/i)).toBeVisible();
}

test("an organiser clones the course, runs its first two sessions with three phones, and compares check-in and check-out across them", async ({
  page: organiser,
  browser,
}) => {
  test.setTimeout(480_000);
  await signInAsOrganiser(organiser);

  // The library shows the course with its six sessions in order; the organiser clones it whole.
  const course = organiser.getByRole("listitem").filter({ has: organiser.getByRole("heading", { name: "Going it alone", exact: true }) });
  await expect(course.getByRole("list", { name: "Sessions of Going it alone" }).getByRole("listitem")).toHaveCount(6);
  await expect(course.getByRole("link", { name: /^Session 1: / })).toHaveAttribute("href", "/library/hyper-independence");
  await expectNoSeriousViolations(organiser, "the library with a course");
  await course.getByRole("button", { name: "Clone the whole course “Going it alone”" }).click();
  await expect(organiser).toHaveURL(/\/courses\/own_[a-z0-9]+$/);
  await expect(organiser.getByRole("heading", { level: 1, name: "Going it alone (copy)" })).toBeVisible();
  const coursePath = new URL(organiser.url()).pathname;
  // Its sessions are the organisation's own copies, in the same order.
  const sessions = organiser.getByRole("list", { name: /^Sessions of / }).getByRole("link");
  await expect(sessions).toHaveCount(6);
  for (let i = 0; i < 6; i++) await expect(sessions.nth(i)).toHaveAttribute("href", /^\/library\/own_[a-z0-9]+$/);
  await expectNoSeriousViolations(organiser, "a course's page");

  // Sessions 1 and 2 with three phones: in session 2 one phone passes the check-in, so it stays under k = 3.
  const phones = await Promise.all([openPhone(browser), openPhone(browser), openPhone(browser)]);
  await runSession(organiser, phones, await startSession(organiser, coursePath, 1), [1, 2, 2], [3, 4, 4]);
  await runSession(organiser, phones, await startSession(organiser, coursePath, 2), [2, 3, null], [3, 4, 5]);
  await Promise.all(phones.map((phone) => phone.context().close()));

  // The course's check-in and check-out, session by session: group pictures only, each under its own k.
  await organiser.goto(coursePath);
  await organiser.getByRole("link", { name: "Check-in and check-out across the sessions" }).click();
  const first = organiser.getByRole("region", { name: /^Session 1: / });
  const second = organiser.getByRole("region", { name: /^Session 2: / });
  await expect(first.getByText("Middle answer (median): 2 at the start, 4 now · 3 answers at the start, 3 now")).toBeVisible();
  await expect(second.getByText("Results appear once at least 3 people have answered.")).toBeVisible();
  await expect(second.getByText("Middle answer (median): 4 · 3 answers")).toBeVisible();
  await expect(organiser.getByRole("region", { name: /^Session 3: / }).getByText("No run of this session has ended yet.")).toBeVisible();
  await expectNoSeriousViolations(organiser, "a course's check-in and check-out");

  // The course's history lists the two runs under their sessions.
  await organiser.getByRole("link", { name: "← The course" }).click();
  await organiser.getByRole("link", { name: "History of this course" }).click();
  await expect(organiser.getByRole("table", { name: "Runs of session 1, newest first" }).getByRole("row")).toHaveCount(2);
  await expect(organiser.getByRole("table", { name: "Runs of session 2, newest first" }).getByRole("row")).toHaveCount(2);
  await expectNoSeriousViolations(organiser, "a course's history");
});
