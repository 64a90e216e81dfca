import { expect, test } from "@playwright/test";

import { E2E_SETUP_TOKEN, ORGANISER } from "./helpers";

test("the first organiser sets Beside up through the one-time setup link", async ({ page }) => {
  // A fresh Beside has no accounts: the front door says how to set it up, and staff pages send you to sign in.
  await page.goto("/");
  await expect(page.getByText("Beside has no accounts yet.")).toBeVisible();
  await page.goto("/library");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Flibrary$/);

  // A wrong setup link is refused.
  const wrong = await page.goto("/setup?token=not-the-token");
  expect(wrong?.status()).toBe(403);

  await page.goto(`/setup?token=${E2E_SETUP_TOKEN}`);
  await page.getByLabel("Your name").fill(ORGANISER.name);
  await page.getByLabel("Email").fill(ORGANISER.email);
  // The same rules as the server's, checked before sending.
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organiser account" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Password").fill(ORGANISER.password);
  await page.getByRole("button", { name: "Create organiser account" }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: ORGANISER.name })).toBeVisible();

  // The link works once.
  await page.context().clearCookies();
  await page.goto(`/setup?token=${E2E_SETUP_TOKEN}`);
  await expect(page).toHaveURL(/\/login$/);
});
