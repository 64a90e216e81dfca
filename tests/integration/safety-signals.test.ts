import { performance } from "node:perf_hooks";

import { describe, expect, it } from "vitest";

import type { FacilitatorView } from "~/realtime/events";

import { connectParticipant, emit, nextEvent, type TestParticipant } from "../helpers/clients";
import { dump, fileHash } from "../helpers/database";
import { valuesOfKey } from "../helpers/record";
import { useTestServers } from "../helpers/lifecycle";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

/**
 * "I need a pause" and "Stepping out, I'm OK": the console learns how many,
 * a while later; nobody else learns anything, and nothing is kept but a count in memory.
 */
const startServer = useTestServers();
const start = (env: Record<string, string> = {}) => startServer({ env });

const room = (server: TestServer, count: number) => openRoom(server, { k: 3, phones: count });

const signal = (phone: TestParticipant, kind: "pause" | "stepping-out") => emit(phone.socket, "signal:send", { kind });

describe("pause and stepping-out signals", () => {
  it.skipIf(sqliteOnly("safety-signals: nothing written", "it compares the SQLite file's bytes"))("tells only the console how many signals came, as counts with no key, device or time, and writes nothing to the database or the log", async () => {
    const server = await start();
    const { code, facilitator, display, phones, audience, console_ } = await room(server, 3);
    const [p1, p2] = phones as [TestParticipant, TestParticipant];
    await audience.settle();
    const before = { dump: dump(server.dbFile), bytes: fileHash(server.dbFile), logs: server.logs.length };

    expect(await signal(p1, "pause")).toEqual({ ok: true, data: { sent: true } });
    await console_.waitFor((entry) => entry.event === "facilitator:signals" && entry.payload.pause === 1);
    // The same signal again from the same phone within a minute is an accident, not a second person.
    expect(await signal(p1, "pause")).toMatchObject({ ok: false, error: { code: "too-many" } });
    expect(await signal(p1, "stepping-out")).toEqual({ ok: true, data: { sent: true } });
    expect(await signal(p2, "pause")).toEqual({ ok: true, data: { sent: true } });
    await console_.waitFor((entry) => entry.event === "facilitator:signals" && entry.payload.pause === 2 && entry.payload.steppingOut === 1);
    // The limit belongs to the connection, not the device: nothing about a device is kept.
    const again = await connectParticipant(server.url, code, { device: p1.device, onSocket: audience.attach("phone 1 again") });
    expect(await signal(again, "pause")).toEqual({ ok: true, data: { sent: true } });
    const last = await console_.waitFor((entry) => entry.event === "facilitator:signals" && entry.payload.pause === 3);

    // Counts only: exactly these three keys, every time.
    const notices = console_.from().filter((entry) => entry.event === "facilitator:signals");
    expect(notices).toHaveLength(4);
    for (const notice of notices) expect(Object.keys(notice.payload).sort()).toEqual(["pause", "steppingOut", "windowMinutes"]);
    expect(last.payload).toEqual({ pause: 3, steppingOut: 1, windowMinutes: 5 });
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).signals).toEqual({ pause: 3, steppingOut: 1, windowMinutes: 5 });

    // Displays and phones never hear of them.
    await audience.settle();
    expect(audience.from().filter((entry) => entry.event === "facilitator:signals")).toEqual([]);
    expect(valuesOfKey(audience.events, "signals")).toEqual([]);
    expect(audience.json()).not.toMatch(/steppingOut|stepping-out/);

    // Nothing was written: the database's rows and its files' bytes are as they were, and nothing was logged.
    expect(dump(server.dbFile)).toBe(before.dump);
    expect(fileHash(server.dbFile)).toBe(before.bytes);
    expect(server.logs.slice(before.logs)).toEqual([]);
    for (const line of server.logs) {
      expect(line).not.toMatch(/signal|pause|stepping/i);
      for (const phone of [...phones, again]) expect(line).not.toContain(phone.device);
    }

    // Only phones send signals, of the two kinds, while the run is live.
    expect(await emit(display, "signal:send", { kind: "pause" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(facilitator, "signal:send", { kind: "pause" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(phones[2]!.socket, "signal:send", { kind: "help" })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(phones[2]!.socket, "signal:send", { kind: "pause", device: p1.device })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    await emit(facilitator, "run:end", {});
    expect(await signal(phones[2]!, "pause")).toMatchObject({ ok: false, error: { code: "run-ended" } });
  });

  it("reaches the console after a random delay of at least a quarter of SIGNAL_DELAY_SECONDS, so its timing doesn't point at whoever touched their phone", async () => {
    const server = await start({ SIGNAL_DELAY_SECONDS: "2" });
    const { facilitator, phones } = await room(server, 1);
    const notice = nextEvent(facilitator, "facilitator:signals", () => true, 5000);
    const ack = await signal(phones[0]!, "stepping-out");
    const acknowledged = performance.now();
    expect(ack.ok).toBe(true);
    expect(await notice).toEqual({ pause: 0, steppingOut: 1, windowMinutes: 5 });
    const waited = performance.now() - acknowledged;
    // The delay is drawn from [0.5 s, 2 s] and starts as the acknowledgement leaves the server (a few ms of slack for its trip).
    expect(waited).toBeGreaterThanOrEqual(490);
    expect(waited).toBeLessThan(2500);
  });
});
