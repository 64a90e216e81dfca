import { beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_SENSITIVE_NOTE } from "~/content/plan-schema";
import type { FacilitatorView } from "~/realtime/events";

import { connectDisplay, connectParticipant, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { query } from "../helpers/database";
import { valuesOfKey, type Received } from "../helpers/record";
import { useTestServers } from "../helpers/lifecycle";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * The slides and controls that look after the room: the group agreement
 * ("I'm in", counted, never who isn't), pausing the session, grounding and
 * sensitive slides.
 */
let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

/** A room (k = 3) and where each kind of slide is in its plan. */
async function room(count: number) {
  const opened = await openRoom(server, { k: 3, phones: count });
  return { ...opened, slideOf: (kind: string) => opened.state.slides.findIndex((slide) => slide.kind === kind) };
}

/** A participant's view without what is its own (its answer, its "I'm in", the questions it voted for): what every screen should share. */
function shared(payload: Record<string, unknown>) {
  const { mine: _mine, agreed: _agreed, votedQuestions: _votedQuestions, ...rest } = payload;
  return rest;
}

const lastOf = (entries: Received[], event: string) => entries.filter((entry) => entry.event === event).at(-1)?.payload;

describe("group agreement", () => {
  it("counts \"I'm in\" once per phone, shows the display how many are in and never how many are not (the console sees the number of phones), and gives a phone that didn't tap the same public view", async () => {
    const { code, facilitator, display, phones, audience, slideOf } = await room(5);
    const [p1, p2, p3, p4, p5] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    const agreement = slideOf("agreement");
    // Joins reach the room in coalesced updates: let the last one arrive everywhere before comparing from here.
    await audience.settle();
    const start = audience.mark();
    expect((await emit(facilitator, "slide:go", { index: agreement })).ok).toBe(true);
    await audience.settle();
    const onDisplay = lastOf(audience.from("display"), "audience:state");
    expect(onDisplay.slide).toMatchObject({ kind: "agreement", agreements: ["What's shared here stays here", "You can pass on anything"], prompt: null });
    expect(onDisplay.agreement).toEqual({ inCount: 0 });

    for (const phone of [p1, p2, p1, p3, p4]) {
      expect(await emit(phone.socket, "agreement:accept", { slideIndex: agreement })).toEqual({ ok: true, data: { agreed: true } });
    }
    await audience.settle();
    expect(lastOf(audience.from("display"), "run:sync").agreement).toEqual({ inCount: 4 });
    expect(lastOf(audience.from("display"), "audience:live")).toMatchObject({ slideIndex: agreement, results: null, agreement: { inCount: 4 } });
    const console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.agreement).toEqual({ inCount: 4 });
    // The console always sees how many phones are connected (so it can spot phones that shouldn't be there): its
    // facilitator can tell how many are not in, never which. The room is never told (below).
    expect(console_.connected).toBe(5);
    await emit(facilitator, "slide:go", { index: agreement });
    await audience.settle();

    // The phone that didn't tap was sent exactly what the others were, and sees the same screen but for its own button.
    const publicEvents = (name: string) =>
      audience.events
        .slice(start)
        .filter((entry) => entry.from === name && entry.event.startsWith("audience:"))
        .map((entry) => entry.payload);
    const counts = publicEvents("phone 5").map((payload) => payload.agreement);
    expect([counts[0], counts.at(-1)]).toEqual([{ inCount: 0 }, { inCount: 4 }]);
    expect(publicEvents("phone 5")).toEqual(publicEvents("phone 1"));
    expect(publicEvents("phone 5")).toEqual(publicEvents("display"));
    const displayView = lastOf(audience.from("display"), "run:sync");
    expect(shared(lastOf(audience.from("phone 5"), "run:sync"))).toEqual(displayView);
    expect(shared(lastOf(audience.from("phone 1"), "run:sync"))).toEqual(displayView);
    expect(lastOf(audience.from("phone 1"), "run:sync").agreed).toBe(true);
    expect(lastOf(audience.from("phone 5"), "run:sync").agreed).toBe(false);

    // Nothing public says how many phones are connected, so nothing says how many are not in.
    expect(valuesOfKey(audience.events, "connected")).toEqual([]);
    expect(audience.json()).not.toContain("connected");
    // Nor does any slide note.
    expect(audience.json()).not.toContain("Wait until most phones");

    // Only the agreement on screen, only from phones.
    expect(await emit(p5.socket, "agreement:accept", { slideIndex: 0 })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(await emit(display, "agreement:accept", { slideIndex: agreement })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(facilitator, "agreement:accept", { slideIndex: agreement })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await emit(facilitator, "slide:go", { index: 0 });
    expect(await emit(p5.socket, "agreement:accept", { slideIndex: agreement })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(await emit(p5.socket, "agreement:accept", { slideIndex: 0 })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    // Back on the agreement: a phone that reloads (same device secret) is still in; others are not.
    await emit(facilitator, "slide:go", { index: agreement });
    expect((await connectParticipant(server.url, code, { device: p1.device })).snapshot).toMatchObject({ agreed: true, agreement: { inCount: 4 } });
    expect((await connectParticipant(server.url, code, { device: p5.device })).snapshot).toMatchObject({ agreed: false, agreement: { inCount: 4 } });
    expect((await connectParticipant(server.url, code)).snapshot).toMatchObject({ agreed: false, agreement: { inCount: 4 } });
    // Off the agreement slide, no count at all.
    await emit(facilitator, "slide:go", { index: 0 });
    expect((await connectParticipant(server.url, code, { device: p1.device })).snapshot).toMatchObject({ agreed: false, agreement: null });

    // Stored under keys that link to nothing: not the device secret, not the same phone's answer keys.
    await goToPrompt(facilitator, (await emit(facilitator, "run:sync", {})).data as FacilitatorView, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    for (const phone of [p1, p2]) expect((await phone.answer("check-in", { type: "scale", value: 3 })).ok).toBe(true);
    const accepted = query<{ slide_index: number; acceptance_key: string }>(server.dbFile, "select slide_index, acceptance_key from agreement_acceptances");
    expect(accepted).toHaveLength(4);
    expect(new Set(accepted.map((row) => row.slide_index))).toEqual(new Set([agreement]));
    const responseKeys = query<{ response_key: string }>(server.dbFile, "select response_key from responses").map((row) => row.response_key);
    for (const { acceptance_key } of accepted) {
      expect(responseKeys).not.toContain(acceptance_key);
      for (const phone of phones) expect(acceptance_key).not.toContain(phone.device);
    }
  });
});

describe("pausing the session", () => {
  it("puts every display and phone on the break screen (run.paused) and brings them back, including screens that connect meanwhile, and takes no \"I'm in\" during the break", async () => {
    const { code, facilitator, display, phones, audience } = await room(2);
    await audience.settle();
    let since = audience.mark();
    expect(await emit(facilitator, "run:pause", { paused: true })).toEqual({ ok: true, data: { paused: true } });
    for (const name of ["display", "phone 1", "phone 2"]) {
      await audience.waitFor((entry) => entry.from === name && entry.event === "audience:state" && entry.payload.run.paused === true, since);
    }
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).run.paused).toBe(true);
    expect((await connectParticipant(server.url, code)).snapshot.run.paused).toBe(true);
    expect((await connectDisplay(server.url, code)).view.run.paused).toBe(true);
    expect(query(server.dbFile, "select paused from runs")).toEqual([{ paused: 1 }]);

    since = audience.mark();
    expect(await emit(facilitator, "run:pause", { paused: false })).toEqual({ ok: true, data: { paused: false } });
    for (const name of ["display", "phone 1", "phone 2"]) {
      await audience.waitFor((entry) => entry.from === name && entry.event === "audience:state" && entry.payload.run.paused === false, since);
    }
    expect((await connectParticipant(server.url, code)).snapshot.run.paused).toBe(false);

    // While on a break, "I'm in" isn't taken, even on the agreement slide.
    const agreement = (((await emit(facilitator, "run:sync", {})).data as FacilitatorView).slides.find((slide) => slide.kind === "agreement"))!.index;
    await emit(facilitator, "slide:go", { index: agreement });
    await emit(facilitator, "run:pause", { paused: true });
    expect(await emit(phones[0]!.socket, "agreement:accept", { slideIndex: agreement })).toMatchObject({ ok: false, error: { code: "paused" } });
    expect(query(server.dbFile, "select * from agreement_acceptances")).toEqual([]);
    await emit(facilitator, "run:pause", { paused: false });
    expect(await emit(phones[0]!.socket, "agreement:accept", { slideIndex: agreement })).toEqual({ ok: true, data: { agreed: true } });

    expect(await emit(facilitator, "run:pause", { paused: "yes" })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(phones[0]!.socket, "run:pause", { paused: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(display, "run:pause", { paused: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await emit(facilitator, "run:end", {});
    expect(await emit(facilitator, "run:pause", { paused: true })).toMatchObject({ ok: false, error: { code: "run-ended" } });
  });

  it("keeps an answer sent during a break out of the run, with the error paused, and takes it once the session carries on", async () => {
    const { facilitator, state, phones, audience } = await room(2);
    const [p1, p2] = phones as [TestParticipant, TestParticipant];
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    expect((await p2.answer("check-in", { type: "scale", value: 2 })).ok).toBe(true);
    expect(query(server.dbFile, "select count(*) as stored from responses")).toEqual([{ stored: 1 }]);

    // The break: the question stays open behind the break screen, but nothing is taken.
    await emit(facilitator, "run:pause", { paused: true });
    const since = audience.mark();
    const submission = { id: "sent-during-the-break", promptId: "check-in", answer: { type: "scale", value: 4 } };
    expect(await emit(p1.socket, "response:submit", submission)).toEqual({ ok: false, error: { code: "paused", reason: "paused" } });
    // Nor a change to an answer already given, nor a pass.
    expect(await p2.answer("check-in", { type: "scale", value: 5 })).toMatchObject({ ok: false, error: { code: "paused" } });
    expect(await p2.answer("check-in", { type: "pass" })).toMatchObject({ ok: false, error: { code: "paused" } });
    expect(query(server.dbFile, "select passed, answer from responses")).toEqual([{ passed: 0, answer: "[2]" }]);
    await audience.settle();
    // The phone isn't told it has an answer in, and no screen hears of one.
    expect(valuesOfKey(audience.from("phone 1").slice(since), "mine").filter(Boolean)).toEqual([]);
    expect(audience.from().slice(since).filter((entry) => entry.event === "audience:live")).toEqual([]);

    // The session carries on: the phone sends the same answer again, and it is taken.
    await emit(facilitator, "run:pause", { paused: false });
    expect(await emit(p1.socket, "response:submit", submission)).toEqual({
      ok: true,
      data: { id: "sent-during-the-break", promptId: "check-in", answer: { type: "scale", value: 4 } },
    });
    expect(
      query<{ answer: string }>(server.dbFile, "select answer from responses")
        .map((row) => row.answer)
        .sort(),
    ).toEqual(["[2]", "[4]"]);
  });
});

describe("grounding and sensitive slides", () => {
  it("sends the grounding slide's breathing timing and the sensitive slide's note to displays and phones, and collects nothing on them", async () => {
    const { facilitator, phones, audience, slideOf } = await room(1);
    const grounding = slideOf("grounding");
    await audience.settle();
    let since = audience.mark();
    await emit(facilitator, "slide:go", { index: grounding });
    const breathe = (await audience.waitFor((entry) => entry.from === "phone 1" && entry.payload?.slide?.index === grounding, since)).payload;
    expect(breathe.slide).toMatchObject({ kind: "grounding", breathing: { inhale: 4, hold: 1, exhale: 6 }, prompt: null });
    expect(breathe.results).toBeNull();
    expect(await phones[0]!.answer("check-in", { type: "scale", value: 3 })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(await emit(phones[0]!.socket, "agreement:accept", { slideIndex: grounding })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    const sensitive = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    const sensitiveIndex = sensitive.slides.findIndex((slide) => slide.sensitive);
    expect(sensitive.slides[sensitiveIndex]!.sensitive).toBe(DEFAULT_SENSITIVE_NOTE);
    since = audience.mark();
    await emit(facilitator, "slide:go", { index: sensitiveIndex });
    for (const name of ["display", "phone 1"]) {
      const view = (await audience.waitFor((entry) => entry.from === name && entry.payload?.slide?.index === sensitiveIndex, since)).payload;
      expect(view.slide.sensitive).toBe(DEFAULT_SENSITIVE_NOTE);
    }
    expect(query(server.dbFile, "select * from responses")).toEqual([]);
    expect(query(server.dbFile, "select * from agreement_acceptances")).toEqual([]);
  });
});
