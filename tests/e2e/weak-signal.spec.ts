import fs from "node:fs";

import { expect, test, type Browser } from "@playwright/test";

import { goToSlide, openPhone, startHyperIndependence } from "./helpers";
import { FAST_3G, SLOW_3G, throttle, type NetworkProfile } from "./throttling";

const RESULTS = "test-results/weak-signal.json";

/**
 * Issue 19's targets, from opening /j/CODE to "Your answer is in", tapping as soon as something can be tapped. Recorded
 * beside the figures, not asserted: how long a request takes is the network profile's and the machine's. What is
 * asserted holds on any machine: which requests stand between the two, and that none of them waits on a script.
 */
const TARGETS_MS = { "slow 3G": { firstTime: 7000, returning: 5000 }, "fast 3G": { firstTime: 2500, returning: 2500 } };

type Kind = "firstTime" | "returning";

/**
 * A participant on `profile` with nothing cached, opening the session's link with a question already open, as a
 * person would: "Join the session" (a first-time phone), a choice and "Send answer", each tapped the moment it can be.
 * A returning phone has its cookies from joining before (the moment it entered, and its secret). Returns the
 * page's requests for documents, in order, and the milliseconds from opening the link to the confirmation.
 */
async function answerOnWeakSignal(browser: Browser, code: string, profile: NetworkProfile, kind: Kind, thenLeftAlone = false) {
  const phone = await openPhone(browser);
  const errors: string[] = [];
  phone.on("pageerror", (error) => errors.push(error.message));
  phone.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  if (kind === "returning") await phone.context().addCookies(await joinedEarlier(browser, code));
  await throttle(phone, profile);
  const documents: string[] = [];
  const realtime: string[] = [];
  phone.on("request", (request) => {
    const url = new URL(request.url());
    if (request.isNavigationRequest()) documents.push(`${request.method()} ${url.pathname}`);
    if (url.pathname.startsWith("/socket.io/")) realtime.push(url.search);
  });
  phone.on("websocket", (socket) => realtime.push(socket.url()));
  // Each tap the moment its page is parsed (its DOMContentLoaded, an event the browser sends, not polled), without
  // Playwright's checks that the button stands still (animation frames and round trips of their own), and the end
  // when the confirmation's page first painted, on the browser's clock. Playwright's own waiting polls every 500 ms
  // and its checks take about 0.1 s a tap: up to 0.6 s a step that is the test's, not the phone's.
  const parsed = () => phone.waitForEvent("domcontentloaded", { timeout: 60_000 });
  const opened = Date.now();
  let page = parsed();
  await phone.goto(`/j/${code}`, { waitUntil: "commit" });
  await page;
  if (kind === "firstTime") {
    page = parsed();
    await phone.getByRole("button", { name: "Join the session" }).click({ force: true });
    await page;
  }
  await phone.getByRole("radio", { name: /^4/ }).check({ force: true });
  page = parsed();
  await phone.getByRole("button", { name: "Send answer" }).click({ force: true });
  await page;
  await expect(phone.getByText("Your answer is in")).toBeVisible({ timeout: 60_000 });
  const confirmedMs = (await phone.evaluate(firstPaint)) - opened;
  // The last page's bytes on the wire: what each of the requests brings back.
  const pageBytes = await phone.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).encodedBodySize);
  // Sent as a form: the page and its forms, with no realtime connection needed on the way.
  const before = { documents: [...documents], realtime: [...realtime] };
  await expect(phone.getByText("You chose 4.")).toBeVisible();
  if (thenLeftAlone) {
    // Left alone, the page gets its scripts after all, comes to life as drawn and connects, with no error.
    await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible({ timeout: 60_000 });
    await expect(phone.getByText("You chose 4.")).toBeVisible();
    expect(errors).toEqual([]);
  }
  await phone.context().close();
  return { ...before, confirmedMs, pageBytes };
}

/** When the page on screen first painted, in milliseconds since the epoch (the machine's clock, as Date.now()). */
function firstPaint() {
  const paint = performance.getEntriesByName("first-contentful-paint")[0] ?? performance.getEntriesByName("first-paint")[0];
  return performance.timeOrigin + (paint?.startTime ?? performance.now());
}

/** The cookies of a phone that joined the run earlier (a real join, the page drawn whole, without its scripts). */
async function joinedEarlier(browser: Browser, code: string) {
  const earlier = await browser.newContext({ javaScriptEnabled: false });
  const joining = await earlier.newPage();
  await joining.goto(`/j/${code}`);
  await joining.getByRole("button", { name: "Join the session" }).click();
  await expect(joining.getByRole("button", { name: "Send answer" })).toBeVisible();
  const cookies = await earlier.cookies();
  expect(cookies.map((cookie) => cookie.name).sort()).toEqual([`beside_device_${code}`, `beside_entered_${code}`]);
  await earlier.close();
  return cookies;
}

test("on a weak signal a phone answers in three requests, or two once it has joined, none waiting on a script", async ({ browser, page: console_ }) => {
  test.setTimeout(300_000);
  const code = await startHyperIndependence(console_, 3);
  await goToSlide(console_, /Arriving/);
  await console_.locator("#current-title").click();
  await console_.keyboard.press("o");
  await expect(console_.getByTestId("prompt-state")).toHaveText(/^Open for answers/);

  const figures: Record<string, Record<Kind | "pageBytes", number>> = {};
  for (const [name, profile] of [
    ["slow 3G", SLOW_3G],
    ["fast 3G", FAST_3G],
  ] as const) {
    const firstTime = await answerOnWeakSignal(browser, code, profile, "firstTime", true);
    // The page, "Join the session" and the answer: three requests, each a plain document the server draws whole.
    expect(firstTime.documents).toEqual([`GET /j/${code}`, `POST /j/${code}`, `POST /j/${code}`]);
    expect(firstTime.realtime).toEqual([]);
    // A phone that joined before: the page, then the answer.
    const returning = await answerOnWeakSignal(browser, code, profile, "returning");
    expect(returning.documents).toEqual([`GET /j/${code}`, `POST /j/${code}`]);
    expect(returning.realtime).toEqual([]);
    figures[name] = { firstTime: firstTime.confirmedMs, returning: returning.confirmedMs, pageBytes: firstTime.pageBytes };
  }

  fs.mkdirSync("test-results", { recursive: true });
  const report = { profiles: { "slow 3G": SLOW_3G, "fast 3G": FAST_3G }, targetsMs: TARGETS_MS, measuredAt: new Date().toISOString(), figures };
  fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`opening /j/CODE to "Your answer is in", ms (also in ${RESULTS}; targets recorded, not asserted):`);
  for (const [name, figure] of Object.entries(figures)) {
    const target = TARGETS_MS[name as keyof typeof TARGETS_MS];
    console.log(
      `  ${name}: first time ${figure.firstTime} (target ${target.firstTime}), joined before ${figure.returning} (target ${target.returning}); the page ${figure.pageBytes} bytes`,
    );
  }
});
