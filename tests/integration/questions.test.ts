import { performance } from "node:perf_hooks";
import path from "node:path";

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

import type { AudienceQuestions, ConsoleQuestion, FacilitatorView, ParticipantSnapshot } from "~/realtime/events";
import { MAX_WAITING_QUESTIONS, questionVoteKey } from "~/runs/question-box.server";
import { QUESTIONS_PER_ADDRESS_PER_MINUTE } from "../../server/socket/questions-per-address";
import { responseKey } from "~/runs/secrets.server";

import { runSalt } from "../helpers/backend";
import { signIn } from "../helpers/auth";
import { connectFacilitator, connectParticipant, emit, type TestParticipant, type TestSocket } from "../helpers/clients";
import { execute, query, storedCells, storedText } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { textOf } from "../helpers/page-text";
import { Recorder, releaseClockTick } from "../helpers/record";
import { answerRound, openRoom } from "../helpers/room";
import { startRun, type TestServer } from "../helpers/server";

/**
 * The question box (issue 17 §3, decision 036), driven through the real server with a console, a display and
 * several real phones: nothing shows before approval, a phone's vote counts once, vote counts move only in steps
 * of at least k, "answering now" reaches the display, texts follow open text's retention, and nothing stored links a
 * phone's question, its votes and its answers.
 */
const QUESTION_PLANS = path.resolve("tests/fixtures/question-plans");
const startServer = useTestServers();
const start = (options: { dbFile?: string; env?: Record<string, string> } = {}) => startServer({ plansDir: QUESTION_PLANS, ...options });
/** The slide of the fixture plan with `questions: open`. */
const QUESTIONS_SLIDE = 3;
const DAY = 24 * 60 * 60 * 1000;

const room = (server: TestServer, k: number, phones: number) => openRoom(server, { k, phones, planId: "question-box" });

const ask = (phone: TestParticipant, text: string) => emit(phone.socket, "question:send", { text });
const vote = (phone: TestParticipant, questionId: string) => emit(phone.socket, "question:vote", { questionId });
const setQuestion = (facilitator: TestSocket, questionId: string, action: string) => emit(facilitator, "question:set", { questionId, action });

/** Opens the box for the whole session and waits until the phones would know. */
async function openBox(facilitator: TestSocket) {
  expect(await emit(facilitator, "questions:open", { open: true })).toEqual({ ok: true, data: { open: true } });
}

/** The console's view of the box, asked for now. */
async function consoleQuestions(facilitator: TestSocket) {
  return ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).questions;
}

/** A phone's view of the box, asked for now. */
async function phoneQuestions(phone: TestParticipant): Promise<AudienceQuestions & { voted: string[] }> {
  const snapshot = (await emit(phone.socket, "run:sync", {})).data as ParticipantSnapshot;
  return { ...snapshot.questions, voted: snapshot.votedQuestions };
}

/** Waits until the console has been shown the question with this text (it arrives after the signals' delay, 0 here). */
async function consoleSees(console_: Recorder, text: string): Promise<ConsoleQuestion> {
  const entry = await console_.waitFor(
    (received) => received.event === "facilitator:state" && received.payload.questions.list.some((question: ConsoleQuestion) => question.text === text),
  );
  return entry.payload.questions.list.find((question: ConsoleQuestion) => question.text === text);
}

/** A question asked by `phone`, approved by the console: its id. */
async function approvedQuestion(room: { facilitator: TestSocket; console_: Recorder }, phone: TestParticipant, text: string): Promise<string> {
  const sent = await ask(phone, text);
  expect(sent.ok).toBe(true);
  await consoleSees(room.console_, text);
  expect((await setQuestion(room.facilitator, sent.data.id, "approve")).ok).toBe(true);
  return sent.data.id as string;
}

/**
 * A script from one address: a fresh connection for each question (so no connection's 20 s wait applies), closed at
 * once. Returns each ack, in order.
 */
async function askFromAddress(server: TestServer, code: string, address: string, count: number, label: string) {
  const acks = [];
  for (let i = 0; i < count; i++) {
    const phone = await connectParticipant(server.url, code, { localAddress: address, reconnection: false });
    acks.push(await ask(phone, `${label} ${i + 1}`));
    phone.socket.disconnect();
  }
  return acks;
}

/** Released votes of a question as a phone, the display and the console see them now (after a tick of the release clock). */
async function votesSeen(r: { facilitator: TestSocket; phones: TestParticipant[]; display: TestSocket }, questionId: string) {
  await releaseClockTick();
  const display = ((await emit(r.display, "run:sync", {})).data as ParticipantSnapshot).questions.list.find((q) => q.id === questionId)?.votes;
  const phone = (await phoneQuestions(r.phones[0]!)).list.find((q) => q.id === questionId)?.votes;
  const console = (await consoleQuestions(r.facilitator)).list.find((q) => q.id === questionId)?.votes;
  return { display, phone, console };
}

describe("the question box", () => {
  it("shows a question to nobody but the console until it is approved, never shows a hidden one, and the console sees no sign of who sent it", async () => {
    const server = await start();
    const r = await room(server, 3, 3);
    const [p1, p2] = r.phones as [TestParticipant, TestParticipant];

    // Closed until the console or a slide opens it.
    expect(await ask(p1, "Too early?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    await openBox(r.facilitator);
    const opened = await r.audience.waitFor((entry) => entry.from === "phone 1" && entry.event === "audience:state" && entry.payload.questions.open);
    expect(opened.payload.questions).toEqual({ open: true, list: [], answering: null });

    // Normalised like open text: spaces collapsed, trimmed.
    const sent = await ask(p1, "  What if   asking\tfeels like   failing? ");
    expect(sent).toEqual({ ok: true, data: { id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), text: "What if asking feels like failing?" } });
    const hiddenOne = await ask(p2, "Is Sam from the garage here?");
    expect(hiddenOne.ok).toBe(true);
    const seen = await consoleSees(r.console_, "What if asking feels like failing?");
    // Exactly these fields: no key, device, order or time.
    expect(seen).toEqual({ id: sent.data.id, text: "What if asking feels like failing?", votes: 0, state: "pending" });
    await consoleSees(r.console_, "Is Sam from the garage here?");

    // Waiting: no display or phone has the text, in any event or reply.
    await r.audience.settle();
    expect(r.audience.json()).not.toContain("asking feels like failing");
    expect(r.audience.json()).not.toContain("Sam from the garage");

    expect(await setQuestion(r.facilitator, hiddenOne.data.id, "hide")).toEqual({ ok: true, data: { questionId: hiddenOne.data.id, state: "hidden" } });
    expect(await setQuestion(r.facilitator, sent.data.id, "approve")).toEqual({ ok: true, data: { questionId: sent.data.id, state: "approved" } });
    const shown = await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.questions.list.length > 0);
    expect(shown.payload.questions.list).toEqual([{ id: sent.data.id, text: "What if asking feels like failing?", votes: 0, state: "approved" }]);
    // The phone that asked gets the very same list as the others: nothing marks it as its own.
    const synced = r.audience.mark();
    await r.audience.settle();
    const replies = r.audience.from().slice(synced).filter((entry) => entry.event === "run:sync");
    const lists = replies.map((entry) => JSON.stringify(entry.payload.questions));
    expect(new Set(lists).size).toBe(1);
    expect(r.audience.json()).not.toContain("Sam from the garage");

    // Put back in the queue: gone from every screen again.
    expect((await setQuestion(r.facilitator, sent.data.id, "reset")).ok).toBe(true);
    expect((await phoneQuestions(p2)).list).toEqual([]);
  });

  it("brings a question to the console only after a random delay of at least a quarter of SIGNAL_DELAY_SECONDS, like a signal, and to nobody else", async () => {
    const server = await start({ env: { SIGNAL_DELAY_SECONDS: "2" } });
    const r = await room(server, 3, 1);
    await openBox(r.facilitator);
    const sentAt = performance.now();
    expect((await ask(r.phones[0]!, "Not at once, please?")).ok).toBe(true);
    // Asked straight away, the console doesn't have it yet.
    expect((await consoleQuestions(r.facilitator)).list).toEqual([]);
    await consoleSees(r.console_, "Not at once, please?");
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(500);
    await r.audience.settle();
    expect(r.audience.json()).not.toContain("Not at once");
  });

  it("brings a question still on its way when the server stopped to the console once it is back, after a fresh delay: none stays hidden for good", async () => {
    // A delay long enough that the question is still on its way when the server stops.
    const first = await start({ env: { SIGNAL_DELAY_SECONDS: "120" } });
    const { code, cookie } = await startRun(first, "question-box", 3);
    const { socket: facilitator } = await connectFacilitator(first.url, code, cookie);
    await openBox(facilitator);
    const phone = await connectParticipant(first.url, code);
    const sent = await ask(phone, "Is anyone else nervous?");
    expect(sent.ok).toBe(true);
    expect((await consoleQuestions(facilitator)).list).toEqual([]);
    await first.stop();
    // Kept as on its way (a flag, no time), and nothing else of it.
    expect(query(first.dbFile, "select question_id from questions where arriving")).toEqual([{ question_id: sent.data.id }]);

    const second = await start({ dbFile: first.dbFile, env: { SIGNAL_DELAY_SECONDS: "2" } });
    const console_ = new Recorder();
    await connectFacilitator(second.url, code, cookie, { onSocket: console_.attach("console") });
    expect(await consoleSees(console_, "Is anyone else nervous?")).toMatchObject({ id: sent.data.id, state: "pending" });
    expect(query(second.dbFile, "select question_id from questions where arriving")).toEqual([]);
  });

  it("counts each phone's vote once, and moves the counts every screen sees only when at least k more votes came in", async () => {
    const server = await start();
    const r = await room(server, 3, 6);
    const phones = r.phones;
    await openBox(r.facilitator);
    const id = await approvedQuestion(r, phones[0]!, "How do I start asking for small things?");

    for (const phone of phones.slice(0, 2)) expect(await vote(phone, id)).toEqual({ ok: true, data: { questionId: id, voted: true } });
    // A second vote from the same phone is acknowledged and changes nothing, over a new connection too.
    expect((await vote(phones[1]!, id)).ok).toBe(true);
    const again = await connectParticipant(server.url, r.code, { device: phones[1]!.device });
    expect((await vote(again, id)).ok).toBe(true);
    expect(query(server.dbFile, "select count(*) as n from question_votes")).toEqual([{ n: 2 }]);
    // Two votes are fewer than k: every screen still sees 0.
    expect(await votesSeen(r, id)).toEqual({ display: 0, phone: 0, console: 0 });

    const third = r.audience.mark();
    expect((await vote(phones[2]!, id)).ok).toBe(true);
    const released = await r.audience.waitFor((entry) => entry.event === "audience:live" && entry.payload.questions.list[0]?.votes === 3, third);
    expect(released.payload.questions.list[0]).toMatchObject({ id, votes: 3 });
    expect(await votesSeen(r, id)).toEqual({ display: 3, phone: 3, console: 3 });

    // Two more (and a repeat) are fewer than k since the last release: nothing moves, for anyone.
    const quiet = r.audience.mark();
    for (const phone of [phones[3]!, phones[4]!, phones[0]!]) expect((await vote(phone, id)).ok).toBe(true);
    expect(await votesSeen(r, id)).toEqual({ display: 3, phone: 3, console: 3 });
    expect(r.audience.from().slice(quiet).filter((entry) => entry.event === "audience:live")).toEqual([]);
    // The sixth phone makes three since the release: all six show.
    expect((await vote(phones[5]!, id)).ok).toBe(true);
    expect(await votesSeen(r, id)).toEqual({ display: 6, phone: 6, console: 6 });
    expect(query(server.dbFile, "select released_votes as n from questions where question_id = ?", id)).toEqual([{ n: 6 }]);

    // Each phone is told which questions it voted for, and only its own.
    const fresh = await connectParticipant(server.url, r.code);
    expect((await phoneQuestions(fresh)).voted).toEqual([]);
    expect((await phoneQuestions(phones[1]!)).voted).toEqual([id]);
    // Even when it reconnects while the box is closed: it still knows its vote when a box opens again.
    expect(await emit(r.facilitator, "questions:open", { open: false })).toEqual({ ok: true, data: { open: false } });
    const back = await connectParticipant(server.url, r.code, { device: phones[1]!.device });
    expect(await phoneQuestions(back)).toEqual({ open: false, list: [], answering: null, voted: [id] });
  });

  it("tells no screen of a vote, the console included, and moves a count a random delay of at least a quarter of SIGNAL_DELAY_SECONDS after the vote that completes its step of k, never at the answers' release clock", async () => {
    const server = await start({ env: { SIGNAL_DELAY_SECONDS: "2" } });
    const r = await room(server, 3, 3);
    const [p1, p2, p3] = r.phones as [TestParticipant, TestParticipant, TestParticipant];
    await openBox(r.facilitator);
    const id = await approvedQuestion(r, p1, "Is it all right to leave early?");
    await r.audience.settle();
    await r.console_.settle();
    const quiet = { console: r.console_.mark(), audience: r.audience.mark() };
    for (const phone of [p1, p2]) expect((await vote(phone, id)).ok).toBe(true);
    // Nothing reaches anyone: waited out for longer than the longest delay of the vote release check (2 s), which is
    // also twenty ticks of the answers' release clock (0.1 s) and of the console's tally interval.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(r.console_.from().slice(quiet.console)).toEqual([]);
    expect(r.audience.from().slice(quiet.audience)).toEqual([]);

    // The vote that makes k: the count moves at least half a second later (a quarter of 2 s), though a phone coming
    // and going runs the answers' release clock meanwhile.
    const step = r.audience.mark();
    const sentAt = performance.now();
    expect((await vote(p3, id)).ok).toBe(true);
    const passer = await connectParticipant(server.url, r.code);
    passer.socket.disconnect();
    await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:live" && entry.payload.questions.list[0]?.votes === 3, step);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(500);
    expect(r.audience.from().slice(step).filter((entry) => entry.event === "audience:live" && entry.payload.questions.list[0]?.votes !== 3)).toEqual([]);
    expect((await consoleQuestions(r.facilitator)).list[0]).toMatchObject({ id, votes: 3 });
    expect(server.errors()).toEqual([]);
  });

  it("orders the console's approved questions by released votes, marks one answering now on the display, then answered, and only an approved one", async () => {
    const server = await start();
    const r = await room(server, 3, 4);
    const [p1, p2, p3] = r.phones as [TestParticipant, TestParticipant, TestParticipant];
    await openBox(r.facilitator);
    const first = await approvedQuestion(r, p1, "Why is asking so hard?");
    const second = await approvedQuestion(r, p2, "Can we talk about family?");
    for (const phone of r.phones.slice(0, 3)) expect((await vote(phone, second)).ok).toBe(true);
    await releaseClockTick();
    const approved = (await consoleQuestions(r.facilitator)).list.filter((q) => q.state === "approved").map((q) => q.id);
    expect(approved).toEqual([second, first]);

    const waiting = await ask(p3, "Still waiting?");
    await consoleSees(r.console_, "Still waiting?");
    expect(await setQuestion(r.facilitator, waiting.data.id, "answering")).toMatchObject({ ok: false, error: { code: "invalid-payload" } });

    const since = r.audience.mark();
    expect(await setQuestion(r.facilitator, first, "answering")).toEqual({ ok: true, data: { questionId: first, state: "answering" } });
    const onDisplay = await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state", since);
    expect(onDisplay.payload.questions.answering).toEqual({ id: first, text: "Why is asking so hard?", votes: 0, state: "answering" });
    // One at a time: the next one takes its place, and the first goes back among the approved.
    expect((await setQuestion(r.facilitator, second, "answering")).ok).toBe(true);
    const list = (await consoleQuestions(r.facilitator)).list;
    expect(list.find((q) => q.id === first)?.state).toBe("approved");
    expect(list.find((q) => q.id === second)?.state).toBe("answering");
    // Answered: off the display, still listed on phones as answered.
    const later = r.audience.mark();
    expect(await setQuestion(r.facilitator, second, "answered")).toEqual({ ok: true, data: { questionId: second, state: "answered" } });
    const after = await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state", later);
    expect(after.payload.questions.answering).toBeNull();
    expect((await phoneQuestions(p1)).list.find((q) => q.id === second)?.state).toBe("answered");
    // The display is told which question is being answered even once the box closes.
    expect((await setQuestion(r.facilitator, first, "answering")).ok).toBe(true);
    expect(await emit(r.facilitator, "questions:open", { open: false })).toEqual({ ok: true, data: { open: false } });
    const closed = (await emit(r.display, "run:sync", {})).data as ParticipantSnapshot;
    expect(closed.questions).toMatchObject({ open: false, list: [], answering: { id: first } });
  });

  it("opens the box on a slide with questions: open and closes it as the slide changes, while the console's switch keeps it open all session, across a reconnect", async () => {
    const server = await start();
    // The library's preview says so, on that slide.
    const preview = await fetch(`${server.url}/library/question-box`, { headers: { Cookie: await signIn(server, "facilitator") } });
    expect(textOf(await preview.text())).toContain("Question box open on this slide: phones can send questions to the facilitator");
    const r = await room(server, 3, 2);
    const [p1] = r.phones as [TestParticipant];
    expect((await consoleQuestions(r.facilitator))).toMatchObject({ open: false, sessionLong: false });
    expect(r.state.slides[QUESTIONS_SLIDE]).toMatchObject({ title: "Your questions", questions: "open" });

    expect((await emit(r.facilitator, "slide:go", { index: QUESTIONS_SLIDE })).ok).toBe(true);
    expect((await phoneQuestions(p1)).open).toBe(true);
    expect((await ask(p1, "On the slide?")).ok).toBe(true);
    expect((await emit(r.facilitator, "slide:go", { index: QUESTIONS_SLIDE + 1 })).ok).toBe(true);
    expect((await phoneQuestions(p1)).open).toBe(false);
    expect(await ask(r.phones[1]!, "After the slide?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    // The console's switch: open on every slide, kept in the run's state, so a console that reconnects finds it on.
    await openBox(r.facilitator);
    expect((await phoneQuestions(p1)).open).toBe(true);
    r.facilitator.disconnect();
    const since = r.console_.mark();
    r.facilitator.connect();
    const back = await r.console_.waitFor((entry) => entry.event === "facilitator:state", since);
    expect(back.payload.questions).toMatchObject({ open: true, sessionLong: true });
    expect((await emit(r.facilitator, "slide:go", { index: 0 })).ok).toBe(true);
    // (Another phone: a connection sends one question every QUESTION_REPEAT_MS.)
    expect((await ask(r.phones[1]!, "Anywhere now?")).ok).toBe(true);
    expect(await emit(r.facilitator, "questions:open", { open: false })).toEqual({ ok: true, data: { open: false } });
    expect(await ask(await connectParticipant(server.url, r.code), "And now?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(query(server.dbFile, "select count(*) as n from questions")).toEqual([{ n: 2 }]);
  });

  it("closes the box from the console even on a slide with questions: open, keeps it closed across a console's reconnect, and opens it again on request or on the next slide that opens it", async () => {
    const server = await start();
    const r = await room(server, 3, 4);
    const [p1, p2, p3, p4] = r.phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    expect((await emit(r.facilitator, "slide:go", { index: QUESTIONS_SLIDE })).ok).toBe(true);
    expect(await consoleQuestions(r.facilitator)).toMatchObject({ open: true, sessionLong: false, closedHere: false, slideOpens: true });

    // Closed on the box slide: phones are refused, and every screen is told.
    const since = r.audience.mark();
    expect(await emit(r.facilitator, "questions:open", { open: false, slide: true })).toEqual({ ok: true, data: { open: false } });
    await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && !entry.payload.questions.open, since);
    expect(await ask(p1, "Still open?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    // Kept in the run's state: a console that reconnects finds it closed, not opened again by the slide.
    r.facilitator.disconnect();
    const back = r.console_.mark();
    r.facilitator.connect();
    const synced = await r.console_.waitFor((entry) => entry.event === "facilitator:state", back);
    expect(synced.payload.questions).toMatchObject({ open: false, sessionLong: false, closedHere: true, slideOpens: true });
    expect(query(server.dbFile, "select questions_closed_here as closed from runs")).toEqual([{ closed: 1 }]);

    // Opened again on the slide, by the console.
    expect(await emit(r.facilitator, "questions:open", { open: true, slide: true })).toEqual({ ok: true, data: { open: true } });
    expect(await consoleQuestions(r.facilitator)).toMatchObject({ open: true, sessionLong: false, closedHere: false });
    expect((await ask(p1, "Open again?")).ok).toBe(true);

    // Open all session, then closed here: closing ends "all session" too, so the box is closed, as the console asked.
    await openBox(r.facilitator);
    expect((await emit(r.facilitator, "questions:open", { open: false, slide: true })).ok).toBe(true);
    expect(await consoleQuestions(r.facilitator)).toMatchObject({ open: false, sessionLong: false, closedHere: true });
    expect(await ask(p2, "Closed for good?")).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    // The next slide doesn't open the box; "open again on this slide" is refused there with a clear message.
    expect((await emit(r.facilitator, "slide:go", { index: QUESTIONS_SLIDE + 1 })).ok).toBe(true);
    expect(await emit(r.facilitator, "questions:open", { open: true, slide: true })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload", reason: "questions.slideHasNoBox" },
    });
    // Back on a slide that opens the box: it is open again.
    expect((await emit(r.facilitator, "slide:go", { index: QUESTIONS_SLIDE })).ok).toBe(true);
    expect(await consoleQuestions(r.facilitator)).toMatchObject({ open: true, closedHere: false });
    expect((await ask(p3, "On the slide again?")).ok).toBe(true);
    // Bad input is refused and changes nothing.
    expect(await emit(r.facilitator, "questions:open", { open: false, slide: "yes" })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect((await phoneQuestions(p4)).open).toBe(true);
  });

  it("a script reconnecting from one address gets QUESTIONS_PER_ADDRESS_PER_MINUTE questions in, no more, while another address still can; the console hides all waiting in one action", async () => {
    const server = await start();
    const r = await room(server, 3, 1);
    await openBox(r.facilitator);
    const script = await askFromAddress(server, r.code, "127.0.0.21", QUESTIONS_PER_ADDRESS_PER_MINUTE + 1, "flood");
    expect(script.slice(0, -1).every((ack) => ack.ok)).toBe(true);
    expect(script.at(-1)).toEqual({
      ok: false,
      error: { code: "too-many", reason: "questions.manyFromHere" },
    });
    expect(query(server.dbFile, "select count(*) as n from questions")).toEqual([{ n: QUESTIONS_PER_ADDRESS_PER_MINUTE }]);
    // Someone on another network is not held back by it.
    const [other] = await askFromAddress(server, r.code, "127.0.0.22", 1, "a real question");
    expect(other!.ok).toBe(true);

    // One action hides every question the console has been shown, and nobody else hears of any of them.
    await consoleSees(r.console_, "a real question 1");
    await consoleSees(r.console_, `flood ${QUESTIONS_PER_ADDRESS_PER_MINUTE}`);
    expect(await emit(r.facilitator, "questions:hide-waiting", {})).toEqual({ ok: true, data: { hidden: QUESTIONS_PER_ADDRESS_PER_MINUTE + 1 } });
    const list = (await consoleQuestions(r.facilitator)).list;
    expect(list.filter((question) => question.state === "pending")).toEqual([]);
    expect(list.filter((question) => question.state === "hidden")).toHaveLength(QUESTIONS_PER_ADDRESS_PER_MINUTE + 1);
    // Only the console may, and only with an empty payload.
    expect(await emit(r.phones[0]!.socket, "questions:hide-waiting", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await emit(r.facilitator, "questions:hide-waiting", { all: true })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    await r.audience.settle();
    expect(r.audience.json()).not.toContain("flood");
  });

  it("never puts more than MAX_WAITING_QUESTIONS questions in the queue, not even when the console puts a hidden one back", async () => {
    const server = await start();
    const r = await room(server, 3, 1);
    await openBox(r.facilitator);
    // Enough addresses for a full queue, and one more question to hide first.
    const addresses = Math.ceil((MAX_WAITING_QUESTIONS + 1) / QUESTIONS_PER_ADDRESS_PER_MINUTE);
    const [extra] = await askFromAddress(server, r.code, "127.0.0.30", 1, "hide me");
    await consoleSees(r.console_, "hide me 1");
    expect((await setQuestion(r.facilitator, extra!.data.id, "hide")).ok).toBe(true);
    for (let a = 0; a < addresses; a++) {
      const left = MAX_WAITING_QUESTIONS - a * QUESTIONS_PER_ADDRESS_PER_MINUTE;
      const acks = await askFromAddress(server, r.code, `127.0.0.${31 + a}`, Math.min(QUESTIONS_PER_ADDRESS_PER_MINUTE, left + 1), `from ${a}:`);
      if (left + 1 <= QUESTIONS_PER_ADDRESS_PER_MINUTE) expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: "too-many" } });
    }
    const waiting = () => query(server.dbFile, "select count(*) as n from questions where state = 'pending'");
    expect(waiting()).toEqual([{ n: MAX_WAITING_QUESTIONS }]);
    // The queue is full: the hidden one stays hidden, with a message saying why.
    expect(await setQuestion(r.facilitator, extra!.data.id, "reset")).toEqual({
      ok: false,
      error: { code: "too-many", reason: "questions.queueFullHere", params: { max: MAX_WAITING_QUESTIONS } },
    });
    expect(waiting()).toEqual([{ n: MAX_WAITING_QUESTIONS }]);
  });

  it("ends \"answering now\" when the slide changes: the question goes back to approved, still listed by votes on the console, and the display's view no longer carries it", async () => {
    const server = await start();
    const r = await room(server, 3, 3);
    await openBox(r.facilitator);
    const id = await approvedQuestion(r, r.phones[0]!, "Is it fine to need people?");
    for (const phone of r.phones) expect((await vote(phone, id)).ok).toBe(true);
    await releaseClockTick();
    expect((await setQuestion(r.facilitator, id, "answering")).ok).toBe(true);
    expect(((await emit(r.display, "run:sync", {})).data as ParticipantSnapshot).questions.answering).toMatchObject({ id });

    const since = r.audience.mark();
    expect((await emit(r.facilitator, "slide:go", { index: 1 })).ok).toBe(true);
    const moved = await r.audience.waitFor((entry) => entry.from === "display" && entry.event === "audience:state" && entry.payload.slide.index === 1, since);
    expect(moved.payload.questions.answering).toBeNull();
    expect(((await emit(r.display, "run:sync", {})).data as ParticipantSnapshot).questions.answering).toBeNull();
    const listed = (await consoleQuestions(r.facilitator)).list.find((question) => question.id === id);
    expect(listed).toEqual({ id, text: "Is it fine to need people?", votes: 3, state: "approved" });
    expect((await phoneQuestions(r.phones[1]!)).list).toEqual([{ id, text: "Is it fine to need people?", votes: 3, state: "approved" }]);
  });

  it("deletes the text of questions never approved when the run ends, and every question's text with open text's at the retention purge, keeping the rows and votes as counts, in the rows and the database files", async () => {
    const first = await start();
    const r = await room(first, 3, 3);
    const [p1, p2, p3] = r.phones as [TestParticipant, TestParticipant, TestParticipant];
    const texts = { approved: "kept question: how do I say no kindly", pending: "waiting question: is it normal to cry", hidden: "hidden question: my neighbour Ruth", answer: "open text: let my sister cook once" };
    await answerRound(r, "small-ask", [{ type: "open-text", text: texts.answer }, { type: "open-text", text: "ask for a lift" }, { type: "open-text", text: "ask for a hand" }]);
    expect((await emit(r.facilitator, "moderation:set", { promptId: "small-ask", text: texts.answer, action: "approve" })).ok).toBe(true);
    await openBox(r.facilitator);
    const approved = await approvedQuestion(r, p1, texts.approved);
    for (const phone of r.phones) expect((await vote(phone, approved)).ok).toBe(true);
    expect((await ask(p2, texts.pending)).ok).toBe(true);
    const hidden = await ask(p3, texts.hidden);
    await consoleSees(r.console_, texts.hidden);
    expect((await setQuestion(r.facilitator, hidden.data.id, "hide")).ok).toBe(true);
    await releaseClockTick();

    expect((await emit(r.facilitator, "run:end", {})).ok).toBe(true);
    const ended = query<{ text: string | null; state: string; released_votes: number }>(first.dbFile, "select text, state, released_votes from questions order by state");
    expect(ended).toEqual([
      { text: texts.approved, state: "approved", released_votes: 3 },
      { text: null, state: "hidden", released_votes: 0 },
      { text: null, state: "pending", released_votes: 0 },
    ]);
    const bytes = storedText(first.dbFile);
    expect(bytes).toContain(texts.approved);
    expect(bytes).not.toContain(texts.pending);
    expect(bytes).not.toContain(texts.hidden);

    // The run's report lists the approved question with its released votes; the CSV counts approved questions, never their text.
    const get = async (server: TestServer, page: string) => (await fetch(`${server.url}${page}`, { headers: { Cookie: await signIn(server, "organiser") } })).text();
    const reportOf = async (server: TestServer) => textOf(await get(server, `/runs/${r.runId}`));
    const report = await reportOf(first);
    expect(report).toContain(`Questions from the room The questions the facilitator approved, most votes first.`);
    expect(report).toContain(`${texts.approved} · 3 votes`);
    expect(report).not.toContain(texts.pending);
    expect(report).not.toContain(texts.hidden);
    const csvOf = (server: TestServer) => get(server, `/runs/${r.runId}/export.csv`);
    const csv = await csvOf(first);
    expect((parse(csv) as string[][]).filter((row) => row[4] === "questions").map((row) => row.slice(3))).toEqual([
      ["", "questions", "Questions from the room: how many were approved", "", "1", "", "", "shown"],
    ]);
    expect(csv).not.toContain("kept question");
    await first.stop();

    // Thirty-one days on, the server starts again on the same file: the purge deletes every question's text with the free text.
    expect(execute(first.dbFile, "update runs set ended_at = ? where id = ?", new Date(Date.now() - 31 * DAY), r.runId)).toBe(1);
    const second = await start({ dbFile: first.dbFile });
    expect(query(second.dbFile, "select text from questions where text is not null")).toEqual([]);
    expect(query(second.dbFile, "select count(*) as n from questions")).toEqual([{ n: 3 }]);
    expect(query(second.dbFile, "select count(*) as n from question_votes")).toEqual([{ n: 3 }]);
    const purged = storedText(second.dbFile);
    expect(purged).not.toContain(texts.approved);
    expect(purged).not.toContain(texts.answer);
    // The report says the approved question's text was deleted; the CSV still counts it.
    const afterPurge = await reportOf(second);
    expect(afterPurge).toContain("Questions from the room 1 question was approved; their text was deleted after the retention period.");
    expect(afterPurge).not.toContain("kept question");
    expect(await csvOf(second)).toContain("Questions from the room: how many were approved,,1,,,shown");
  });

  it("stores nothing that links a phone's question, its votes and its answers, and no device secret, address or user agent, in any column of any table", async () => {
    const ADDRESS = "127.0.0.77";
    const USER_AGENT = "Mozilla/5.0 (BesideQuestionProbe; Phone 9000)";
    const server = await start();
    const { code, cookie } = await startRun(server, "question-box", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phones: TestParticipant[] = [];
    for (let i = 0; i < 4; i++) {
      phones.push(await connectParticipant(server.url, code, { localAddress: ADDRESS, headers: { "User-Agent": USER_AGENT, "X-Forwarded-For": ADDRESS } }));
    }
    // Every phone answers both prompts (no passes, every answer its own), asks one question and votes for every question, its own too.
    await answerRound({ facilitator, state, phones }, "check-in", phones.map((_, i) => ({ type: "scale", value: i + 1 })));
    await answerRound({ facilitator, state, phones }, "small-ask", phones.map((_, i) => ({ type: "open-text", text: `small ask number ${i + 1}` })));
    expect((await emit(facilitator, "questions:open", { open: true })).ok).toBe(true);
    const asked: string[] = [];
    for (const [i, phone] of phones.entries()) {
      const sent = await ask(phone, `question number ${i + 1}`);
      expect(sent.ok).toBe(true);
      asked.push(sent.data.id);
    }
    await releaseClockTick();
    for (const id of asked) expect((await setQuestion(facilitator, id, "approve")).ok).toBe(true);
    for (const phone of phones) for (const id of asked) expect((await vote(phone, id)).ok).toBe(true);
    await releaseClockTick();

    // What belongs to whom, worked out with what only the phones and the live run hold: their secrets and the key.
    const salt = query<{ salt: string }>(server.dbFile, `select ${runSalt} as salt from runs`)[0]!.salt;
    const owners = phones.map((phone, i) => ({
      answer: new Set(["check-in", "small-ask"].map((promptId) => responseKey(salt, phone.device, promptId))),
      vote: new Set(asked.map((id) => questionVoteKey(salt, phone.device, id))),
      question: asked[i]!,
    }));
    // Each phone's keys are all different: votes link neither to each other nor to answers.
    for (const owner of owners) expect(new Set([...owner.answer, ...owner.vote]).size).toBe(2 + asked.length);
    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);

    const cells = storedCells(server.dbFile);
    expect(cells.filter((cell) => cell.table === "question_votes")).toHaveLength(3 * 16);
    /** The phone and thing (answer, vote, question) a stored row belongs to, if any. */
    const rowOwner = (table: string, row: number): { phone: number; thing: string } | undefined => {
      const value = (column: string) => cells.find((cell) => cell.table === table && cell.row === row && cell.column === column)?.value;
      const phone = owners.findIndex((owner) =>
        table === "responses" ? owner.answer.has(value("response_key") as string)
        : table === "question_votes" ? owner.vote.has(value("vote_key") as string)
        : table === "questions" ? owner.question === value("question_id")
        : false,
      );
      return phone < 0 ? undefined : { phone, thing: table };
    };
    const byValue = new Map<string, Array<{ phone: number; thing: string; row: string }>>();
    for (const cell of cells) {
      if (cell.value === null) continue;
      const owner = rowOwner(cell.table, cell.row);
      if (!owner) continue;
      const key = String(cell.value);
      byValue.set(key, [...(byValue.get(key) ?? []), { ...owner, row: `${cell.table}#${cell.row}` }]);
    }
    // Every phone owns rows of all three things: the check can see what it looks for.
    for (const phone of owners.keys()) {
      expect(new Set([...byValue.values()].flat().filter((o) => o.phone === phone).map((o) => o.thing))).toEqual(new Set(["responses", "question_votes", "questions"]));
    }
    // A value that only one phone's rows hold, in two of its rows, would link them (its question and a vote, two votes,
    // a vote and an answer...). Values every phone's rows hold (the run's id, a prompt's id, a question everyone voted for) link nobody.
    const linking = [...byValue.entries()].filter(([, holders]) => new Set(holders.map((h) => h.phone)).size === 1 && new Set(holders.map((h) => h.row)).size > 1);
    expect(linking).toEqual([]);

    // And no column holds a device secret, the phones' address or their user agent.
    for (const cell of cells) {
      const text = String(cell.value);
      for (const phone of phones) expect(text).not.toContain(phone.device);
      expect(text).not.toContain(ADDRESS);
      expect(text).not.toContain("BesideQuestionProbe");
    }
  });
});
