import { expect, test, type Page } from "@playwright/test";

import { goToSlide, joinByCode, openPhone, SCREENSHOTS, startHyperIndependence } from "./helpers";

/**
 * A nudge after hard words (issue 16): a phone whose own written answer holds a word from the distress list
 * offers Get help after sending it, and tells nobody; the console marks the waiting answer.
 */

/** Everything a page sends: its HTTP requests, and each websocket message as the page wrote it. */
function recordTraffic(page: Page) {
  const requests: string[] = [];
  const frames: string[] = [];
  page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  page.on("websocket", (socket) => socket.on("framesent", (frame) => frames.push(String(frame.payload))));
  return { requests, frames };
}

test("after sending an answer with hard words the phone alone offers Get help, sends nothing but the answer, and the console marks it", async ({
  page: console_,
  browser,
}) => {
  const code = await startHyperIndependence(console_, 3);
  const phones = await Promise.all(Array.from({ length: 3 }, () => openPhone(browser)));
  const traffic = recordTraffic(phones[0]!);
  for (const phone of phones) await joinByCode(phone, code);
  // The phone's socket opens on a WebSocket (docs/realtime.md §1): once its CONNECT ("40…") has gone as a frame, the
  // phone's messages are the socket's frames.
  await expect.poll(() => traffic.frames.some((frame) => frame.startsWith("40"))).toBe(true);

  await console_.bringToFront();
  await goToSlide(console_, /One small ask/);
  await console_.getByRole("button", { name: "Open for answers" }).click();

  const hard = "Some days it all feels hopeless, honestly";
  const before = { requests: traffic.requests.length, frames: traffic.frames.length };
  await phones[0]!.getByLabel("Your answer").fill(hard);
  await phones[0]!.getByRole("button", { name: "Send answer" }).click();
  await expect(phones[0]!.getByText("Your answer is in")).toBeVisible();
  const nudge = phones[0]!.getByTestId("nudge");
  await expect(nudge).toContainText("support is there whenever you want it");
  await expect(nudge).toContainText("Only your phone shows this. Nobody else is told.");
  await expect(nudge.getByRole("link", { name: "See where to find support" })).toHaveAttribute("href", `/help?from=${code}&lang=en`);

  // Gentler words get no offer.
  for (const [i, phone] of phones.slice(1).entries()) {
    await phone.getByLabel("Your answer").fill(`Ask a neighbour to help me carry the shopping, ${i + 1}`);
    await phone.getByRole("button", { name: "Send answer" }).click();
    await expect(phone.getByText("Your answer is in")).toBeVisible();
    await expect(phone.getByTestId("nudge")).toHaveCount(0);
  }

  // The console: the waiting answer with the hard word is marked, the others are not.
  await console_.getByRole("button", { name: "Close answers" }).click();
  const pending = console_.getByTestId("moderation-pending").getByRole("listitem");
  await expect(pending).toHaveCount(3);
  const marked = pending.filter({ hasText: "May signal distress" });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText(hard);
  await expect(marked).toContainText("Consider not showing it.");
  await console_.getByTestId("moderation-pending").screenshot({ path: `${SCREENSHOTS}/console-may-signal-distress.png` });
  await phones[0]!.screenshot({ path: `${SCREENSHOTS}/phone-nudge.png` });

  // The nudge closes with one tap, and stays closed.
  await nudge.getByRole("button", { name: "Close this message" }).click();
  await expect(phones[0]!.getByTestId("nudge")).toHaveCount(0);

  // From the tap on Send to now, the phone sent one message, the answer, and no request at all; its other
  // frames are Socket.IO's heartbeat replies ("3").
  const sent = traffic.frames.slice(before.frames);
  expect(sent.filter((frame) => frame !== "3")).toEqual([expect.stringMatching(/^42\d+\["response:submit",.*Some days it all feels hopeless, honestly/)]);
  expect(traffic.requests.slice(before.requests)).toEqual([]);
});
