import { beforeEach, describe, expect, it } from "vitest";

import type { AudienceView, FacilitatorView } from "~/realtime/events";

import { connectDisplay, connectParticipant, emit } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/** The facilitator's presenting controls beyond the slides: blanking the display, a countdown, the console's timers. */
let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

const sync = async (socket: Parameters<typeof emit>[0]) => (await emit(socket, "run:sync", {})).data as FacilitatorView & AudienceView;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("blanking the display", () => {
  it("blanks every display, new ones too, keeps phones told, survives in the database, and is the facilitator's alone", async () => {
    const { code, facilitator, display, phones, audience } = await room();
    await audience.settle();
    const since = audience.mark();
    expect(await emit(facilitator, "display:blank", { blanked: true })).toEqual({ ok: true, data: { blanked: true } });
    for (const name of ["display", "phone 1"]) {
      await audience.waitFor((entry) => entry.from === name && entry.event === "audience:state" && entry.payload.run.blanked === true, since);
    }
    expect((await connectDisplay(server.url, code)).view.run.blanked).toBe(true);
    expect((await sync(facilitator)).run.blanked).toBe(true);
    expect(query(server.dbFile, "select blanked from runs")).toEqual([{ blanked: 1 }]);
    // The room's break is something else: blanking doesn't pause phones.
    expect((await connectParticipant(server.url, code)).snapshot.run.paused).toBe(false);

    expect(await emit(facilitator, "display:blank", { blanked: false })).toEqual({ ok: true, data: { blanked: false } });
    expect((await connectDisplay(server.url, code)).view.run.blanked).toBe(false);

    expect(await emit(facilitator, "display:blank", { blanked: 1 })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(phones[0]!.socket, "display:blank", { blanked: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(display, "display:blank", { blanked: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(query(server.dbFile, "select blanked from runs")).toEqual([{ blanked: 0 }]);
  });
});

describe("a countdown on the display", () => {
  it("tells each screen how long is left as the server sees it, and stops when asked or when the slide changes", async () => {
    const { code, facilitator, display, phones, audience } = await room();
    await audience.settle();
    const since = audience.mark();
    expect(await emit(facilitator, "countdown:set", { seconds: 90 })).toEqual({ ok: true, data: { seconds: 90 } });
    const sent = await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state", since);
    expect(sent.payload.run.countdown).toEqual({ seconds: 90, remainingMs: expect.any(Number) });
    expect(sent.payload.run.countdown.remainingMs).toBeGreaterThan(85_000);
    expect(sent.payload.run.countdown.remainingMs).toBeLessThanOrEqual(90_000);

    // A display that connects later is told what is left then, not the whole time again.
    await sleep(1100);
    const late = (await connectDisplay(server.url, code)).view.run.countdown!;
    expect(late.seconds).toBe(90);
    expect(late.remainingMs).toBeLessThanOrEqual(sent.payload.run.countdown.remainingMs - 1000);
    expect((await sync(facilitator)).run.countdown?.seconds).toBe(90);

    expect(await emit(facilitator, "countdown:set", { seconds: null })).toEqual({ ok: true, data: { seconds: null } });
    expect((await sync(display)).run.countdown).toBeNull();

    // A countdown belongs to its slide's exercise: moving on stops it.
    await emit(facilitator, "countdown:set", { seconds: 60 });
    expect(query(server.dbFile, "select countdown_seconds from runs")).toEqual([{ countdown_seconds: 60 }]);
    await emit(facilitator, "slide:go", { index: 1 });
    expect((await sync(display)).run.countdown).toBeNull();
    expect(query(server.dbFile, "select countdown_seconds, countdown_ends_at from runs")).toEqual([{ countdown_seconds: null, countdown_ends_at: null }]);

    for (const seconds of [5, 3601, 12.5, "60", -60]) {
      expect(await emit(facilitator, "countdown:set", { seconds })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    }
    expect(await emit(phones[0]!.socket, "countdown:set", { seconds: 60 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await sync(display)).run.countdown).toBeNull();
  });
});

describe("the console's timers", () => {
  it("give the console how long the run and the current slide have gone, and no public screen any of it", async () => {
    const { facilitator, display, phones } = await room();
    await sleep(300);
    await emit(facilitator, "slide:go", { index: 1 });
    await sleep(300);
    const { timing } = await sync(facilitator);
    expect(timing.slideMs).toBeGreaterThanOrEqual(250);
    expect(timing.runMs).toBeGreaterThanOrEqual(timing.slideMs + 250);
    expect(query(server.dbFile, "select slide_started_at > started_at as later from runs")).toEqual([{ later: 1 }]);

    // Timing is the facilitator's: public screens get no clock of the room's progress, at the top or in the run.
    const runKeys = ["blanked", "code", "contentNotes", "countdown", "k", "language", "paused", "planTitle", "slideCount", "state"];
    for (const screen of [display, phones[0]!.socket]) {
      const view = await sync(screen);
      expect(view).not.toHaveProperty("timing");
      expect(Object.keys(view.run).sort()).toEqual(runKeys);
    }
  });
});

function room() {
  return openRoom(server, { k: 3, phones: 1 });
}
