import { beforeEach, describe, expect, it } from "vitest";

import type { Answer, FacilitatorView, Results } from "~/realtime/events";

import {
  connectDisplay,
  connectParticipant,
  emit,
  goToPrompt,
  type TestParticipant,
} from "../helpers/clients";
import { query } from "../helpers/database";
import { valuesOfKey, type Received } from "../helpers/record";
import { useTestServers } from "../helpers/lifecycle";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * What displays and phones may see of results, proved on everything they are
 * sent: nothing under k answers, results released in batches of at least k
 * while a revealed prompt is open, and check-in next to check-out only as
 * group distributions, each under the same k.
 */
let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

const room = (k: number, count: number) => openRoom(server, { k, phones: count });

async function answerAll(promptId: string, answers: Array<[TestParticipant, Answer]>) {
  for (const [phone, answer] of answers) expect((await phone.answer(promptId, answer)).ok).toBe(true);
}

/** The results a message carries (a view, a live update or a sync reply), if any. */
function resultsIn(entry: Received): Results | null {
  return (entry.payload as { results?: Results | null } | undefined)?.results ?? null;
}

/** The `answers` of each shown tally a client was sent, in order, without consecutive repeats. */
function shownAnswers(entries: Received[]): number[] {
  const sequence: number[] = [];
  for (const entry of entries) {
    const results = resultsIn(entry);
    if (results?.status !== "shown") continue;
    if (sequence.at(-1) !== results.tally.answers) sequence.push(results.tally.answers);
  }
  return sequence;
}

const scale = (value: number): Answer => ({ type: "scale", value });

describe("results under k", () => {
  it("never sends a display or phone a tally under k answers, in any event, snapshot or sync reply, and shows it once k answers are in", async () => {
    const { code, facilitator, state, phones, audience } = await room(5, 5);
    const [p1, p2, p3, p4, p5] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];

    // A scale revealed while open: four answers and a pass (passes don't count towards k).
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    expect(await emit(facilitator, "prompt:reveal", { promptId: "check-in" })).toEqual({ ok: true, data: { phase: "open", revealed: true } });
    await answerAll("check-in", [
      [p1, scale(1)],
      [p2, scale(2)],
      [p3, scale(4)],
      [p4, scale(5)],
      [p5, { type: "pass" }],
    ]);
    await audience.settle();
    // The console is under the same rule.
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).results).toEqual({ status: "withheld", k: 5 });

    // A phone that reloads (same device) and a new one get snapshots: withheld too.
    await connectParticipant(server.url, code, { device: p2.device, onSocket: audience.attach("phone 2 again") });
    await connectParticipant(server.url, code, { onSocket: audience.attach("phone 6") });
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    await audience.settle();

    // Free text under k: four entries, closed. The console is told only that results are withheld, so it can
    // neither approve an entry nor read one aloud.
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await answerAll(
      "small-ask",
      phones.slice(0, 4).map((phone, i) => [phone, { type: "open-text", text: `under k entry ${i}` }]),
    );
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });
    await emit(facilitator, "prompt:reveal", { promptId: "small-ask" });
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).results).toEqual({ status: "withheld", k: 5 });
    expect(await emit(facilitator, "moderation:set", { promptId: "small-ask", text: "under k entry 2", action: "approve" })).toMatchObject({
      ok: false,
      error: { code: "not-found" },
    });
    expect(await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: "under k entry 2" })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });

    // A word cloud with three answers, closed, then revealed.
    await goToPrompt(facilitator, state, "strength");
    await emit(facilitator, "prompt:open", { promptId: "strength" });
    await answerAll("strength", [
      [p1, { type: "word-cloud", words: ["rest"] }],
      [p2, { type: "word-cloud", words: ["rest", "trust"] }],
      [p3, { type: "word-cloud", words: ["help"] }],
    ]);
    await emit(facilitator, "prompt:close", { promptId: "strength" });
    await emit(facilitator, "prompt:reveal", { promptId: "strength" });
    await audience.settle();

    // Every message every display and phone got: snapshots, states, live updates and sync replies.
    const events = new Set(audience.events.map((entry) => `${entry.from}: ${entry.event}`));
    for (const name of ["display", "phone 1", "phone 2 again", "phone 6"]) expect(events).toContain(`${name}: run:sync`);
    expect(events).toContain("display: audience:state");
    expect(events).toContain("phone 1: participant:snapshot");
    expect(events).toContain("phone 2 again: participant:snapshot");
    const statuses = valuesOfKey(audience.events, "status");
    expect(statuses).toContain("withheld");
    expect(statuses).not.toContain("shown");
    expect(valuesOfKey(audience.events, "tally")).toEqual([]);
    expect(audience.json()).not.toContain("under k entry");
    expect(valuesOfKey(audience.events, "spotlight").filter(Boolean)).toEqual([]);
    // Not even how many answered.
    expect(valuesOfKey(audience.events, "answers")).toEqual([]);

    // A fifth answer to check-in. The four taken before were held back when it closed (fewer than k since the
    // last release, which was empty). A phone that joins now is late for it (decision 020): its answer alone
    // doesn't make k. With a fifth from a phone that was here (the one that passed), k answers go out together.
    const since = audience.mark();
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    await audience.settle();
    expect(valuesOfKey(audience.events.slice(since), "status")).not.toContain("shown");
    const p6 = await connectParticipant(server.url, code, { onSocket: audience.attach("phone 7") });
    expect((await p6.answer("check-in", scale(3))).ok).toBe(true);
    await audience.settle();
    expect(valuesOfKey(audience.events.slice(since), "status")).not.toContain("shown");
    expect((await p5.answer("check-in", scale(3))).ok).toBe(true);
    const shown = await audience.waitFor((entry) => entry.from === "display" && resultsIn(entry)?.status === "shown", since);
    expect(shown.event).toBe("audience:live");
    // Six answers: the late phone's rides along with the five from phones that were here.
    expect(resultsIn(shown)).toMatchObject({ status: "shown", tally: { type: "scale", answers: 6, counts: [1, 1, 2, 1, 1] } });
    await audience.waitFor((entry) => entry.from === "phone 1" && resultsIn(entry)?.status === "shown", since);
    // Closed: nothing came after that release, so every screen keeps the six.
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    await audience.settle();
    for (const name of ["display", "phone 1", "phone 7"]) {
      expect(shownAnswers(audience.events.slice(since).filter((entry) => entry.from === name))).toEqual([6]);
    }
  });
});

describe("no live ticking", () => {
  /**
   * Check-in opened and revealed in a room of `count` phones. `step` sends one phone's answer and, once
   * everything the server sent is in, says what the display and the console were last sent about results.
   */
  async function revealedCheckIn(k: number, count: number) {
    const setup = await room(k, count);
    const { facilitator, state, audience, console_ } = setup;
    const checkInSlide = await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    await emit(facilitator, "prompt:reveal", { promptId: "check-in" });
    const last = (entries: Received[]) => resultsIn(entries.filter((entry) => resultsIn(entry)).at(-1)!);
    const onScreens = async () => {
      await audience.settle();
      await console_.sync();
      return { display: last(audience.from("display")), console: last(console_.events) };
    };
    const step = async (phone: TestParticipant, answer: Answer) => {
      expect((await phone.answer("check-in", answer)).ok).toBe(true);
      return onScreens();
    };
    /**
     * The results sent to the display in live updates about check-in: one per release. (A phone that joined
     * before the first slide change may also have caused one about the first slide, depending on timing.)
     */
    const liveOnDisplay = () =>
      audience
        .from("display")
        .filter((entry) => entry.event === "audience:live" && entry.payload.slideIndex === checkInSlide)
        .map((entry) => resultsIn(entry));
    return { ...setup, onScreens, step, liveOnDisplay };
  }

  it("releases answers to a revealed open prompt in batches of at least k, so no bar moves as one phone taps, and holds back fewer than k that come after the last release when it closes", async () => {
    const { code, facilitator, phones, audience, console_, step, onScreens, liveOnDisplay } = await revealedCheckIn(3, 7);
    const [p1, p2, p3, p4, p5, p6, p7] = phones as [
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
    ];
    const withheld = { status: "withheld", k: 3 };
    const both = (results: unknown) => ({ display: results, console: results });

    // Answers 1 and 2: the room, and the console, are told only that results are withheld.
    expect(await step(p1, scale(1))).toEqual(both(withheld));
    expect(await step(p2, scale(2))).toEqual(both(withheld));
    // The third: all three are released together.
    const three = { status: "shown", tally: { type: "scale", answers: 3, counts: [1, 1, 1, 0, 0], median: 2 } };
    expect(await step(p3, scale(3))).toMatchObject(both(three));
    // The fourth and fifth change nothing any screen can see.
    expect(await step(p4, scale(4))).toMatchObject(both(three));
    expect(await step(p5, scale(5))).toMatchObject(both(three));
    // The sixth makes three new answers: released together.
    const six = { status: "shown", tally: { answers: 6, counts: [2, 1, 1, 1, 1] } };
    expect(await step(p6, scale(1))).toMatchObject(both(six));
    // One phone changing its answer twice is one changed answer: nothing moves.
    expect(await step(p1, scale(5))).toMatchObject(both(six));
    expect(await step(p1, scale(4))).toMatchObject(both(six));
    // A seventh answer makes two changed: still nothing.
    expect(await step(p7, scale(2))).toMatchObject(both(six));
    // The console counts the seven responses in steps of k; it isn't shown them.
    expect(console_.events.at(-1)!.payload.counts).toEqual({ responses: 6, passes: null });

    // Closing: fewer than k answers came after the last release, so they are held back, from every screen.
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    expect(await onScreens()).toMatchObject(both(six));
    // The console's counts are those of what is shown, and it is told how many responses are held back.
    expect(console_.events.at(-1)!.payload).toMatchObject({ counts: { responses: 6, passes: 0 }, heldBack: 2 });
    expect(query(server.dbFile, "select phase, revealed, released from prompt_phases where prompt_id = 'check-in'")).toEqual([
      { phase: "closed", revealed: 1, released: 1 },
    ]);
    // Screens that come later get the same.
    const { view } = await connectDisplay(server.url, code);
    expect(view.results).toMatchObject(six);

    // Every display and phone, and the console, saw the tally go 3, 6 and nothing in between or after.
    for (const name of ["display", ...phones.map((_, i) => `phone ${i + 1}`)]) {
      expect(shownAnswers(audience.from(name))).toEqual([3, 6]);
    }
    expect(shownAnswers(console_.events)).toEqual([3, 6]);
    // Live updates came only with the two releases.
    expect(liveOnDisplay()).toMatchObject([three, six]);
  });

  it("releases k answers that come after a release together, and shows every answer once the prompt closes with none held back", async () => {
    const { facilitator, phones, step, onScreens, liveOnDisplay } = await revealedCheckIn(3, 6);
    const [p1, p2, p3, p4, p5, p6] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    for (const [phone, value] of [
      [p1, 1],
      [p2, 2],
    ] as const) {
      await step(phone, scale(value));
    }
    const three = { status: "shown", tally: { answers: 3, counts: [1, 1, 1, 0, 0] } };
    expect((await step(p3, scale(3))).display).toMatchObject(three);
    // Three more after that release: the first two wait, the third releases them together.
    expect((await step(p4, scale(4))).display).toMatchObject(three);
    expect((await step(p5, scale(5))).display).toMatchObject(three);
    const six = { status: "shown", tally: { answers: 6, counts: [1, 1, 1, 1, 2] } };
    expect(await step(p6, scale(5))).toMatchObject({ display: six, console: six });

    // Closed with nothing after the last release: every answer is shown, from the stored answers again.
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    expect(await onScreens()).toMatchObject({ display: six, console: six });
    expect(query(server.dbFile, "select released from prompt_phases where prompt_id = 'check-in'")).toEqual([{ released: 0 }]);
    expect(query(server.dbFile, "select count(*) as copies from responses where released_answer is not null")).toEqual([{ copies: 0 }]);
    expect(liveOnDisplay()).toMatchObject([three, six]);
  });

  it("releases new answers k at a time and changed or withdrawn answers k at a time, so no bar rises or drops for fewer than k people", async () => {
    const { facilitator, phones, console_, step, onScreens, liveOnDisplay } = await revealedCheckIn(3, 6);
    const [p1, p2, p3, p4, p5, p6] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    await step(p1, scale(1));
    await step(p2, scale(2));
    const first = { status: "shown", tally: { answers: 3, counts: [1, 1, 1, 0, 0] } };
    expect(await step(p3, scale(3))).toMatchObject({ display: first, console: first });

    // Two of them change their minds (one takes the answer back): fewer than k changes, so no bar drops.
    expect(await step(p1, { type: "pass" })).toMatchObject({ display: first, console: first });
    expect(await step(p2, scale(3))).toMatchObject({ display: first, console: first });
    // A new pass, then new answers: a pass counts for nothing; the third new answer releases the new ones only,
    // so bars only rise, and the two changes still wait.
    expect(await step(p4, { type: "pass" })).toMatchObject({ display: first, console: first });
    expect(await step(p4, scale(4))).toMatchObject({ display: first, console: first });
    expect(await step(p5, scale(5))).toMatchObject({ display: first, console: first });
    const second = { status: "shown", tally: { answers: 6, counts: [1, 1, 1, 1, 2] } };
    expect(await step(p6, scale(5))).toMatchObject({ display: second, console: second });
    expect(console_.events.at(-1)!.payload.counts).toEqual({ responses: 6, passes: null });

    // A third change makes k changes: they go out together, so the bars that drop drop for three people.
    const third = { status: "shown", tally: { answers: 4, counts: [0, 0, 1, 1, 2] } };
    expect(await step(p3, { type: "pass" })).toMatchObject({ display: third, console: third });
    expect(liveOnDisplay()).toMatchObject([first, second, third]);

    // Closed with nothing waiting: every answer is shown, and the console tells the passes apart.
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    expect(await onScreens()).toMatchObject({ display: third, console: third });
    expect(console_.events.at(-1)!.payload).toMatchObject({ counts: { responses: 6, passes: 2 }, heldBack: 0 });
  });
});

describe("check-in and check-out", () => {
  it("shows check-out next to check-in's distribution, to the room only once check-out is revealed, with check-out withheld under k on its own", async () => {
    const { facilitator, state, phones, audience } = await room(3, 4);
    const [p1, p2, p3, p4] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant];

    // Check-in: three answers (k), closed, never revealed on its own slide.
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    await answerAll("check-in", [
      [p1, scale(1)],
      [p2, scale(2)],
      [p3, scale(2)],
    ]);
    await emit(facilitator, "prompt:close", { promptId: "check-in" });

    // Check-out: two answers and a pass, under k.
    await goToPrompt(facilitator, state, "check-out");
    await emit(facilitator, "prompt:open", { promptId: "check-out" });
    await answerAll("check-out", [
      [p1, scale(4)],
      [p2, scale(5)],
      [p3, { type: "pass" }],
    ]);
    await emit(facilitator, "prompt:close", { promptId: "check-out" });
    await audience.settle();

    const checkInShown = {
      promptId: "check-in",
      question: "How are you arriving today?",
      results: { status: "shown", tally: { type: "scale", answers: 3, counts: [1, 2, 0, 0, 0], median: 2 } },
    };
    // The console sees both: check-in's distribution, and that check-out is under k.
    const console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.results).toEqual({ status: "withheld", k: 3 });
    expect(console_.comparison).toMatchObject(checkInShown);
    // The room, before check-out is revealed: neither side, though check-in has k answers.
    const display = audience.from("display").at(-1)!.payload;
    expect(display.results).toEqual({ status: "hidden" });
    expect(display.comparison).toEqual({ promptId: "check-in", question: "How are you arriving today?", results: { status: "hidden" } });
    expect(valuesOfKey(audience.events, "tally")).toEqual([]);

    // Revealed: check-in's distribution appears; check-out stays withheld.
    const since = audience.mark();
    await emit(facilitator, "prompt:reveal", { promptId: "check-out" });
    const revealed = (
      await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.slide.prompt.revealed, since)
    ).payload;
    expect(revealed.results).toEqual({ status: "withheld", k: 3 });
    expect(revealed.comparison).toMatchObject(checkInShown);
    // Only group distributions: nothing per person, no change per device.
    expect(Object.keys(revealed.comparison).sort()).toEqual(["promptId", "question", "results"]);
    expect(Object.keys(revealed.comparison.results.tally).sort()).toEqual(["answers", "counts", "max", "maxLabel", "median", "min", "minLabel", "type"]);

    // A third check-out answer, taken with the results hidden again (reopened revealed, the room would see
    // only what was released, and one late answer stays held back): revealed, both sides are shown.
    await emit(facilitator, "prompt:hide", { promptId: "check-out" });
    await emit(facilitator, "prompt:open", { promptId: "check-out" });
    expect((await p4.answer("check-out", scale(4))).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "check-out" });
    await emit(facilitator, "prompt:reveal", { promptId: "check-out" });
    const both = (await audience.waitFor((entry) => entry.from === "phone 4" && resultsIn(entry)?.status === "shown", since)).payload;
    expect(both.results).toMatchObject({ status: "shown", tally: { answers: 3, counts: [0, 0, 0, 2, 1] } });
    expect(both.comparison).toMatchObject(checkInShown);
  });

  it("withholds check-in's side when it had fewer than k answers, while check-out is shown", async () => {
    const { facilitator, state, phones, audience } = await room(3, 3);
    const [p1, p2, p3] = phones as [TestParticipant, TestParticipant, TestParticipant];
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    await answerAll("check-in", [
      [p1, scale(2)],
      [p2, scale(3)],
      [p3, { type: "pass" }],
    ]);
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    await goToPrompt(facilitator, state, "check-out");
    await emit(facilitator, "prompt:open", { promptId: "check-out" });
    await answerAll("check-out", [
      [p1, scale(4)],
      [p2, scale(4)],
      [p3, scale(5)],
    ]);
    await emit(facilitator, "prompt:close", { promptId: "check-out" });
    const since = audience.mark();
    await emit(facilitator, "prompt:reveal", { promptId: "check-out" });

    const view = (
      await audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.slide.prompt.revealed, since)
    ).payload;
    expect(view.results).toMatchObject({ status: "shown", tally: { answers: 3, counts: [0, 0, 0, 2, 1] } });
    expect(view.comparison).toEqual({ promptId: "check-in", question: "How are you arriving today?", results: { status: "withheld", k: 3 } });
    const console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.comparison?.results).toEqual({ status: "withheld", k: 3 });
    await audience.settle();
    // Check-in's two answers never reached a screen, in any form.
    const tallies = valuesOfKey(audience.events, "tally");
    expect(tallies.length).toBeGreaterThan(0);
    for (const tally of tallies) expect(tally).toMatchObject({ answers: 3, counts: [0, 0, 0, 2, 1] });
  });
});
