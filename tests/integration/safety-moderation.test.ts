import { beforeEach, describe, expect, it } from "vitest";

import type { FacilitatorView } from "~/realtime/events";

import { connectDisplay, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { publicOrder, query } from "../helpers/database";
import { lastTally, publicJson, releaseClockTick, valuesOfKey } from "../helpers/record";
import { useTestServers } from "../helpers/lifecycle";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * Free text is moderated before it reaches the room: only approved entries
 * ever leave the console, in an order that says nothing about who wrote them
 * or when; words can be hidden; "read aloud" shows one approved entry.
 */
let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

const APPROVED = ["Ask my neighbour for a lift to the clinic", "Let a friend cook dinner for me once", "Tell my sister I am not fine"];
const HIDDEN = "HIDDEN entry: my manager Dana at the depot";
const PENDING = "PENDING entry: nobody approved this one";

const room = (k: number, count: number) => openRoom(server, { k, phones: count });

const moderate = (facilitator: Parameters<typeof emit>[0], promptId: string, text: string, action: "approve" | "hide" | "reset") =>
  emit(facilitator, "moderation:set", { promptId, text, action });

describe("open-text moderation", () => {
  it("sends displays and phones only approved free text, never hidden or pending entries, in an order by hash rather than alphabet or arrival; the console gets every entry with its state", async () => {
    const { runId, facilitator, state, phones, audience } = await room(3, 6);
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    const texts = [...APPROVED, HIDDEN, PENDING];
    for (const [i, text] of texts.entries()) expect((await phones[i]!.answer("small-ask", { type: "open-text", text })).ok).toBe(true);
    expect((await phones[5]!.answer("small-ask", { type: "pass" })).ok).toBe(true);
    // Revealed while open: everything stored is released to every screen, the console included, and the
    // room would see the released entries that are approved.
    await emit(facilitator, "prompt:reveal", { promptId: "small-ask" });
    await audience.settle();
    // Released (six responses), but nothing approved yet: the room gets a count and no text.
    expect(lastTally(audience, "display")).toEqual({ type: "open-text", answers: 5, entries: [] });

    // The console: every entry, pending.
    let console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    const entriesOf = (view: FacilitatorView) =>
      view.results?.status === "shown" && view.results.tally.type === "open-text" ? [...view.results.tally.entries].sort((a, b) => a.text.localeCompare(b.text)) : [];
    expect(entriesOf(console_)).toEqual(
      [...texts].sort((a, b) => a.localeCompare(b)).map((text) => ({ text, count: 1, moderation: "pending" })),
    );

    for (const text of APPROVED) expect(await moderate(facilitator, "small-ask", text, "approve")).toEqual({ ok: true, data: { text, moderation: "approved" } });
    expect(await moderate(facilitator, "small-ask", HIDDEN, "hide")).toEqual({ ok: true, data: { text: HIDDEN, moderation: "hidden" } });
    // Hidden, put back to pending, hidden again: never public on the way.
    expect(await moderate(facilitator, "small-ask", HIDDEN, "reset")).toEqual({ ok: true, data: { text: HIDDEN, moderation: "pending" } });
    expect((await moderate(facilitator, "small-ask", HIDDEN, "hide")).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    await audience.settle();

    console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    const states = Object.fromEntries(entriesOf(console_).map((entry) => [entry.text, entry.moderation]));
    expect(states).toEqual({ ...Object.fromEntries(APPROVED.map((text) => [text, "approved"])), [HIDDEN]: "hidden", [PENDING]: "pending" });

    // The room: the approved entries only, ordered by SHA-256 of (run, prompt, text).
    const expected = publicOrder(
      runId,
      "small-ask",
      APPROVED.map((text) => ({ text, count: 1 })),
    );
    for (const name of ["display", "phone 1", "phone 6"]) {
      expect(lastTally(audience, name)).toEqual({ type: "open-text", answers: 5, entries: expected });
    }

    // Everything any display or phone was ever sent: no hidden or pending text, no moderation state.
    const everything = publicJson(audience.events);
    for (const text of APPROVED) expect(everything).toContain(text);
    expect(everything).not.toContain(HIDDEN);
    expect(everything).not.toContain("Dana");
    expect(everything).not.toContain(PENDING);
    expect(everything).not.toContain("moderation");
    // A phone's own answer comes back only to that phone.
    for (const [i, phone] of phones.entries()) {
      const mine = valuesOfKey(audience.from(`phone ${i + 1}`), "mine").filter(Boolean);
      const own = i < texts.length ? { type: "open-text", text: texts[i] } : { type: "pass" };
      expect(mine.length).toBeGreaterThan(0);
      for (const answer of mine) expect(answer).toEqual(own);
      expect(phone.snapshot.mine).toBeNull();
    }
  });

  it("refuses moderation of a text nobody wrote (not-found), of a choice prompt, and approval of a word (invalid-payload)", async () => {
    const { facilitator, state, phones } = await room(3, 1);
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await phones[0]!.answer("small-ask", { type: "open-text", text: "a real entry" });
    expect(await moderate(facilitator, "small-ask", "an entry nobody wrote", "approve")).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await moderate(facilitator, "no-such-prompt", "a real entry", "approve")).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await moderate(facilitator, "check-in", "3", "hide")).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await moderate(facilitator, "small-ask", "", "approve")).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(facilitator, "moderation:set", { promptId: "small-ask", text: "a real entry", action: "publish" })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });

    await goToPrompt(facilitator, state, "strength");
    await emit(facilitator, "prompt:open", { promptId: "strength" });
    await phones[0]!.answer("strength", { type: "word-cloud", words: ["rest"] });
    expect(await moderate(facilitator, "strength", "rest", "approve")).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await moderate(facilitator, "strength", "sleep", "hide")).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(query(server.dbFile, "select * from moderations")).toEqual([]);
  });

  it("lets the console act only on text it has been shown: moderating a text under k or not yet released is refused exactly like a text nobody wrote", async () => {
    const { facilitator, state, phones, audience } = await room(5, 7);
    const [p1, p2, p3, p4, p5, p6, p7] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    const write = async (phone: TestParticipant, text: string) => expect((await phone.answer("small-ask", { type: "open-text", text })).ok).toBe(true);
    const pass = async (phone: TestParticipant) => expect((await phone.answer("small-ask", { type: "pass" })).ok).toBe(true);
    const NOBODY = "an entry nobody wrote";
    const refused = { ok: false, error: { code: "not-found", reason: "noSuchText" } };
    /** Every action on `text` gets the very reply a text nobody wrote gets: nothing tells the two apart. */
    const expectRefusedLikeNobody = async (text: string) => {
      for (const action of ["approve", "hide", "reset"] as const) {
        const reply = await moderate(facilitator, "small-ask", text, action);
        expect(reply).toEqual(refused);
        expect(reply).toEqual(await moderate(facilitator, "small-ask", NOBODY, action));
      }
    };
    const consoleResults = async () => ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).results;

    // Two entries, closed: under k, the console is told only that results are withheld.
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await write(p1, "entry one");
    await write(p2, "entry two");
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    expect(await consoleResults()).toEqual({ status: "withheld", k: 5 });
    await expectRefusedLikeNobody("entry one");
    await expectRefusedLikeNobody("entry two");

    // Open again: the console keeps seeing what it was shown at the close (now released), and passes
    // release nothing.
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await pass(p2);
    for (const phone of [p3, p4, p5]) await pass(phone);
    expect(await consoleResults()).toEqual({ status: "withheld", k: 5 });
    await expectRefusedLikeNobody("entry one");

    // Revealed while open: the room gets that same release, still under k.
    await emit(facilitator, "prompt:reveal", { promptId: "small-ask" });
    expect(await consoleResults()).toEqual({ status: "withheld", k: 5 });
    await expectRefusedLikeNobody("entry one");

    // Three phones write: stored, but only four answers in all, so nothing is released yet.
    await write(p2, "entry two again");
    await write(p3, "entry three");
    await write(p4, "entry four");
    expect(await consoleResults()).toEqual({ status: "withheld", k: 5 });
    for (const text of ["entry one", "entry two again", "entry four"]) await expectRefusedLikeNobody(text);

    // The fifth answer makes k, the first tally anyone is shown: everything is released, and the console can act
    // on each entry.
    await write(p5, "entry five");
    await releaseClockTick();
    const shown = await consoleResults();
    expect(shown).toMatchObject({ status: "shown", tally: { type: "open-text", answers: 5 } });
    expect(shown?.status === "shown" && shown.tally.type === "open-text" ? shown.tally.entries.map((entry) => entry.text).sort() : []).toEqual(
      ["entry five", "entry four", "entry one", "entry three", "entry two again"],
    );
    expect(await moderate(facilitator, "small-ask", "entry one", "approve")).toEqual({ ok: true, data: { text: "entry one", moderation: "approved" } });
    expect(await moderate(facilitator, "small-ask", "entry five", "hide")).toEqual({ ok: true, data: { text: "entry five", moderation: "hidden" } });

    // Late entries aren't released one by one, and stay held back when the prompt closes: the console can't act on them.
    await write(p6, "entry six");
    await write(p7, "entry seven");
    await expectRefusedLikeNobody("entry six");
    await expectRefusedLikeNobody("entry seven");
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    expect(await consoleResults()).toMatchObject({ status: "shown", tally: { answers: 5 } });
    await expectRefusedLikeNobody("entry six");
    await expectRefusedLikeNobody("entry seven");

    expect(query(server.dbFile, "select value, decision from moderations order by value")).toEqual([
      { value: "entry five", decision: "hidden" },
      { value: "entry one", decision: "approved" },
    ]);
    // The room got none of it but the approved entry, once shown.
    await audience.settle();
    expect(publicJson(audience.events)).not.toMatch(/entry (two|three|four|five|six|seven)/);
  });

  it("removes a hidden word-cloud word from every display and phone, shows it to the console as hidden, and puts it back on reset", async () => {
    const { facilitator, state, phones, audience } = await room(3, 4);
    await goToPrompt(facilitator, state, "strength");
    await emit(facilitator, "prompt:open", { promptId: "strength" });
    const words = [["rest", "asking"], ["rest"], ["asking"], ["paperclips"]];
    for (const [i, answer] of words.entries()) expect((await phones[i]!.answer("strength", { type: "word-cloud", words: answer })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "strength" });
    await emit(facilitator, "prompt:reveal", { promptId: "strength" });
    await audience.settle();
    const all = [
      { word: "asking", count: 2 },
      { word: "rest", count: 2 },
      { word: "paperclips", count: 1 },
    ];
    expect(lastTally(audience, "display")).toEqual({ type: "word-cloud", answers: 4, words: all });

    const since = audience.mark();
    expect(await moderate(facilitator, "strength", "paperclips", "hide")).toEqual({ ok: true, data: { text: "paperclips", moderation: "hidden" } });
    await audience.settle();
    for (const name of ["display", "phone 1", "phone 4"]) expect(lastTally(audience, name)).toEqual({ type: "word-cloud", answers: 4, words: all.slice(0, 2) });
    // From the moment it was hidden, no display or phone is sent the word, nor that a word was hidden.
    expect(publicJson(audience.events.slice(since))).not.toContain("paperclips");
    expect(valuesOfKey(audience.events, "hidden")).toEqual([]);
    const console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.results).toMatchObject({ status: "shown", tally: { words: [...all.slice(0, 2), { word: "paperclips", count: 1, hidden: true }] } });

    expect(await moderate(facilitator, "strength", "paperclips", "reset")).toEqual({ ok: true, data: { text: "paperclips", moderation: "pending" } });
    await audience.settle();
    expect(lastTally(audience, "display")).toEqual({ type: "word-cloud", answers: 4, words: all });
  });
});

describe("read aloud", () => {
  it("spotlights only an approved entry of the free-text question on screen, reveals it with its position and total, and clears it when that entry or the results are hidden", async () => {
    const { runId, facilitator, state, phones, audience } = await room(3, 5);
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    const texts = [...APPROVED, HIDDEN, PENDING];
    for (const [i, text] of texts.entries()) expect((await phones[i]!.answer("small-ask", { type: "open-text", text })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    for (const text of APPROVED) await moderate(facilitator, "small-ask", text, "approve");
    await moderate(facilitator, "small-ask", HIDDEN, "hide");

    // Pending, hidden or unknown text can't be read aloud.
    for (const text of [PENDING, HIDDEN, "nobody wrote this"]) {
      expect(await emit(facilitator, "spotlight:set", { promptId: "small-ask", text })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    }
    // Only on the free-text question on screen.
    expect(await emit(facilitator, "spotlight:set", { promptId: "check-in", text: APPROVED[0] })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    await audience.settle();
    expect(valuesOfKey(audience.events, "spotlight").filter(Boolean)).toEqual([]);
    expect(valuesOfKey(audience.events, "revealed")).not.toContain(true);

    // Read aloud an approved entry: the prompt is revealed, and the room sees which one of how many.
    const order = publicOrder(
      runId,
      "small-ask",
      APPROVED.map((text) => ({ text })),
    ).map((entry) => entry.text);
    const chosen = order[1]!;
    let since = audience.mark();
    expect(await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: chosen })).toEqual({ ok: true, data: { text: chosen } });
    const shown = (await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.spotlight, since)).payload;
    expect(shown.slide.prompt).toMatchObject({ id: "small-ask", revealed: true });
    expect(shown.spotlight).toEqual({ text: chosen, position: 2, total: 3 });
    const onPhone = (await audience.waitFor((entry) => entry.from === "phone 5" && entry.event === "audience:state" && entry.payload.spotlight, since)).payload;
    expect(onPhone.spotlight).toEqual({ text: chosen, position: 2, total: 3 });
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).spotlight).toEqual({ text: chosen, position: 2, total: 3 });

    // Hiding the entry being read aloud takes it off every screen at once.
    since = audience.mark();
    expect((await moderate(facilitator, "small-ask", chosen, "hide")).ok).toBe(true);
    const cleared = (await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && !entry.payload.spotlight, since)).payload;
    expect(cleared.spotlight).toBeNull();
    expect(cleared.results.tally.entries.map((entry: { text: string }) => entry.text)).toEqual(order.filter((text) => text !== chosen));
    expect(query(server.dbFile, "select spotlight from prompt_phases where prompt_id = 'small-ask'")).toEqual([{ spotlight: null }]);

    // Hiding the results stops reading aloud too.
    expect((await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: order[2] })).ok).toBe(true);
    since = audience.mark();
    await emit(facilitator, "prompt:hide", { promptId: "small-ask" });
    const hiddenResults = (await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && !entry.payload.slide.prompt.revealed, since)).payload;
    expect(hiddenResults).toMatchObject({ results: { status: "hidden" }, spotlight: null });
    expect(query(server.dbFile, "select spotlight from prompt_phases where prompt_id = 'small-ask'")).toEqual([{ spotlight: null }]);

    // Another one (which reveals the results again), then stop.
    expect((await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: order[0] })).ok).toBe(true);
    since = audience.mark();
    expect(await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: null })).toEqual({ ok: true, data: { text: null } });
    await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.spotlight === null, since);

    await audience.settle();
    const everything = publicJson(audience.events);
    expect(everything).not.toContain(HIDDEN);
    expect(everything).not.toContain(PENDING);
  });
});

describe("who may moderate", () => {
  it("refuses moderation, read aloud and pausing the session from phones and displays (forbidden), and changes nothing", async () => {
    const { code, facilitator, state, phones } = await room(3, 1);
    const { socket: display } = await connectDisplay(server.url, code);
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await phones[0]!.answer("small-ask", { type: "open-text", text: "my own entry" });
    for (const socket of [phones[0]!.socket, display]) {
      for (const [event, payload] of [
        ["moderation:set", { promptId: "small-ask", text: "my own entry", action: "approve" }],
        ["spotlight:set", { promptId: "small-ask", text: "my own entry" }],
        ["spotlight:set", { promptId: "small-ask", text: null }],
        ["run:pause", { paused: true }],
      ] as const) {
        expect(await emit(socket, event, payload)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect(query(server.dbFile, "select * from moderations")).toEqual([]);
    expect(query(server.dbFile, "select paused from runs")).toEqual([{ paused: 0 }]);
    expect(query(server.dbFile, "select spotlight, revealed from prompt_phases")).toEqual([{ spotlight: null, revealed: 0 }]);
  });
});
