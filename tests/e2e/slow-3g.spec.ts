import fs from "node:fs";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { pageScriptsIn, readAssetManifest } from "../helpers/bundle";
import { openPhone, startHyperIndependence } from "./helpers";
import { SLOW_3G, throttle } from "./throttling";


/**
 * Issue 6's target: a participant page is usable within 3 s on slow 3G. Recorded beside the figures, not asserted: on
 * this profile the page alone costs over 2 s, so a busy (or even an idle) machine's rendering decides the rest, and
 * `npm test` must not depend on the machine's speed. What is asserted holds on any machine: the page is painted from
 * its one request, waiting on no script or stylesheet (see `paintWaitsOn`).
 */
const TARGET_MS = 3000;

const RESULTS = "test-results/slow-3g.json";

type Figures = Record<string, number | string[]>;

/**
 * Runs before the page's own scripts on every navigation and notes, in ms since navigation start (performance.now()),
 * when each moment first happens: firstPaint (first-contentful-paint: the server-rendered page is on screen), hydrated
 * (React has taken over the element `id`, and keeps its props under a `__reactProps$…` key from then on; the test
 * then checks that the element works through JavaScript) and connected (the live phone says "Connected" under a slide).
 */
function noteMoments(id: string) {
  const moments: Record<string, number> = {};
  (window as unknown as { moments: typeof moments }).moments = moments;
  const note = (name: string) => (moments[name] ??= Math.round(performance.now()));
  new PerformanceObserver((list) => {
    if (list.getEntriesByName("first-contentful-paint").length > 0) note("firstPaint");
  }).observe({ type: "paint", buffered: true });
  const timer = setInterval(() => {
    const element = document.getElementById(id);
    if (element && Object.keys(element).some((key) => key.startsWith("__reactProps$"))) note("hydrated");
    const status = document.querySelector(".phone__bar [role=status]");
    if (status?.textContent === "Connected" && document.querySelector(".phone__slide h1")) note("connected");
    if (moments.connected !== undefined) clearInterval(timer);
  }, 5);
}

/** A participant's phone on slow 3G with nothing cached (a fresh context); `scripts` gathers every script it asks for. */
async function slowPhone(browser: Browser, interactiveId: string) {
  const phone = await openPhone(browser);
  await throttle(phone, SLOW_3G);
  await phone.addInitScript(noteMoments, interactiveId);
  const scripts: string[] = [];
  // The realtime connection's transports, in the order the phone opened them (docs/realtime.md §1).
  const transports: string[] = [];
  phone.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    if (request.url().includes("/socket.io/?EIO=4&transport=polling")) transports.push("polling");
  });
  phone.on("websocket", (socket) => {
    if (socket.url().includes("/socket.io/?EIO=4&transport=websocket")) transports.push("websocket");
  });
  return { phone, scripts, transports };
}

const moments = (phone: Page) => phone.evaluate(() => (window as unknown as { moments: Figures }).moments);

/** Waits until the page has noted the moment `name` (noteMoments). */
async function reached(phone: Page, name: string) {
  await expect.poll(async () => (await moments(phone))[name], { timeout: 60_000, intervals: [20] }).toBeDefined();
}

/** When the page's HTML, stylesheets and scripts had arrived (ms since navigation start), and their bytes on the wire. */
const arrivals = (phone: Page) =>
  phone.evaluate(() => {
    const [page] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    const resources = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.name.includes("/build/"));
    const of = (extension: string) => resources.filter((r) => r.name.endsWith(extension));
    const arrived = (list: PerformanceResourceTiming[]) => Math.round(Math.max(0, ...list.map((r) => r.responseEnd)));
    const bytes = (list: PerformanceResourceTiming[]) => list.reduce((sum, r) => sum + r.encodedBodySize, 0);
    // Chromium marks each resource that held back the first paint as "blocking" (PerformanceResourceTiming.renderBlockingStatus).
    const blocking = (performance.getEntriesByType("resource") as Array<PerformanceResourceTiming & { renderBlockingStatus?: string }>)
      .filter((r) => r.renderBlockingStatus !== "non-blocking")
      .map((r) => new URL(r.name).pathname);
    return {
      paintWaitsOn: blocking,
      htmlArrived: Math.round(page!.responseEnd),
      htmlBytes: page!.encodedBodySize,
      cssArrived: arrived(of(".css")),
      cssBytes: bytes(of(".css")),
      scripts: of(".js").length,
      scriptsArrived: arrived(of(".js")),
      scriptBytes: bytes(of(".js")),
    };
  });

test("on slow 3G, the participant pages paint from the page's one request, waiting on no script, and their forms work without scripts", async ({ page: console_, browser }) => {
  test.setTimeout(360_000);
  const code = await startHyperIndependence(console_, 5);
  const manifest = readAssetManifest();
  const figures: Record<string, Figures> = {};

  // The code form works before any script has arrived: without JavaScript, it posts and the server redirects.
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const plain = await withoutScripts.newPage();
  await plain.goto("/join");
  await plain.getByLabel("Code on the screen").fill(code.toLowerCase());
  await plain.getByRole("button", { name: "Join", exact: true }).click();
  await expect(plain).toHaveURL(new RegExp(`/j/${code}$`));
  await expect(plain.getByText("You can pass on any question and step out at any time.")).toBeVisible();
  // And so does "Join the session": the server remembers the choice and shows the session's slide.
  await plain.getByRole("button", { name: "Join the session" }).click();
  await expect(plain.getByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
  await withoutScripts.close();

  // /join, typed from the screen.
  {
    const { phone, scripts } = await slowPhone(browser, "code");
    await phone.goto("/join", { waitUntil: "commit" });
    await reached(phone, "hydrated");
    // The phone asked for exactly the scripts the bundle guard counts (tests/integration/bundle-size.test.ts): the
    // page's own and its language's catalogue, nothing of another language.
    expect([...scripts].sort()).toEqual(pageScriptsIn(manifest, "routes/join", "en").sort());
    const arrived = await arrivals(phone);
    const posts: string[] = [];
    phone.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await phone.getByLabel("Code on the screen").fill(code.toLowerCase());
    const submitted = Date.now();
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await expect(phone.getByRole("button", { name: "Join the session" })).toBeVisible({ timeout: 60_000 });
    // Sent by Remix's fetch (`?_data=`), not as a page load: the form was hydrated when noted so.
    expect(posts).toEqual([expect.stringContaining("_data=routes%2Fjoin")]);
    figures["/join"] = { ...(await moments(phone)), ...arrived, submitToContentNotes: Date.now() - submitted };
    await phone.context().close();
  }

  // /j/CODE, opened from the QR code: the content notes, "Join the session", then the live slide.
  {
    const { phone, scripts, transports } = await slowPhone(browser, "content-notes-gate-title");
    await phone.goto(`/j/${code}`, { waitUntil: "commit" });
    await reached(phone, "hydrated");
    expect([...scripts].sort()).toEqual(pageScriptsIn(manifest, "routes/j.$code", "en").sort());
    const arrived = await arrivals(phone);
    const entered = await phone.evaluate(() => Math.round(performance.now()));
    const posts: string[] = [];
    phone.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await phone.getByRole("button", { name: "Join the session" }).click();
    await reached(phone, "connected");
    // Entered by the hydrated page itself: no plain form post went to the server.
    expect(posts.filter((url) => new URL(url).pathname === `/j/${code}`)).toEqual([]);
    await expect(phone.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
    await expect(phone.getByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
    // Connected over a WebSocket from the first request: no long-polling handshake before it.
    expect(transports).toEqual(["websocket"]);
    figures["/j/CODE"] = { ...(await moments(phone)), ...arrived, entered };
    await phone.context().close();
  }

  // /help: read, not acted on (its numbers and links are plain links).
  {
    const { phone, scripts } = await slowPhone(browser, "help-places");
    await phone.goto("/help", { waitUntil: "commit" });
    await reached(phone, "firstPaint");
    await phone.waitForLoadState("load");
    // Its language's catalogue comes after the page's own scripts, before the page comes to life.
    await reached(phone, "hydrated");
    expect([...scripts].sort()).toEqual(pageScriptsIn(manifest, "routes/help", "en").sort());
    figures["/help"] = { ...(await moments(phone)), ...(await arrivals(phone)) };
    await phone.context().close();
  }

  fs.mkdirSync("test-results", { recursive: true });
  const report = { conditions: SLOW_3G, targetMs: TARGET_MS, measuredAt: new Date().toISOString(), figures };
  fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`slow 3G, ms since navigation start (also in ${RESULTS}; the ${TARGET_MS} ms target is recorded, not asserted):`);
  for (const [page, figure] of Object.entries(figures)) console.log(`  ${page}: ${JSON.stringify(figure)}`);

  // Usable: the server-rendered page is on screen, and its forms and links work from then on (checked above without
  // JavaScript): the code form, "Join the session", the help page's links. On screen from one request: nothing the
  // page loads (its scripts, a stylesheet) holds back the first paint.
  for (const [page, figure] of Object.entries(figures)) {
    expect.soft(figure.paintWaitsOn, `${page}'s first paint waits on nothing but the page`).toEqual([]);
    expect.soft(figure.cssBytes, `${page} has its stylesheet in the page`).toBe(0);
  }
});
