import { afterEach, describe, expect, it, vi } from "vitest";

import type { Logger } from "../logger";
import { FORGET_AFTER_MS, FormPhones } from "./form-phones";
import type { HandlerContext } from "./handlers";
import { ParticipantCap } from "./participant-cap";

/**
 * A room whose run is live, whose hub counts the signals it is told of, whose engine keeps the `joinedAt` each answer
 * was prepared with (and refuses it, to store nothing), and which counts each change in the number of form phones.
 */
function room() {
  const heard: string[] = [];
  const answeredAt: number[] = [];
  const context = {
    engine: {
      loadRun: () => ({ row: { state: "live" } }),
      prepareResponse: (_runId: string, _device: string, _promptId: string, _answer: unknown, joinedAt: number) => {
        answeredAt.push(joinedAt);
        return { ok: false, error: { code: "prompt-not-open", reason: "promptNotOpen" } };
      },
    },
    hub: { signalReceived: (_runId: string, kind: string) => heard.push(kind) },
  } as unknown as HandlerContext;
  const logger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
  let now = 1_000_000;
  const cap = new ParticipantCap(2);
  const changes: string[] = [];
  const phones = new FormPhones(context, logger, cap, (runId) => changes.push(runId), () => now);
  return { heard, answeredAt, changes, phones, cap, later: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

const phone = (device: string) => ({ runId: "run-1", device: device.repeat(43), joinedAt: 0 });

describe("FormPhones", () => {
  it("lets a phone's second signal of a kind within the minute count once, as over one connection, and forgets the phone once it has been gone a while", async () => {
    const { heard, phones, later } = room();
    expect(await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).toEqual({ ok: true, data: { sent: true } });
    later(30_000);
    expect(await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).toMatchObject({ ok: false, error: { code: "too-many" } });
    // Another phone, and another kind, are their own.
    expect((await phones.participate(phone("b"), "signal:send", { kind: "pause" }, "10.0.0.2")).ok).toBe(true);
    expect((await phones.participate(phone("a"), "signal:send", { kind: "stepping-out" }, "10.0.0.1")).ok).toBe(true);
    expect(heard).toEqual(["pause", "pause", "stepping-out"]);
    // Long enough after its last post the phone is forgotten, and its memory with it.
    later(FORGET_AFTER_MS + 1000);
    expect((await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    expect(heard).toHaveLength(4);
  });

  it("checks a form's payload as the socket checks the event's, and hands a refusal back without telling the room", async () => {
    const { heard, phones } = room();
    expect(await phones.participate(phone("a"), "signal:send", { kind: "panic" }, "10.0.0.1")).toMatchObject({
      ok: false,
      error: { code: "invalid-payload", reason: "socket.badShape", params: { event: "signal:send" } },
    });
    expect(heard).toEqual([]);
  });

  it("gives a network address no more phones than the sockets' cap, a made-up secret per post included, until they are forgotten", async () => {
    const { heard, phones, cap, later } = room();
    // The cap allows two phones per address (shared with sockets): a third secret from the same address is refused.
    expect((await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    expect((await phones.participate(phone("b"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    expect(await phones.participate(phone("c"), "signal:send", { kind: "pause" }, "10.0.0.1")).toEqual({
      ok: false,
      error: { code: "too-many", reason: "forms.manyPhones" },
    });
    expect(heard).toHaveLength(2);
    // A phone already here keeps posting; another address has its own places.
    expect((await phones.participate(phone("a"), "signal:send", { kind: "stepping-out" }, "10.0.0.1")).ok).toBe(true);
    expect((await phones.participate(phone("c"), "signal:send", { kind: "pause" }, "10.0.0.9")).ok).toBe(true);
    // Long enough after their last posts, the places are given back.
    later(FORGET_AFTER_MS + 1000);
    expect((await phones.participate(phone("d"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    later(FORGET_AFTER_MS + 1000);
    await phones.participate(phone("e"), "signal:send", { kind: "pause" }, "10.0.0.5");
    expect(cap.size).toBe(1);
  });

  it("gives a gone phone's place back by itself, with no post to notice it, and at once when the same phone's socket connects", async () => {
    vi.useFakeTimers();
    const { phones, cap, changes, later } = room();
    expect(phones.enter(phone("a"), "10.0.0.1").ok).toBe(true);
    expect((await phones.participate(phone("b"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    expect(phones.count("run-1")).toBe(2);
    // Its scripts arrived: phone b's socket holds its place now, and its form memory goes.
    phones.connected("run-1", phone("b").device);
    expect(phones.count("run-1")).toBe(1);
    expect(cap.size).toBe(1);
    // Nobody posts again: phone a is still forgotten once it has been gone long enough, and its place given back.
    later(FORGET_AFTER_MS + 1000);
    vi.advanceTimersByTime(60_000);
    expect(phones.count("run-1")).toBe(0);
    expect(cap.size).toBe(0);
    expect(changes).toEqual(["run-1", "run-1", "run-1", "run-1"]);
    phones.close();
  });

  it("makes \"Join the session\" take a place under the address's cap, and keeps a phone seen on its page", () => {
    const { phones, later } = room();
    expect(phones.enter(phone("a"), "10.0.0.1").ok).toBe(true);
    expect(phones.enter(phone("b"), "10.0.0.1").ok).toBe(true);
    expect(phones.enter(phone("c"), "10.0.0.1")).toEqual({ ok: false, error: { code: "too-many", reason: "forms.manyPhones" } });
    // Phone a keeps its page on screen (it refreshes itself): still here when phone b has long gone.
    later(FORGET_AFTER_MS - 1000);
    phones.seen(phone("a"), "10.0.0.1");
    later(2000);
    expect(phones.enter(phone("c"), "10.0.0.1").ok).toBe(true);
    expect(phones.enter(phone("d"), "10.0.0.1").ok).toBe(false);
    expect(phones.count("run-1")).toBe(2);
    phones.close();
  });

  it("honours the moment a phone entered only back to when it was last remembered from: a mark kept aside counts as entering now", async () => {
    const { phones, answeredAt, later } = room();
    const answer = { id: "submission-1", promptId: "check-in", answer: { type: "scale", value: 3 } };
    // Entered a while ago, and here since: its answer is prepared as from when it entered.
    const enteredAt = Date.now();
    phones.enter(phone("a"), "10.0.0.1");
    const afterEntering = Date.now();
    later(60_000);
    await phones.participate({ ...phone("a"), joinedAt: enteredAt }, "response:submit", answer, "10.0.0.1");
    expect(answeredAt[0]).toBeGreaterThanOrEqual(enteredAt);
    expect(answeredAt[0]).toBeLessThanOrEqual(afterEntering);
    // A mark from long ago on a phone never seen since (or forgotten): as if it entered with this post.
    const before = Date.now();
    await phones.participate({ ...phone("b"), joinedAt: 0 }, "response:submit", answer, "10.0.0.1");
    expect(answeredAt[1]).toBeGreaterThanOrEqual(before);
    later(FORGET_AFTER_MS + 1000);
    const forgotten = Date.now();
    await phones.participate({ ...phone("a"), joinedAt: enteredAt }, "response:submit", answer, "10.0.0.2");
    expect(answeredAt[2]).toBeGreaterThanOrEqual(forgotten);
    phones.close();
  });
});
