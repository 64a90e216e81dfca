import fs from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Answer, FacilitatorView, Tally } from "~/realtime/events";

import { connectParticipant, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import type { Received, Recorder } from "../helpers/record";
import { openRoom } from "../helpers/room";
import { FIXTURE_PLANS } from "../helpers/server";

/**
 * Free text and words from someone trying to get past the room's protections:
 * text the server would acknowledge as one thing and show as another.
 */
const startServer = useTestServers();

let plansDir: string;

beforeAll(() => {
  plansDir = fs.mkdtempSync(path.join(FIXTURE_PLANS, "..", ".tmp-plans-"));
  fs.copyFileSync(path.join(FIXTURE_PLANS, "every-prompt.md"), path.join(plansDir, "every-prompt.md"));
});

afterAll(() => fs.rmSync(plansDir, { recursive: true, force: true }));

/** What a set of messages holds, minus each phone's own stored answer (`mine`: its own words, sent only to it). */
function publicJson(entries: Received[]): string {
  return JSON.stringify(entries, (key, value: unknown) => (key === "mine" ? undefined : value));
}

/** The last results a client was sent, as a tally. */
function lastTally(audience: Recorder, name: string): Tally | undefined {
  const results = audience
    .from(name)
    .map((entry) => entry.payload?.results)
    .filter(Boolean)
    .at(-1);
  return results?.status === "shown" ? results.tally : undefined;
}

async function consoleTally(facilitator: Parameters<typeof emit>[0]): Promise<Tally | undefined> {
  const view = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  return view.results?.status === "shown" ? view.results.tally : undefined;
}

const words = (...list: string[]): Answer => ({ type: "word-cloud", words: list });

describe("what a phone sends is what every screen shows", () => {
  it("acknowledges a tab as the space every screen then shows, and refuses half a surrogate pair (invalid-answer) instead of storing what SQLite reads back as U+FFFD", async () => {
    const server = await startServer({ plansDir });
    const { code, facilitator, state, phones, audience } = await openRoom(server, { k: 3, phones: 3 });
    const [p1, p2, p3] = phones as [TestParticipant, TestParticipant, TestParticipant];

    await goToPrompt(facilitator, state, "small-ask");
    expect((await emit(facilitator, "prompt:open", { promptId: "small-ask" })).ok).toBe(true);
    const tabbed = await p1.answer("small-ask", { type: "open-text", text: "ask\tfor help" });
    expect(tabbed).toMatchObject({ ok: true, data: { answer: { type: "open-text", text: "ask for help" } } });
    for (const broken of ["lean \ud83c on", "\udf31", "a\udc00\ud800b"]) {
      expect(await p2.answer("small-ask", { type: "open-text", text: broken })).toMatchObject({
        ok: false,
        error: { code: "invalid-answer", message: "part of a character in your answer is missing; please type it again" },
      });
    }
    // The refusals wrote nothing: this phone has no answer yet.
    expect(query(server.dbFile, "select count(*) as n from responses where prompt_id = 'small-ask'")).toEqual([{ n: 1 }]);
    const sprout = await p2.answer("small-ask", { type: "open-text", text: "🌱 lean on\u00a0someone" });
    expect(sprout).toMatchObject({ ok: true, data: { answer: { type: "open-text", text: "🌱 lean on someone" } } });
    expect((await p3.answer("small-ask", { type: "open-text", text: "rest" })).ok).toBe(true);
    const acked = [tabbed, sprout].map((ack) => (ack.data as { answer: { text: string } }).answer.text);

    expect((await emit(facilitator, "prompt:reveal", { promptId: "small-ask" })).ok).toBe(true);
    const onConsole = await consoleTally(facilitator);
    expect(onConsole?.type === "open-text" ? onConsole.entries.map((entry) => entry.text).sort() : []).toEqual([...acked, "rest"].sort());
    for (const text of acked) expect((await emit(facilitator, "moderation:set", { promptId: "small-ask", text, action: "approve" })).ok).toBe(true);
    await audience.settle();
    for (const name of ["display", "phone 3"]) {
      const shown = lastTally(audience, name);
      expect(shown?.type === "open-text" ? shown.entries.map((entry) => entry.text).sort() : []).toEqual([...acked].sort());
    }
    // A phone that comes back is given the answer it was acknowledged.
    const again = await connectParticipant(server.url, code, { device: p1.device });
    expect(again.snapshot.mine).toEqual({ type: "open-text", text: "ask for help" });
    expect(JSON.stringify(audience.events)).not.toContain("\ufffd");

    // Words: the same rules.
    await goToPrompt(facilitator, state, "strength");
    expect((await emit(facilitator, "prompt:open", { promptId: "strength" })).ok).toBe(true);
    expect(await p1.answer("strength", words("calm", "rest\ud83c"))).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    const wordAcks = [await p1.answer("strength", words("Feeling\tSafe")), await p2.answer("strength", words("grow🌱now")), await p3.answer("strength", words("feeling safe"))];
    expect(wordAcks.map((ack) => ack.data)).toMatchObject([
      { answer: { type: "word-cloud", words: ["feeling safe"] } },
      { answer: { type: "word-cloud", words: ["grow🌱now"] } },
      { answer: { type: "word-cloud", words: ["feeling safe"] } },
    ]);
    expect((await emit(facilitator, "prompt:reveal", { promptId: "strength" })).ok).toBe(true);
    await audience.settle();
    const cloud = { type: "word-cloud", answers: 3, words: [{ word: "feeling safe", count: 2 }, { word: "grow🌱now", count: 1 }] };
    expect(await consoleTally(facilitator)).toEqual(cloud);
    for (const name of ["display", "phone 1"]) expect(lastTally(audience, name)).toEqual(cloud);
  });
});

describe("an answer to a prompt the plan doesn't have", () => {
  it("is refused not-found, before any check of what is open: with nothing open, during a break, and beside a prompt that is open", async () => {
    const server = await startServer({ plansDir });
    const { facilitator, state, phones } = await openRoom(server, { k: 3, phones: 1 });
    const phone = phones[0]!;
    const unknown = () => phone.answer("no-such-prompt", { type: "pass" });
    // A prompt of the plan, not open: prompt-not-open. One the plan doesn't have: not-found.
    expect(await phone.answer("small-ask", { type: "pass" })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(await unknown()).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect((await emit(facilitator, "run:pause", { paused: true })).ok).toBe(true);
    expect(await unknown()).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect((await emit(facilitator, "run:pause", { paused: false })).ok).toBe(true);
    await goToPrompt(facilitator, state, "small-ask");
    expect((await emit(facilitator, "prompt:open", { promptId: "small-ask" })).ok).toBe(true);
    expect(await unknown()).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(query(server.dbFile, "select count(*) as n from responses")).toEqual([{ n: 0 }]);
  });
});
