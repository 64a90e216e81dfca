import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Answer, FacilitatorView, Results } from "~/realtime/events";

import {
  closeAllClients,
  connectDisplay,
  connectFacilitator,
  connectParticipant,
  emit,
  goToPrompt,
  type TestParticipant,
} from "../helpers/clients";
import { Recorder, valuesOfKey, type Received } from "../helpers/record";
import { startRun, startTestServer, type TestServer } from "../helpers/server";

/**
 * What displays and phones may see of results, proved on everything they are
 * sent: nothing under k answers, results released in batches of at least k
 * while a revealed prompt is open, and check-in next to check-out only as
 * group distributions, each under the same k.
 */
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  closeAllClients();
  await server.stop();
  expect(server.errors()).toEqual([]);
});

/** A run with a console, a recorded display and `count` recorded phones. */
async function room(k: number, count: number) {
  const { code, cookie } = await startRun(server.url, "every-prompt", k);
  const audience = new Recorder();
  const console_ = new Recorder();
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie, { onSocket: console_.attach("console") });
  const { socket: display } = await connectDisplay(server.url, code, { onSocket: audience.attach("display") });
  const phones: TestParticipant[] = [];
  for (let i = 1; i <= count; i++) phones.push(await connectParticipant(server.url, code, { onSocket: audience.attach(`phone ${i}`) }));
  return { code, facilitator, state, display, phones, audience, console_ };
}

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

    // Free text approved by the facilitator is still under k: approval doesn't lift the threshold.
    await goToPrompt(facilitator, state, "small-ask");
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await emit(facilitator, "prompt:reveal", { promptId: "small-ask" });
    await answerAll(
      "small-ask",
      [p1, p2, p3, p4].map((phone, i) => [phone, { type: "open-text", text: `under k entry ${i}` }]),
    );
    await p5.answer("small-ask", { type: "pass" });
    for (let i = 0; i < 4; i++) {
      expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text: `under k entry ${i}`, action: "approve" })).ok).toBe(true);
    }
    // Nor does reading one aloud: the room gets no spotlight while the prompt is under k.
    expect((await emit(facilitator, "spotlight:set", { promptId: "small-ask", text: "under k entry 2" })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "small-ask" });

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

    // A fifth answer to check-in. While open, one new answer is not released on its own; closed, five answers show.
    const since = audience.mark();
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    const p6 = await connectParticipant(server.url, code, { onSocket: audience.attach("phone 7") });
    expect((await p6.answer("check-in", scale(3))).ok).toBe(true);
    await audience.settle();
    expect(valuesOfKey(audience.events.slice(since), "status")).not.toContain("shown");
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    const shown = await audience.waitFor((entry) => entry.from === "display" && resultsIn(entry)?.status === "shown", since);
    expect(resultsIn(shown)).toMatchObject({ status: "shown", tally: { type: "scale", answers: 5, counts: [1, 1, 1, 1, 1] } });
    await audience.waitFor((entry) => entry.from === "phone 1" && resultsIn(entry)?.status === "shown", since);
  });
});

describe("no live ticking", () => {
  it("releases answers to a revealed open prompt in batches of at least k, so no bar moves as one phone taps, and releases the rest on close", async () => {
    const { facilitator, state, phones, audience, console_ } = await room(3, 7);
    const [p1, p2, p3, p4, p5, p6, p7] = phones as TestParticipant[] as [
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
    ];
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    await emit(facilitator, "prompt:reveal", { promptId: "check-in" });

    /** What the display was last sent about results. */
    const onDisplay = () => resultsIn(audience.from("display").filter((entry) => resultsIn(entry)).at(-1)!);
    const step = async (phone: TestParticipant, value: number) => {
      expect((await phone.answer("check-in", scale(value))).ok).toBe(true);
      await audience.settle();
      return onDisplay();
    };

    // Answers 1 and 2: the room is told only that results are withheld.
    expect(await step(p1, 1)).toEqual({ status: "withheld", k: 3 });
    expect(await step(p2, 2)).toEqual({ status: "withheld", k: 3 });
    // The third: all three are released together.
    const three = { status: "shown", tally: { type: "scale", answers: 3, counts: [1, 1, 1, 0, 0], median: 2 } };
    expect(await step(p3, 3)).toMatchObject(three);
    // The fourth and fifth change nothing the room can see.
    expect(await step(p4, 4)).toMatchObject(three);
    expect(await step(p5, 5)).toMatchObject(three);
    // The sixth makes three new answers: released together.
    const six = { status: "shown", tally: { answers: 6, counts: [2, 1, 1, 1, 1] } };
    expect(await step(p6, 1)).toMatchObject(six);
    // One phone changing its answer twice is one changed answer: nothing moves.
    expect(await step(p1, 5)).toMatchObject(six);
    expect(await step(p1, 4)).toMatchObject(six);
    // A seventh answer makes two changed: still nothing.
    expect(await step(p7, 2)).toMatchObject(six);

    // Closing releases the rest, the changed answer included.
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    await audience.settle();
    expect(onDisplay()).toMatchObject({ status: "shown", tally: { answers: 7, counts: [1, 2, 1, 2, 1] } });

    // Every display and phone saw the tally go 3, 6, 7 and nothing in between.
    for (const name of ["display", ...phones.map((_, i) => `phone ${i + 1}`)]) {
      expect(shownAnswers(audience.from(name))).toEqual([3, 6, 7]);
    }
    // Live updates came only with the two releases.
    const live = audience.from("display").filter((entry) => entry.event === "audience:live");
    expect(live.map((entry) => resultsIn(entry))).toMatchObject([three, six]);
    // The console sees the same batches while the prompt is open.
    expect(shownAnswers(console_.events)).toEqual([3, 6, 7]);
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

    // A third check-out answer: both sides shown.
    await emit(facilitator, "prompt:open", { promptId: "check-out" });
    expect((await p4.answer("check-out", scale(4))).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "check-out" });
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
