import { describe, expect, it } from "vitest";

import type { Logger } from "../logger";
import { FormPhones } from "./form-phones";
import type { HandlerContext } from "./handlers";
import { ParticipantCap } from "./participant-cap";

/** A room whose run is live, whose hub counts the signals it is told of. */
function room() {
  const heard: string[] = [];
  const context = {
    engine: { loadRun: () => ({ row: { state: "live" } }) },
    hub: { signalReceived: (_runId: string, kind: string) => heard.push(kind) },
  } as unknown as HandlerContext;
  const logger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
  let now = 1_000_000;
  const cap = new ParticipantCap(2);
  const phones = new FormPhones(context, logger, cap, () => now);
  return { heard, phones, cap, later: (ms: number) => (now += ms) };
}

const phone = (device: string) => ({ runId: "run-1", device: device.repeat(43), joinedAt: 0 });

describe("FormPhones", () => {
  it("lets a phone's second signal of a kind within the minute count once, as over one connection, and forgets the phone after that", async () => {
    const { heard, phones, later } = room();
    expect(await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).toEqual({ ok: true, data: { sent: true } });
    later(30_000);
    expect(await phones.participate(phone("a"), "signal:send", { kind: "pause" }, "10.0.0.1")).toMatchObject({ ok: false, error: { code: "too-many" } });
    // Another phone, and another kind, are their own.
    expect((await phones.participate(phone("b"), "signal:send", { kind: "pause" }, "10.0.0.2")).ok).toBe(true);
    expect((await phones.participate(phone("a"), "signal:send", { kind: "stepping-out" }, "10.0.0.1")).ok).toBe(true);
    expect(heard).toEqual(["pause", "pause", "stepping-out"]);
    // A minute after its last post the phone is forgotten, and its memory with it.
    later(61_000);
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
    // A minute after their last posts, the places are given back.
    later(61_000);
    expect((await phones.participate(phone("d"), "signal:send", { kind: "pause" }, "10.0.0.1")).ok).toBe(true);
    later(61_000);
    await phones.participate(phone("e"), "signal:send", { kind: "pause" }, "10.0.0.5");
    expect(cap.size).toBe(1);
  });
});
