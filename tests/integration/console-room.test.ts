import { beforeEach, describe, expect, it } from "vitest";

import type { AudienceView, FacilitatorView } from "~/realtime/events";

import { connect, connectDisplay, connectFacilitator, connectParticipant, connectRefusal, emit, nextEvent } from "../helpers/clients";
import { useTestServers } from "../helpers/lifecycle";
import { Recorder, valuesOfKey } from "../helpers/record";
import { startRun, type TestServer } from "../helpers/server";

/** The console knows what the room sees: whether the room has a display, and a preview of it that isn't one. */
let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

const displaysNow = async (facilitator: Parameters<typeof emit>[0]) => ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).displays;

describe("the room's displays, on the console", () => {
  it("tells the console when a display connects and when it goes, counts no preview, and tells no display or phone", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const console_ = new Recorder();
    const audience = new Recorder();
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie, { onSocket: console_.attach("console") });
    expect(state.displays).toBe(0);
    const phone = await connectParticipant(server.url, code, { onSocket: audience.attach("phone") });

    const tallied = (displays: number) =>
      console_.waitFor((entry) => entry.event === "facilitator:tally" && entry.payload.displays === displays, console_.mark());
    let told = tallied(1);
    const first = await connectDisplay(server.url, code, { onSocket: audience.attach("display 1") });
    expect((await told).payload.connected).toBe(1);
    told = tallied(2);
    const second = await connectDisplay(server.url, code, { onSocket: audience.attach("display 2") });
    await told;

    // The console's preview gets what a display gets, and is no display of the room's.
    const preview = connect(server.url, { role: "display", code, preview: true }, { cookie, onSocket: audience.attach("preview") });
    const previewed = await nextEvent(preview, "audience:state");
    expect(previewed).toEqual((await emit(first.socket, "run:sync", {})).data);
    expect(await displaysNow(facilitator)).toBe(2);
    const since = audience.mark();
    expect((await emit(facilitator, "slide:go", { index: 1 })).ok).toBe(true);
    const [toDisplay, toPreview] = await Promise.all(
      ["display 1", "preview"].map((name) => audience.waitFor((entry) => entry.from === name && entry.event === "audience:state", since)),
    );
    expect(toPreview!.payload).toEqual(toDisplay!.payload);
    expect((toPreview!.payload as AudienceView).slide.index).toBe(1);

    // A preview coming and going moves no count; a display going does.
    preview.disconnect();
    told = tallied(1);
    first.socket.disconnect();
    await told;
    told = tallied(0);
    second.socket.disconnect();
    await told;
    expect(await displaysNow(facilitator)).toBe(0);
    told = tallied(1);
    await connectDisplay(server.url, code);
    await told;

    // Only the console hears of displays.
    await audience.sync("phone");
    expect(audience.from("phone").map((entry) => entry.event)).toContain("run:sync");
    expect(valuesOfKey(audience.events, "displays")).toEqual([]);
  });

  it("opens a preview only for the run's console: a signed-in account and the run's cookie", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const other = await startRun(server, "every-prompt", 3);
    const [session] = cookie.split("; ");
    for (const attempt of [undefined, session, other.cookie]) {
      const socket = connect(server.url, { role: "display", code, preview: true }, { cookie: attempt, reconnection: false });
      expect(await connectRefusal(socket), String(attempt)).toBe("forbidden");
    }
    // `preview` is `true` or absent: anything else is not a handshake.
    const odd = connect(server.url, { role: "display", code, preview: "yes" }, { cookie, reconnection: false });
    expect(await connectRefusal(odd)).toBe("invalid-payload");
    // A display of the room's needs nothing but the code, as before.
    expect((await connectDisplay(server.url, code)).view.run.code).toBe(code);
  });
});
