import { expect, test } from "@playwright/test";

import { joinByCode, openDisplay, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

test("a facilitator runs the check-in with five phones and the display shows the distribution", async ({ page: console_, browser }) => {
  // The facilitator starts the hyper-independence plan from the library.
  const code = await startHyperIndependence(console_, 5);

  // The audience display opens in a second window.
  const display = await openDisplay(console_);
  await expect(display.getByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
  await expect(display.getByText(code)).toBeVisible();

  // Five participants join by code, each on their own phone.
  const phones = await Promise.all(Array.from({ length: 5 }, () => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);
  await expect(phones[0]!.getByText("Listen along")).toBeVisible();
  // The phone promises only what is true: the facilitator reads written answers, but nobody can tell who wrote which.
  await expect(phones[0]!.getByText("Anonymous: nobody, the facilitator included, can see who answered what.")).toBeVisible();
  await expect(console_.getByTestId("connected")).toHaveText("5 phones connected");
  // Told to expect four people, the console warns that there are more phones than that; five, and it says nothing.
  await console_.getByLabel("People expected").fill("4");
  await expect(console_.getByTestId("room-warning")).toContainText("More phones than people: 5 connected, 4 expected.");
  await console_.getByLabel("People expected").fill("5");
  await expect(console_.getByTestId("room-warning")).toHaveCount(0);

  // The facilitator moves to the check-in and opens it; the display and phones follow.
  await console_.getByRole("navigation", { name: "Slides" }).getByRole("button", { name: /Arriving/ }).click();
  await expect(display.getByRole("heading", { level: 1, name: "Arriving" })).toBeVisible();
  await console_.getByRole("button", { name: "Open for answers" }).click();
  await expect(console_.getByTestId("prompt-state")).toContainText("Open for answers");

  const choices = [2, 3, 3, 4, 5];
  for (const [i, phone] of phones.entries()) {
    await expect(phone.getByText("How are you arriving today?", { exact: true })).toBeVisible();
    await phone.getByRole("radio", { name: new RegExp(`^${choices[i]}`) }).check();
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
  // While answers are open the console counts in steps of k (5 here).
  await expect(console_.getByTestId("response-count")).toHaveText("at least 5 responses");
  await phones[1]!.screenshot({ path: `${SCREENSHOTS}/phone-answered.png`, fullPage: true });

  // A phone that reloads keeps its answer.
  await phones[2]!.reload();
  await expect(phones[2]!.getByText("You chose 3.")).toBeVisible();

  // Closed and revealed: the display shows the distribution and its median; phones see it too.
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(display.getByText("Middle answer (median):")).toContainText("3");
  const columns = display.locator(".scale-chart__count");
  await expect(columns).toHaveText(["0", "1", "2", "1", "1"]);
  await expect(phones[0]!.locator(".scale-chart__count")).toHaveText(["0", "1", "2", "1", "1"]);

  // Reloading the console or the display shows exactly the current state.
  await display.reload();
  await expect(display.locator(".scale-chart__count")).toHaveText(["0", "1", "2", "1", "1"]);
  await console_.reload();
  await expect(console_.getByTestId("prompt-state")).toContainText("Closed · results shown");
  await expect(console_.getByTestId("response-count")).toHaveText("5");

  await console_.screenshot({ path: `${SCREENSHOTS}/console.png`, fullPage: true });
  await display.screenshot({ path: `${SCREENSHOTS}/display.png` });
  await phones[0]!.screenshot({ path: `${SCREENSHOTS}/phone-results.png`, fullPage: true });
});
