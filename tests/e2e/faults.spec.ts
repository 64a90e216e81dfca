import { expect, test, type Browser, type Page } from "@playwright/test";

import { query } from "../helpers/database";
import { goToSlide, joinByCode, openDisplay, openPhone, SCREENSHOTS, sendAnswer, startHyperIndependence } from "./helpers";
import { FlakyNetwork } from "./network";

/** The database of this lane's e2e server (playwright.config.ts), read-only: what screens show must match what is stored. */
function databaseFile(): string {
  const file: unknown = test.info().project.metadata.databaseFile;
  if (typeof file !== "string") throw new Error("playwright.config.ts gives each lane's project its server's databaseFile");
  return file;
}

const CHECK_IN = "How are you arriving today?";

/** The phone's notice for an answer that never reached the server before its question closed or moved on. */
const notSent = (question: string) => `Your answer to “${question}” couldn't be sent in time, so it wasn't counted.`;

/** Stored responses to a prompt; `released`: only those with a released copy (what screens show after a hold-back). */
function responseCount(code: string, promptId: string, released = false): number {
  const sql = `select count(*) as n from responses join runs on runs.id = responses.run_id
    where runs.code = ? and responses.prompt_id = ? ${released ? "and responses.released_answer is not null" : ""}`;
  return query<{ n: number }>(databaseFile(), sql, code, promptId)[0]!.n;
}

/** How many stored answers to a scale prompt are exactly `value`: one phone's answer, if nobody else chose it. */
function scaleAnswers(code: string, promptId: string, value: number): number {
  const sql = `select count(*) as n from responses join runs on runs.id = responses.run_id
    where runs.code = ? and responses.prompt_id = ? and responses.answer = ?`;
  return query<{ n: number }>(databaseFile(), sql, code, promptId, JSON.stringify([value]))[0]!.n;
}

/** The run as stored: the current slide and a prompt's phase (no row: never opened). */
function stored(code: string, promptId: string) {
  const [run] = query<{ current_slide: number }>(databaseFile(), "select current_slide from runs where code = ?", code);
  const [phase] = query<{ phase: string; revealed: number; released: number }>(
    databaseFile(),
    "select phase, revealed, released from prompt_phases join runs on runs.id = run_id where runs.code = ? and prompt_id = ?",
    code,
    promptId,
  );
  return { slide: run!.current_slide, phase: phase ?? { phase: "pending", revealed: 0, released: 0 } };
}

/**
 * The tally every screen should show, counted from the database as docs/realtime.md §7.1 says: the released copies
 * while the prompt shows released answers, every stored answer otherwise. `values` are what an answer holds
 * (option indexes, or a scale's numbers), in the order the screens list them.
 */
function tallyOf(code: string, promptId: string, values: number[]): number[] {
  const sql = `select cast(value.value as integer) as value, count(*) as n
    from responses join runs on runs.id = responses.run_id
    join prompt_phases phases on phases.run_id = responses.run_id and phases.prompt_id = responses.prompt_id,
    json_each(case when phases.released then responses.released_answer else responses.answer end) value
    where runs.code = ? and responses.prompt_id = ? group by value.value`;
  const counts = new Map(query<{ value: number; n: number }>(databaseFile(), sql, code, promptId).map((row) => [row.value, row.n]));
  return values.map((value) => counts.get(value) ?? 0);
}

/**
 * The console's words for a prompt's phase, written out here rather than imported from phaseLabel in
 * app/routes/console.$code.tsx: the test checks the screen against the words, not the code against itself.
 */
function phaseLabel({ phase, revealed }: { phase: string; revealed: number }): string {
  const words = { pending: "Not opened yet", open: "Open for answers", closed: "Closed" }[phase];
  return revealed ? `${words} · results shown` : words!;
}

/** The server behind baseURL, for the proxy to forward to. */
function serverOf(baseURL: string | undefined) {
  const url = new URL(baseURL!);
  return { host: url.hostname, port: Number(url.port) };
}

/** Phones that join directly and answer the question on screen with these scale values or options. */
async function answerOnPhones(phones: Page[], choices: RegExp[]) {
  for (const [i, phone] of phones.entries()) {
    await sendAnswer(phone, choices[i]!);
    await expect(phone.getByText("Your answer is in")).toBeVisible();
  }
}

/** What the console says of `responses` while answers are open: a count in steps of k (3 in these runs). */
function openCount(responses: number): string {
  return responses < 3 ? "fewer than 3 responses" : `at least ${Math.floor(responses / 3) * 3} responses`;
}

/** Starts a run (k = 3) with three phones on the server's own network and one behind a FlakyNetwork. */
async function roomWithOneFlakyPhone(console_: Page, browser: Browser, baseURL: string | undefined) {
  const code = await startHyperIndependence(console_, 3);
  const network = await FlakyNetwork.start(serverOf(baseURL));
  const others = await Promise.all([1, 2, 3].map(() => openPhone(browser)));
  const phone = await openPhone(browser, { baseURL: network.url });
  for (const each of [...others, phone]) await joinByCode(each, code);
  expect(new URL(phone.url()).origin).toBe(network.url);
  await expect(console_.getByTestId("connected")).toHaveText("4 phones connected");
  return { code, network, others, phone };
}

type FlakyRoom = Awaited<ReturnType<typeof roomWithOneFlakyPhone>>;

/** The room above with the check-in open and answered on the three other phones; the network is closed afterwards. */
async function onCheckInWithOneFlakyPhone(
  console_: Page,
  browser: Browser,
  baseURL: string | undefined,
  body: (room: FlakyRoom) => Promise<void>,
) {
  const room = await roomWithOneFlakyPhone(console_, browser, baseURL);
  try {
    await goToSlide(console_, /Arriving/);
    await console_.getByRole("button", { name: "Open for answers" }).click();
    await answerOnPhones(room.others, [/^1/, /^2/, /^3/]);
    await expect(room.phone.getByText(CHECK_IN, { exact: true })).toBeVisible();
    await body(room);
  } finally {
    await room.network.close();
  }
}

test("a phone offline for a minute while the question moves on gets the current slide and is told its answer wasn't counted", async ({
  page: console_,
  browser,
  baseURL,
}) => {
  test.setTimeout(480_000);
  await onCheckInWithOneFlakyPhone(console_, browser, baseURL, async ({ code, network, phone }) => {
    expect(responseCount(code, "check-in")).toBe(3);

    // The phone's network goes; its person answers anyway, and the facilitator moves on to the next question.
    network.drop();
    const droppedAt = Date.now();
    await sendAnswer(phone, /^5/);
    await console_.getByRole("button", { name: "Close answers" }).click();
    await goToSlide(console_, /Signs you might recognise/);
    // Both ends notice within the ping timeout: the console counts one phone fewer, the phone says it is offline.
    await expect(console_.getByTestId("connected")).toHaveText("3 phones connected", { timeout: 60_000 });
    await expect(phone.locator(".connection")).not.toHaveText("Connected", { timeout: 60_000 });
    await expect(phone.getByText("Your answer is in")).toHaveCount(0);
    await phone.waitForTimeout(Math.max(0, droppedAt + 60_000 - Date.now()));
    network.restore();

    // Back, without a reload: the slide the room is on, and a plain word that the answer didn't count.
    await expect(phone.locator(".connection")).toHaveText("Connected", { timeout: 30_000 });
    await expect(phone.getByRole("heading", { level: 1, name: "Signs you might recognise" })).toBeVisible();
    await expect(phone.getByText("The facilitator will open this question soon.")).toBeVisible();
    await expect(phone.getByText(notSent(CHECK_IN))).toBeVisible();
    await phone.screenshot({ path: `${SCREENSHOTS}/faults-phone-not-sent.png`, fullPage: true });
    expect(responseCount(code, "check-in")).toBe(3);
    expect(scaleAnswers(code, "check-in", 5)).toBe(0);
    await expect(console_.getByTestId("connected")).toHaveText("4 phones connected");

    // It takes part again: the next question reaches it, and its answer counts.
    await console_.getByRole("button", { name: "Open for answers" }).click();
    await sendAnswer(phone, /^Keeping people at a distance/);
    await expect(phone.getByText("Your answer is in")).toBeVisible();
    expect(responseCount(code, "signs")).toBe(1);
    await phone.getByRole("button", { name: "OK" }).click();
    await expect(phone.getByText(notSent(CHECK_IN))).toHaveCount(0);
  });
});

test("an answer made offline while its question stays open is delivered once when the network is back", async ({
  page: console_,
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  await onCheckInWithOneFlakyPhone(console_, browser, baseURL, async ({ code, network, phone }) => {
    // Offline long enough for the phone to give up waiting for the server's reply (8 s) and send it again: two
    // copies of the answer wait in the dead network. Neither counts as sent meanwhile.
    network.drop();
    await sendAnswer(phone, /^5/);
    await expect(phone.getByText("Not sent yet. Trying again…")).toBeVisible({ timeout: 20_000 });
    await expect(phone.getByText("Sending…")).toBeVisible({ timeout: 10_000 });
    await expect(phone.getByText("Your answer is in")).toHaveCount(0);
    expect(responseCount(code, "check-in")).toBe(3);
    network.restore();

    await expect(phone.getByText("Your answer is in")).toBeVisible({ timeout: 20_000 });
    await expect(phone.getByText("You chose 5.")).toBeVisible();
    expect(responseCount(code, "check-in")).toBe(4);
    expect(scaleAnswers(code, "check-in", 5)).toBe(1);

    // More reconnects: a changed network that resets every connection, a short drop, a reload. Still one answer.
    network.cut();
    await expect(phone.locator(".connection")).toHaveText("Connected", { timeout: 30_000 });
    network.drop();
    await phone.waitForTimeout(3_000);
    network.restore();
    await phone.reload();
    await expect(phone.getByText("You chose 5.")).toBeVisible();
    await expect(phone.locator(".connection")).toHaveText("Connected");
    await expect(console_.getByTestId("response-count")).toHaveText(openCount(4));
    expect(responseCount(code, "check-in")).toBe(4);
    expect(scaleAnswers(code, "check-in", 5)).toBe(1);
  });
});

test("an answer that reached the server, but whose reply never reached the phone, is not reported as uncounted", async ({
  page: console_,
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  await onCheckInWithOneFlakyPhone(console_, browser, baseURL, async ({ code, network, phone }) => {
    // The answer goes up and is stored; the server's reply, and everything after it, is lost on the way down.
    network.drop();
    await sendAnswer(phone, /^5/);
    network.restoreUplink();
    await expect.poll(() => scaleAnswers(code, "check-in", 5)).toBe(1);
    await expect(phone.getByText("Your answer is in")).toHaveCount(0);
    // The facilitator closes the question; then the phone's connection breaks for good and it connects again.
    await console_.getByRole("button", { name: "Close answers" }).click();
    network.cut();
    network.restore();

    // The new snapshot says the phone's answer is stored: the phone must not also say it wasn't counted.
    await expect(phone.locator(".connection")).toHaveText("Connected", { timeout: 30_000 });
    // The snapshot marks the answer as being sent again; "You chose 5." shows once the resend is acknowledged.
    await expect(phone.getByText("You chose 5.")).toBeVisible();
    await expect(phone.locator(".sending")).toHaveCount(0);
    await phone.screenshot({ path: `${SCREENSHOTS}/faults-phone-reply-lost.png`, fullPage: true });
    await expect(phone.getByText(notSent(CHECK_IN))).toHaveCount(0);
    expect(scaleAnswers(code, "check-in", 5)).toBe(1);
  });
});

test("the console and the display reloaded mid-question show the slide, phase and tally the database holds", async ({
  page: console_,
  browser,
}) => {
  test.setTimeout(360_000);
  const code = await startHyperIndependence(console_, 3);
  const display = await openDisplay(console_);
  const phones = await Promise.all([1, 2, 3, 4].map(() => openPhone(browser)));
  for (const phone of phones) await joinByCode(phone, code);

  // The check-in: answered, closed and revealed.
  await goToSlide(console_, /Arriving/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  await answerOnPhones(phones, [/^2/, /^2/, /^3/, /^5/]);
  await console_.getByRole("button", { name: "Close answers" }).click();
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(display.locator(".scale-chart__count")).toHaveText(["0", "2", "1", "0", "1"]);

  // The beliefs question: open, three answers in, results not shown yet.
  await goToSlide(console_, /The beliefs underneath/);
  await console_.getByRole("button", { name: "Open for answers" }).click();
  await answerOnPhones(phones.slice(0, 3), [/^The only person/, /^Relying on people/, /^Relying on people/]);
  await expect(console_.getByTestId("response-count")).toHaveText(openCount(3));

  /** Reloads both screens and checks them against the database. */
  const reloadAndCompare = async (screenshot: string) => {
    await Promise.all([console_.reload(), display.reload()]);
    const { slide, phase } = stored(code, "beliefs");
    const title = await console_.getByRole("navigation", { name: "Slides" }).locator(".slide-list__title").nth(slide).textContent();
    expect(title).toBe("The beliefs underneath");
    const tally = tallyOf(code, "beliefs", [0, 1, 2, 3, 4]);

    await expect(console_.locator(".console__position")).toContainText(`Slide ${slide + 1} of`);
    await expect(console_.locator("#current-title")).toHaveText(title!);
    await expect(console_.getByTestId("prompt-state")).toContainText(phaseLabel(phase));
    // The stored count, except after a close that held answers back: then that of the released copies (§7.1).
    const counted = responseCount(code, "beliefs", phase.phase === "closed" && phase.released === 1);
    await expect(console_.getByTestId("response-count")).toHaveText(phase.phase === "open" ? openCount(counted) : String(counted));
    // The check-in on the slide list, as stored.
    await expect(console_.getByRole("navigation", { name: "Slides" }).getByRole("button", { name: /Arriving/ })).toContainText(
      phaseLabel(stored(code, "check-in").phase),
    );

    await expect(display.getByRole("heading", { level: 1 })).toHaveText(title!);
    await expect(display.getByText("Answer on your phone, or pass.")).toHaveCount(phase.phase === "open" ? 1 : 0);
    // Bars only when revealed (and then those of the database); the console sees them too once anything is released.
    const bars = tally.map((count) => new RegExp(`^${count} `));
    if (phase.revealed) await expect(display.locator(".bars__value")).toHaveText(bars);
    else await expect(display.locator(".bars__value")).toHaveCount(0);
    if (phase.phase !== "open" || phase.released) await expect(console_.locator(".bars__value")).toHaveText(bars);
    else await expect(console_.locator(".bars__value")).toHaveCount(0);
    await console_.screenshot({ path: `${SCREENSHOTS}/faults-console-${screenshot}.png`, fullPage: true });
    await display.screenshot({ path: `${SCREENSHOTS}/faults-display-${screenshot}.png` });
    return { phase, tally };
  };

  expect(await reloadAndCompare("open")).toEqual({ phase: { phase: "open", revealed: 0, released: 0 }, tally: [1, 2, 0, 0, 0] });

  // Revealed while open: the three answers are released; a fourth waits for more (fewer than k), on every screen.
  await console_.getByRole("button", { name: "Reveal results" }).click();
  await expect(display.locator(".bars__value")).toHaveText([/^1 /, /^2 /, /^0 /, /^0 /, /^0 /]);
  await sendAnswer(phones[3]!, /^Something else/);
  await expect(phones[3]!.getByText("Your answer is in")).toBeVisible();
  await expect(console_.getByTestId("response-count")).toHaveText(openCount(4));
  expect(await reloadAndCompare("revealed")).toEqual({ phase: { phase: "open", revealed: 1, released: 1 }, tally: [1, 2, 0, 0, 0] });

  // Closed with that answer held back: screens keep the last release.
  await console_.getByRole("button", { name: "Close answers" }).click();
  await expect(console_.getByTestId("held-back")).toBeVisible();
  expect(await reloadAndCompare("closed")).toEqual({ phase: { phase: "closed", revealed: 1, released: 1 }, tally: [1, 2, 0, 0, 0] });
  await expect(console_.getByTestId("held-back")).toContainText("1 response");
});
