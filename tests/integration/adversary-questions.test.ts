import path from "node:path";

import { describe, expect, it } from "vitest";

import type { FacilitatorView, ParticipantSnapshot } from "~/realtime/events";
import { MAX_WAITING_QUESTIONS } from "~/runs/question-box.server";
import { MAX_QUESTION_LENGTH } from "~/domain/rules";

import { QUESTION_REPEAT_MS } from "../../server/socket/handlers";
import { QUESTIONS_PER_ADDRESS_PER_MINUTE } from "../../server/socket/questions-per-address";
import { connectParticipant, emit, type TestParticipant } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { releaseClockTick } from "../helpers/record";
import { openRoom } from "../helpers/room";

/**
 * A scripted phone against the question box: it tries to vote twice, to vote on a question the facilitator hasn't
 * approved (to learn that it exists, or to push it), to send while the box is closed, and to flood the queue.
 * Each attempt is refused or counts once, and nothing it sends reaches another screen.
 */
const startServer = useTestServers();
const QUESTION_PLANS = path.resolve("tests/fixtures/question-plans");

const ask = (phone: TestParticipant, text: unknown) => emit(phone.socket, "question:send", { text });
const vote = (phone: TestParticipant, questionId: unknown) => emit(phone.socket, "question:vote", { questionId });
const votes = (dbFile: string) => query<{ n: number }>(dbFile, "select count(*) as n from question_votes")[0]!.n;
const stored = (dbFile: string) => query<{ n: number }>(dbFile, "select count(*) as n from questions")[0]!.n;

describe("a scripted phone against the question box", () => {
  it("counts its vote once however often it votes, and gets the same refusal for a waiting, hidden or made-up question as for none", async () => {
    const server = await startServer({ plansDir: QUESTION_PLANS });
    const r = await openRoom(server, { k: 3, phones: 3, planId: "question-box" });
    const [attacker, p2, p3] = r.phones as [TestParticipant, TestParticipant, TestParticipant];
    expect((await emit(r.facilitator, "questions:open", { open: true })).ok).toBe(true);
    const approved = await ask(p2, "How do we end a session well?");
    const waiting = await ask(attacker, "A question of my own");
    const hidden = await ask(p3, "Something to hide");
    await releaseClockTick();
    expect((await emit(r.facilitator, "question:set", { questionId: approved.data.id, action: "approve" })).ok).toBe(true);
    expect((await emit(r.facilitator, "question:set", { questionId: hidden.data.id, action: "hide" })).ok).toBe(true);

    // Twenty votes, over two connections with the same secret: one row.
    for (let i = 0; i < 10; i++) expect((await vote(attacker, approved.data.id)).ok).toBe(true);
    const second = await connectParticipant(server.url, r.code, { device: attacker.device });
    for (let i = 0; i < 10; i++) expect((await vote(second, approved.data.id)).ok).toBe(true);
    expect(votes(server.dbFile)).toBe(1);

    // Its own waiting question (it knows the id from its ack), a hidden one, one nobody sent: one refusal, word for word.
    const madeUp = "A".repeat(22);
    const refusals = await Promise.all([waiting.data.id, hidden.data.id, madeUp].map((id) => vote(attacker, id)));
    for (const refusal of refusals) expect(refusal).toEqual(refusals[2]);
    expect(refusals[2]).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(votes(server.dbFile)).toBe(1);
    // Not an id at all, or an extra field: refused before anything is read.
    expect(await vote(attacker, "../../etc")).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(attacker.socket, "question:vote", { questionId: approved.data.id, weight: 5 })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });

    // Nor can it act as the console, or a display as either.
    for (const [event, payload] of [
      ["question:set", { questionId: hidden.data.id, action: "approve" }],
      ["questions:open", { open: false }],
    ] as const) {
      expect(await emit(attacker.socket, event, payload)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await emit(r.display, event, payload)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await emit(r.display, "question:send", { text: "from the display" })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // What reached the room: only the approved question, its count still 0 (one vote is fewer than k).
    await r.audience.settle();
    const json = r.audience.json();
    expect(json).not.toContain("A question of my own");
    expect(json).not.toContain("Something to hide");
    const view = (await emit(p3.socket, "run:sync", {})).data as ParticipantSnapshot;
    expect(view.questions.list).toEqual([{ id: approved.data.id, text: "How do we end a session well?", votes: 0, state: "approved" }]);
  });

  it("can't make up a step of k around one person's vote with fresh connections: votes over connections made after the approval count in the total once released, never towards the k that releases it", async () => {
    const server = await startServer({ plansDir: QUESTION_PLANS });
    const r = await openRoom(server, { k: 3, phones: 4, planId: "question-box" });
    const [p1, p2, p3, p4] = r.phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    expect((await emit(r.facilitator, "questions:open", { open: true })).ok).toBe(true);
    const asked = await ask(p1, "Could we do this again next month?");
    await r.console_.waitFor((entry) => entry.event === "facilitator:state" && entry.payload.questions.list.length > 0);
    expect((await emit(r.facilitator, "question:set", { questionId: asked.data.id, action: "approve" })).ok).toBe(true);
    const id = asked.data.id as string;
    /** The question's count as the display, a phone and the console see it now. */
    const seen = async () => {
      const display = ((await emit(r.display, "run:sync", {})).data as ParticipantSnapshot).questions.list[0]?.votes;
      const phone = ((await emit(p3.socket, "run:sync", {})).data as ParticipantSnapshot).questions.list[0]?.votes;
      const console = ((await emit(r.facilitator, "run:sync", {})).data as FacilitatorView).questions.list[0]?.votes;
      return { display, phone, console };
    };
    // The script: k - 1 votes from fresh device secrets, right after the approval, then waits for one real vote.
    for (let i = 0; i < 2; i++) expect((await vote(await connectParticipant(server.url, r.code), id)).ok).toBe(true);
    expect((await vote(p1, id)).ok).toBe(true);
    // The vote release check runs 0 ms after a vote on test servers (SIGNAL_DELAY_SECONDS 0): a second is long enough
    // for it, and for ten ticks of the answers' release clock (0.1 s).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await seen()).toEqual({ display: 0, phone: 0, console: 0 });
    // More fakes change nothing; nor does a phone that was here voting over a new connection (its vote is late too).
    for (let i = 0; i < 3; i++) expect((await vote(await connectParticipant(server.url, r.code), id)).ok).toBe(true);
    expect((await vote(await connectParticipant(server.url, r.code, { device: p2.device }), id)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await seen()).toEqual({ display: 0, phone: 0, console: 0 });
    expect(votes(server.dbFile)).toBe(7);

    // k votes from connections made before the approval: everything stored shows, the late votes riding along.
    const since = r.audience.mark();
    for (const phone of [p3, p4]) expect((await vote(phone, id)).ok).toBe(true);
    await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:live" && entry.payload.questions.list[0]?.votes === 9, since);
    expect(await seen()).toEqual({ display: 9, phone: 9, console: 9 });
  });

  it("refuses questions while the box is closed, ones that are empty, too long or hold half a character, and a flood from one connection, one address or many", async () => {
    const server = await startServer({ plansDir: QUESTION_PLANS });
    const r = await openRoom(server, { k: 3, phones: 1, planId: "question-box" });
    const [attacker] = r.phones as [TestParticipant];

    expect(await ask(attacker, "Is anyone reading?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(stored(server.dbFile)).toBe(0);
    expect((await emit(r.facilitator, "questions:open", { open: true })).ok).toBe(true);

    // Bad text: refused, nothing stored, and the connection may still send a good one.
    expect(await ask(attacker, " \n\t ")).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await ask(attacker, "x".repeat(MAX_QUESTION_LENGTH + 1))).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await ask(attacker, "half a \ud83c character")).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await ask(attacker, 42)).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(attacker.socket, "question:send", { text: "hi", author: "me" })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(stored(server.dbFile)).toBe(0);

    // One connection: one question every QUESTION_REPEAT_MS.
    expect((await ask(attacker, "x".repeat(MAX_QUESTION_LENGTH))).ok).toBe(true);
    const again = await ask(attacker, "And another");
    expect(again).toMatchObject({ ok: false, error: { code: "too-many" } });
    expect(again.error).toMatchObject({ reason: "questions.justSent", params: { seconds: expect.any(Number) } });
    expect([Math.ceil(QUESTION_REPEAT_MS / 1000), Math.ceil(QUESTION_REPEAT_MS / 1000) - 1]).toContain((again.error as { params?: { seconds?: number } } | undefined)?.params?.seconds);
    expect(stored(server.dbFile)).toBe(1);

    // One address: a fresh connection has no wait of its own, but the address gets QUESTIONS_PER_ADDRESS_PER_MINUTE a minute.
    const reconnecting = await Promise.all(Array.from({ length: QUESTIONS_PER_ADDRESS_PER_MINUTE }, () => connectParticipant(server.url, r.code)));
    const fromOne = await Promise.all(reconnecting.map((phone, i) => ask(phone, `from one address ${i}`)));
    expect(fromOne.filter((result) => result.ok)).toHaveLength(QUESTIONS_PER_ADDRESS_PER_MINUTE - 1);
    expect(fromOne.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: "too-many" } });
    expect(stored(server.dbFile)).toBe(QUESTIONS_PER_ADDRESS_PER_MINUTE);

    // Many addresses: the queue holds at most MAX_WAITING_QUESTIONS waiting; the rest are refused until the console reads them.
    const addresses = Math.ceil((MAX_WAITING_QUESTIONS + 5) / (QUESTIONS_PER_ADDRESS_PER_MINUTE - 1));
    const flood = await Promise.all(
      Array.from({ length: MAX_WAITING_QUESTIONS + 5 }, (_, i) => connectParticipant(server.url, r.code, { localAddress: `127.0.0.${100 + (i % addresses)}` })),
    );
    const results = await Promise.all(flood.map((phone, i) => ask(phone, `flood ${i}`)));
    expect(results.filter((result) => result.ok)).toHaveLength(MAX_WAITING_QUESTIONS - QUESTIONS_PER_ADDRESS_PER_MINUTE);
    expect(results.filter((result) => !result.ok).map((result) => result.error?.code)).toEqual(Array(5 + QUESTIONS_PER_ADDRESS_PER_MINUTE).fill("too-many"));
    expect(stored(server.dbFile)).toBe(MAX_WAITING_QUESTIONS);
    // Hiding one frees a place.
    await releaseClockTick();
    expect((await emit(r.facilitator, "question:set", { questionId: results.find((result) => result.ok)!.data.id, action: "hide" })).ok).toBe(true);
    const late = results.findIndex((result) => !result.ok);
    expect((await ask(flood[late]!, "now there is room")).ok).toBe(true);
    // None of it reached a display or phone.
    await r.audience.settle();
    expect(r.audience.json()).not.toContain("flood");
  });
});
