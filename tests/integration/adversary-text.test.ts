import fs from "node:fs";
import path from "node:path";

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Answer, FacilitatorView, Tally } from "~/realtime/events";

import { signIn } from "../helpers/auth";
import { closeAllClients, connectParticipant, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { fileBytes, query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { lastTally, publicJson, valuesOfKey } from "../helpers/record";
import { openRoom } from "../helpers/room";
import { FIXTURE_PLANS, type TestServer } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

/**
 * Free text and words from someone trying to get past the room's protections:
 * words on a sensitive slide that would name someone on the projector before
 * the facilitator read them, and text the server would acknowledge as one
 * thing and show as another.
 */
const startServer = useTestServers();

/** A word cloud on a slide marked sensitive, then the every-prompt plan beside it. */
const SENSITIVE_PLAN = `---
id: sensitive-words
title: Words on a sensitive slide
summary: A word cloud on a slide marked sensitive, used by the tests.
duration: 10
audience: anyone testing Beside
content-notes:
  - none; this is a test plan
lang: en
---

# Welcome

Glad you're here.

# What weighs on you

\`\`\`slide
sensitive: true
\`\`\`

\`\`\`prompt
id: weighs
type: word-cloud
question: One or two words for what weighs on you
max-words: 2
\`\`\`

# Thank you

Take care.
`;

let plansDir: string;

beforeAll(() => {
  plansDir = fs.mkdtempSync(path.join(FIXTURE_PLANS, "..", ".tmp-plans-"));
  fs.copyFileSync(path.join(FIXTURE_PLANS, "every-prompt.md"), path.join(plansDir, "every-prompt.md"));
  fs.writeFileSync(path.join(plansDir, "sensitive-words.md"), SENSITIVE_PLAN);
});

afterAll(() => fs.rmSync(plansDir, { recursive: true, force: true }));

async function consoleTally(facilitator: Parameters<typeof emit>[0]): Promise<Tally | undefined> {
  const view = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  return view.results?.status === "shown" ? view.results.tally : undefined;
}

const words = (...list: string[]): Answer => ({ type: "word-cloud", words: list });

describe("word-cloud words on a sensitive slide", () => {
  // A name, a word nobody approves, and two the facilitator approves.
  const NAME = "dana at the depot";
  const UNREAD = "tidewater";
  const APPROVED = ["harbour", "ember"];

  it.skipIf(sqliteOnly("adversary-text: word-cloud words", "it reads the SQLite file's bytes"))("reach no display, phone, report or CSV until the facilitator approves them; approved words do, with their counts, and the rest are deleted when the run ends", async () => {
    const server: TestServer = await startServer({ plansDir });
    const { runId, code, facilitator, state, phones, audience } = await openRoom(server, { k: 3, phones: 5, planId: "sensitive-words" });
    await goToPrompt(facilitator, state, "weighs");
    expect((await emit(facilitator, "prompt:open", { promptId: "weighs" })).ok).toBe(true);
    const answers = [words("Dana at the Depot!", "harbour"), words("harbour"), words(UNREAD, "ember"), words("harbour", "ember"), { type: "pass" } as Answer];
    for (const [i, answer] of answers.entries()) expect((await phones[i]!.answer("weighs", answer)).ok).toBe(true);
    // Revealed while open: everything stored is released to every screen at once.
    expect((await emit(facilitator, "prompt:reveal", { promptId: "weighs" })).ok).toBe(true);
    await audience.settle();

    // The room gets the count and no word; the console gets every word, waiting.
    for (const name of ["display", "phone 1", "phone 5"]) expect(lastTally(audience, name)).toEqual({ type: "word-cloud", answers: 4, words: [] });
    expect(await consoleTally(facilitator)).toEqual({
      type: "word-cloud",
      answers: 4,
      words: [
        { word: "harbour", count: 3, pending: true },
        { word: "ember", count: 2, pending: true },
        { word: NAME, count: 1, pending: true },
        { word: UNREAD, count: 1, pending: true },
      ],
    });
    const beforeApproval = publicJson(audience.events);
    for (const word of [NAME, UNREAD, ...APPROVED]) expect(beforeApproval).not.toContain(word);

    // A phone that joins now is sent no word either.
    const late = await connectParticipant(server.url, code, { onSocket: audience.attach("late phone") });
    expect(late.snapshot.results).toEqual({ status: "shown", tally: { type: "word-cloud", answers: 4, words: [] } });

    for (const word of APPROVED) {
      expect(await emit(facilitator, "moderation:set", { promptId: "weighs", text: word, action: "approve" })).toEqual({
        ok: true,
        data: { text: word, moderation: "approved" },
      });
    }
    expect(await emit(facilitator, "moderation:set", { promptId: "weighs", text: NAME, action: "hide" })).toEqual({
      ok: true,
      data: { text: NAME, moderation: "hidden" },
    });
    await audience.settle();
    const approved = { type: "word-cloud", answers: 4, words: [{ word: "harbour", count: 3 }, { word: "ember", count: 2 }] };
    for (const name of ["display", "phone 1", "phone 5", "late phone"]) expect(lastTally(audience, name)).toEqual(approved);

    // Put back to the queue, an approved word leaves the room's screens again.
    const since = audience.mark();
    expect(await emit(facilitator, "moderation:set", { promptId: "weighs", text: "ember", action: "reset" })).toEqual({
      ok: true,
      data: { text: "ember", moderation: "pending" },
    });
    await audience.settle();
    expect(lastTally(audience, "display")).toEqual({ type: "word-cloud", answers: 4, words: [{ word: "harbour", count: 3 }] });
    expect(publicJson(audience.events.slice(since))).not.toContain("ember");
    expect((await emit(facilitator, "moderation:set", { promptId: "weighs", text: "ember", action: "approve" })).ok).toBe(true);

    expect((await emit(facilitator, "prompt:close", { promptId: "weighs" })).ok).toBe(true);
    await audience.settle();
    expect(lastTally(audience, "display")).toEqual(approved);
    // Over the whole run, no display or phone was sent the hidden or the unread word, nor any word's state.
    const everything = publicJson(audience.events);
    expect(everything).not.toContain(NAME);
    expect(everything).not.toContain(UNREAD);
    expect(valuesOfKey(audience.events, "pending")).toEqual([]);
    expect(valuesOfKey(audience.events, "hidden")).toEqual([]);

    // When the run ends, every word never approved is deleted, rows and files; every response stays.
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    closeAllClients();
    const stored = query<{ answer: string }>(server.dbFile, "select answer from responses where run_id = ? and prompt_id = 'weighs'", runId)
      .map((row) => row.answer)
      .sort();
    expect(stored).toEqual(['["ember"]', '["harbour","ember"]', '["harbour"]', '["harbour"]', "[]"]);
    const bytes = fileBytes(server.dbFile);
    expect(bytes).not.toContain(NAME);
    expect(bytes).not.toContain(UNREAD);

    // The organisers' CSV: the approved words with their counts, exactly as the room saw them.
    const organiser = await signIn(server, "organiser");
    const response = await fetch(`${server.url}/runs/${runId}/export.csv`, { headers: { Cookie: organiser } });
    expect(response.status).toBe(200);
    const body = await response.text();
    const rows = (parse(body) as string[][]).filter((row) => row[3] === "weighs").map((row) => row.slice(6));
    expect(rows).toEqual([
      ["harbour", "3", "4", "1", "shown"],
      ["ember", "2", "4", "1", "shown"],
    ]);
    const report = await (await fetch(`${server.url}/runs/${runId}`, { headers: { Cookie: organiser } })).text();
    for (const text of [body, report]) {
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(UNREAD);
    }
    expect(report).toContain("harbour");
  });

  it("refuses to approve a word on a slide that isn't sensitive, where words show unless hidden, and leaves a hidden word out of the CSV", async () => {
    const server = await startServer({ plansDir });
    const { runId, facilitator, state, phones, audience } = await openRoom(server, { k: 3, phones: 3 });
    await goToPrompt(facilitator, state, "strength");
    expect((await emit(facilitator, "prompt:open", { promptId: "strength" })).ok).toBe(true);
    for (const answer of [words("rest"), words("rest"), words("paperclips")]) expect((await phones.shift()!.answer("strength", answer)).ok).toBe(true);
    expect((await emit(facilitator, "prompt:reveal", { promptId: "strength" })).ok).toBe(true);
    await audience.settle();
    const all = [
      { word: "rest", count: 2 },
      { word: "paperclips", count: 1 },
    ];
    expect(lastTally(audience, "display")).toEqual({ type: "word-cloud", answers: 3, words: all });
    expect(await emit(facilitator, "moderation:set", { promptId: "strength", text: "rest", action: "approve" })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });
    expect(query(server.dbFile, "select * from moderations")).toEqual([]);
    expect((await emit(facilitator, "moderation:set", { promptId: "strength", text: "paperclips", action: "hide" })).ok).toBe(true);
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    closeAllClients();

    const organiser = await signIn(server, "organiser");
    const body = await (await fetch(`${server.url}/runs/${runId}/export.csv`, { headers: { Cookie: organiser } })).text();
    expect((parse(body) as string[][]).filter((row) => row[3] === "strength").map((row) => row.slice(6))).toEqual([["rest", "2", "3", "0", "shown"]]);
    expect(body).not.toContain("paperclips");
  });
});

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
        error: { code: "invalid-answer", reason: "answers.unreadable" },
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
