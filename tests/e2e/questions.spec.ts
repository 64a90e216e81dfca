import { expect, test } from "@playwright/test";

import { expectNoSeriousViolations, joinByCode, openDisplay, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

/**
 * The question box (issue 17 §3, decision 036), from a phone's question to "answering now" on the display: the
 * question waits in the console's queue, is approved, another phone upvotes it, and the facilitator answers it.
 */
const QUESTION = "How do I ask for help without feeling like a burden?";

test("a phone's question reaches the console's queue, is approved, upvoted by another phone, and shown on the display while it is answered; the box is axe-clean", async ({
  page: console_,
  browser,
}) => {
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const [asker, voter] = await Promise.all([openPhone(browser), openPhone(browser)]);
  for (const phone of [asker, voter]) await joinByCode(phone, code);
  await expect(asker.getByTestId("question-box")).toHaveCount(0);

  await console_.bringToFront();
  const boxSwitch = console_.getByRole("button", { name: "Question box open all session" });
  await boxSwitch.click();
  await expect(boxSwitch).toHaveAttribute("aria-pressed", "true");
  await expect(console_.getByTestId("question-queue")).toContainText("The question box is open.");

  // The phone's box loads once it opens.
  await asker.getByLabel("Your question").fill(QUESTION);
  await asker.getByRole("button", { name: "Send question" }).click();
  await expect(asker.getByText("Sent. The facilitator will read it first.")).toBeVisible();

  // The console reads it first; nothing is on the other phone until it is approved.
  const waiting = console_.getByTestId("question-pending").getByRole("listitem").filter({ hasText: QUESTION });
  await expect(waiting).toBeVisible();
  await expect(voter.getByText("No questions shown yet.")).toBeVisible();
  await waiting.getByRole("button", { name: "Approve" }).click();

  // Every phone lists it; only the asker's own memory says whose it is.
  const onVoter = voter.getByRole("listitem").filter({ hasText: QUESTION });
  await expect(onVoter).toBeVisible();
  await expect(asker.getByRole("listitem").filter({ hasText: QUESTION }).getByText("You asked this")).toBeVisible();
  await expect(onVoter.getByText("You asked this")).toHaveCount(0);
  // A reload keeps the box (the run's state) and the asker's own mark (its own memory).
  await asker.reload();
  await expect(asker.getByRole("listitem").filter({ hasText: QUESTION }).getByText("You asked this")).toBeVisible();
  await onVoter.getByRole("button", { name: "Me too" }).click();
  await expect(onVoter.getByRole("button", { name: "Me too" })).toHaveAttribute("aria-pressed", "true");
  await expect(onVoter.getByText("You voted")).toBeVisible();
  await expectNoSeriousViolations(voter, "the phone's question box");
  await voter.getByTestId("question-box").screenshot({ path: `${SCREENSHOTS}/phone-question-box.png` });

  // The facilitator answers it: the display shows it, large, until it is answered.
  const approved = console_.getByTestId("question-approved").getByRole("listitem").filter({ hasText: QUESTION });
  await console_.getByTestId("question-queue").screenshot({ path: `${SCREENSHOTS}/console-question-queue.png` });
  await approved.getByRole("button", { name: "Answering now" }).click();
  await expect(display.getByRole("heading", { name: "A question from the room" })).toBeVisible();
  await expect(display.getByTestId("answering-now")).toHaveText(QUESTION);
  await expect(onVoter).toContainText("Being answered now");
  // On the first slide the room still sees how to join: the question shows below it, not in its place.
  await expect(display.getByText(code)).toBeVisible();
  await display.screenshot({ path: `${SCREENSHOTS}/display-answering-now.png` });
  await approved.getByRole("button", { name: "Answered", exact: true }).click();
  await expect(display.getByTestId("answering-now")).toHaveCount(0);
  await expect(onVoter).toContainText("Answered");

  // Answering it again, then moving on: the next slide has the display to itself, and the question stays approved.
  await approved.getByRole("button", { name: /Answering now/ }).click();
  await expect(display.getByTestId("answering-now")).toHaveText(QUESTION);
  await console_.getByRole("button", { name: "Next →", exact: true }).click();
  await expect(display.getByTestId("answering-now")).toHaveCount(0);
  await expect(approved.getByRole("button", { name: "Answering now", exact: true })).toBeVisible();
});
