import { beforeEach, describe, expect, it } from "vitest";

import type { Answer, AudienceView, FacilitatorView, Results } from "~/realtime/events";

import {
  connectDisplay,
  connectFacilitator,
  connectParticipant,
  connectParticipants,
  connectRefusal,
  emit,
  goToPrompt,
  nextEvent,
  type TestParticipant as Phone,
  type TestSocket,
} from "../helpers/clients";
import { signIn } from "../helpers/auth";
import { publicOrder, query as queryFile } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { startRun, type TestServer } from "../helpers/server";

let server: TestServer;

const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

/** A read-only query on this test's database file. */
const query = <T>(sql: string, ...params: unknown[]): T[] => queryFile<T>(server.dbFile, sql, ...params);

/** Everything the audience (display and phones) has been sent about results. */
function recordResults(sockets: TestSocket[]) {
  const seen: Results[] = [];
  for (const socket of sockets) {
    socket.on("audience:live", ({ results }) => results && seen.push(results));
    socket.on("audience:state", (view: AudienceView) => view.results && seen.push(view.results));
  }
  return seen;
}

describe("a run with a facilitator, a display and six phones", () => {
  it("opens, takes answers, changes and passes, and shows results only from k answers on", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 5);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const { socket: display } = await connectDisplay(server.url, code);
    const phones = await connectParticipants(server.url, code, 6);
    const audience = recordResults([display, ...phones.map((p) => p.socket)]);

    // The console learns how many phones are here, never who.
    await nextEvent(facilitator, "facilitator:tally", (tally) => tally.connected === 6);

    const onCheckIn = nextEvent(phones[0]!.socket, "audience:state", (view) => view.slide.prompt?.id === "check-in");
    await goToPrompt(facilitator, state, "check-in");
    expect((await onCheckIn).slide.prompt).toMatchObject({ type: "scale", phase: "pending", revealed: false });

    // Not open yet: nothing is accepted.
    const early = await phones[0]!.answer("check-in", { type: "scale", value: 3 });
    expect(early).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    const opened = nextEvent(display, "audience:state", (view) => view.slide.prompt?.phase === "open");
    expect(await emit(facilitator, "prompt:open", { promptId: "check-in" })).toEqual({ ok: true, data: { phase: "open", revealed: false } });
    await opened;

    const [p1, p2, p3, p4, p5, p6] = phones as [Phone, Phone, Phone, Phone, Phone, Phone];
    expect(await p1.answer("check-in", { type: "scale", value: 2 })).toMatchObject({ ok: true, data: { answer: { type: "scale", value: 2 } } });
    expect((await p2.answer("check-in", { type: "scale", value: 3 })).ok).toBe(true);
    expect((await p3.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);
    // Three responses under k = 5: the console's count moves only in steps of k while answers are open, so beside
    // the number of phones it never says "all but one have answered".
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).counts).toEqual({ responses: 0, passes: null });
    expect(await p4.answer("check-in", { type: "pass" })).toMatchObject({ ok: true, data: { answer: { type: "pass" } } });
    expect((await p5.answer("check-in", { type: "scale", value: 5 })).ok).toBe(true);
    expect((await p5.answer("check-in", { type: "scale", value: 1 })).ok).toBe(true);

    // While answers come in and the results aren't revealed, the console counts responses in steps of k without
    // telling passes apart, and sees no results at all: nobody does, so no bar can move as a phone taps. It always
    // sees how many phones are connected.
    const whileOpen = await nextEvent(facilitator, "facilitator:tally", (tally) => tally.counts?.responses === 5);
    expect(whileOpen).toEqual({
      promptId: "check-in",
      counts: { responses: 5, passes: null },
      heldBack: 0,
      results: { status: "hidden" },
      comparison: null,
      agreement: null,
      connected: 6,
      displays: 1,
      // No question box has opened: nothing waits, nothing is approved.
      questions: { list: [], open: false, sessionLong: false, closedHere: false, slideOpens: false },
    });

    // "Reveal" on an open prompt leaves it open and releases what is stored. Four answers and a pass are under k:
    // the display is told results are withheld, and not how many answered; the console sees the same release.
    const revealed = nextEvent(display, "audience:state", (view) => view.slide.prompt?.revealed === true);
    expect(await emit(facilitator, "prompt:reveal", { promptId: "check-in" })).toEqual({ ok: true, data: { phase: "open", revealed: true } });
    expect((await revealed).results).toEqual({ status: "withheld", k: 5 });
    const whileRevealed = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(whileRevealed.counts).toEqual({ responses: 5, passes: null });
    expect(whileRevealed.connected).toBe(6);
    expect(whileRevealed.results).toEqual({ status: "withheld", k: 5 });

    // Closed: the console tells passes apart and counts the phones; still under k.
    const closedEarly = nextEvent(display, "audience:state", (view) => view.slide.prompt?.phase === "closed");
    expect(await emit(facilitator, "prompt:close", { promptId: "check-in" })).toEqual({ ok: true, data: { phase: "closed", revealed: true } });
    expect((await closedEarly).results).toEqual({ status: "withheld", k: 5 });
    let console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.counts).toEqual({ responses: 5, passes: 1 });
    expect(console_.connected).toBe(6);
    expect(console_.results).toEqual({ status: "withheld", k: 5 });
    expect(await p6.answer("check-in", { type: "scale", value: 3 })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });

    // Reopened: still revealed (what is stored is released again), and the room still sees only that results are withheld.
    const reopened = nextEvent(display, "audience:state", (view) => view.slide.prompt?.phase === "open");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    expect((await reopened).results).toEqual({ status: "withheld", k: 5 });

    // Nothing but "hidden" or "withheld" ever reached a display or phone until then.
    expect(audience.length).toBeGreaterThan(0);
    expect(audience.every((results) => results.status !== "shown")).toBe(true);
    expect(JSON.stringify(audience)).not.toMatch(/answers|count/);

    // The sixth phone's answer arrives twice (a retry with the same id) and once more with a new id. It makes
    // k answers: the first tally anyone sees, so all five go out together, to the room and the console.
    const shownOnDisplay = nextEvent(display, "audience:live", (live) => live.results?.status === "shown");
    const shownOnPhone = nextEvent(p1.socket, "audience:live", (live) => live.results?.status === "shown");
    const shownOnConsole = nextEvent(facilitator, "facilitator:tally", (tally) => tally.results?.status === "shown");
    const retried = await Promise.all([
      p6.answer("check-in", { type: "scale", value: 3 }, "same-submission-id"),
      p6.answer("check-in", { type: "scale", value: 3 }, "same-submission-id"),
    ]);
    expect(retried.every((ack) => ack.ok)).toBe(true);
    expect((await p6.answer("check-in", { type: "scale", value: 3 })).ok).toBe(true);
    const { results } = await shownOnDisplay;
    expect(results).toEqual({
      status: "shown",
      tally: {
        type: "scale",
        answers: 5,
        min: 1,
        max: 5,
        minLabel: "Running on empty",
        maxLabel: "Full of energy",
        counts: [1, 1, 2, 1, 0],
        median: 3,
      },
    });
    expect((await shownOnPhone).results).toEqual(results);
    expect((await shownOnConsole).results).toEqual(results);

    // Four phones change their answers: fewer than k changes since that release, so no screen moves.
    for (const [phone, value] of [
      [p1, 3],
      [p2, 2],
      [p3, 1],
      [p5, 4],
    ] as const) {
      expect((await phone.answer("check-in", { type: "scale", value })).ok).toBe(true);
    }
    expect((await emit(display, "run:sync", {})).data).toMatchObject({ results });

    // Closed with those four changes after the last release: they are held back, from the console too,
    // which counts every response (six, one pass) without showing the changes.
    const closedShown = nextEvent(display, "audience:state", (view) => view.slide.prompt?.phase === "closed");
    await emit(facilitator, "prompt:close", { promptId: "check-in" });
    expect((await closedShown).results).toEqual(results);
    console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.results).toEqual(results);
    expect(console_.counts).toEqual({ responses: 6, passes: 1 });

    // Stored: one row per device for this prompt, the tally equal to a GROUP BY over them.
    const rows = query<{ passed: number; answer: string }>("select passed, answer from responses where prompt_id = 'check-in'");
    expect(rows).toHaveLength(6);
    const grouped = query<{ value: number; n: number }>(
      "select cast(answer ->> 0 as integer) as value, count(*) as n from responses where prompt_id = 'check-in' and not passed group by 1 order by 1",
    );
    expect(grouped).toEqual([
      { value: 1, n: 1 },
      { value: 2, n: 1 },
      { value: 3, n: 2 },
      { value: 4, n: 1 },
    ]);

    // A phone that reloads gets its own answer back, and only its own.
    const again = await connectParticipant(server.url, code, { device: p5.device });
    expect(again.snapshot.mine).toEqual({ type: "scale", value: 4 });
    expect(again.snapshot.results).toEqual(results);
    const stranger = await connectParticipant(server.url, code);
    expect(stranger.snapshot.mine).toBeNull();

    // Closed: answers and changes are refused.
    expect(await p1.answer("check-in", { type: "scale", value: 5 })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    expect(query("select * from responses where prompt_id = 'check-in'")).toHaveLength(6);
  });

  it("tallies every prompt type, normalising words and keeping text in no telling order", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phones = await connectParticipants(server.url, code, 4);
    const [a, b, c, d] = phones as [Phone, Phone, Phone, Phone];

    const run = async (promptId: string, answers: Parameters<typeof a.answer>[1][]) => {
      await goToPrompt(facilitator, state, promptId);
      await emit(facilitator, "prompt:open", { promptId });
      const acks = await Promise.all(answers.map((answer, i) => phones[i]!.answer(promptId, answer)));
      expect(acks.map((ack) => ack.ok)).toEqual(answers.map(() => true));
      // Closed, so the tally is of every stored answer (not of the batches released while open).
      await emit(facilitator, "prompt:close", { promptId });
      let console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
      // Free text reaches the room only once approved: approve every entry here.
      if (console_.results?.status === "shown" && console_.results.tally.type === "open-text") {
        for (const entry of console_.results.tally.entries) {
          expect(entry.moderation).toBe("pending");
          expect((await emit(facilitator, "moderation:set", { promptId, text: entry.text, action: "approve" })).ok).toBe(true);
        }
        console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
      }
      const onPhone = nextEvent(a.socket, "audience:state", (view) => view.slide.prompt?.revealed === true);
      await emit(facilitator, "prompt:reveal", { promptId });
      const public_ = (await onPhone).results;
      // The console and the room see the same tally once it is revealed (the room without moderation states).
      if (public_?.status === "shown" && public_.tally.type === "open-text" && console_.results?.status === "shown") {
        const approved = console_.results.tally.type === "open-text" ? console_.results.tally.entries.map(({ moderation: _, ...entry }) => entry) : [];
        expect(public_.tally.entries).toEqual(approved);
        return public_;
      }
      expect(public_).toEqual(console_.results);
      return console_.results;
    };

    expect(
      await run("signs", [
        { type: "multiple-choice", options: [0, 2] },
        { type: "multiple-choice", options: [2, 2, 1] },
        { type: "multiple-choice", options: [2] },
        { type: "pass" },
      ]),
    ).toMatchObject({
      status: "shown",
      tally: {
        answers: 3,
        options: [
          { label: "Saying no to help", count: 1 },
          { label: "Doing everything yourself", count: 1 },
          { label: "Feeling guilty when leaning on others", count: 3 },
        ],
      },
    });

    expect(
      await run("belief", [
        { type: "single-choice", option: 1 },
        { type: "single-choice", option: 1 },
        { type: "single-choice", option: 0 },
      ]),
    ).toMatchObject({ tally: { options: [{ count: 1 }, { count: 2 }] } });

    expect(
      await run("strength", [
        { type: "word-cloud", words: ["  Trust ", "asking  for HELP"] },
        { type: "word-cloud", words: ["trust!", "rest"] },
        { type: "word-cloud", words: ["TRUST", "trust"] },
      ]),
    ).toEqual({
      status: "shown",
      tally: {
        type: "word-cloud",
        answers: 3,
        words: [
          { word: "trust", count: 3 },
          { word: "asking for help", count: 1 },
          { word: "rest", count: 1 },
        ],
      },
    });

    expect(
      await run("small-ask", [
        { type: "open-text", text: "Zoe: ask for a lift" },
        { type: "open-text", text: "  ask my sister to call  " },
        { type: "open-text", text: "ask my sister to call" },
        { type: "pass" },
      ]),
    ).toEqual({
      status: "shown",
      tally: {
        type: "open-text",
        answers: 3,
        // Neither arrival order nor the alphabet: ordered by a hash of run, prompt and text.
        entries: publicOrder(query<{ id: string }>("select id from runs")[0]!.id, "small-ask", [
          { text: "ask my sister to call", count: 2 },
          { text: "Zoe: ask for a lift", count: 1 },
        ]),
      },
    });

    // Answers that don't fit the prompt are refused with a reason, and nothing is stored.
    // "small-ask" is opened again, then the facilitator moves on to another question.
    await emit(facilitator, "prompt:open", { promptId: "small-ask" });
    await goToPrompt(facilitator, state, "strength");
    await emit(facilitator, "prompt:open", { promptId: "strength" });
    expect(await d.answer("strength", { type: "word-cloud", words: ["a", "b", "c"] })).toMatchObject({
      ok: false,
      error: { code: "invalid-answer", reason: "answers.tooManyWords", params: { max: 2 } },
    });
    expect(await a.answer("belief", { type: "single-choice", option: 9 })).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await b.answer("signs", { type: "scale", value: 3 })).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await c.answer("small-ask", { type: "open-text", text: "x".repeat(201) })).toMatchObject({
      ok: false,
      error: { code: "invalid-answer" },
    });
    expect(await c.answer("small-ask", { type: "open-text", text: "   " })).toMatchObject({ ok: false, error: { code: "invalid-answer" } });
    expect(await c.answer("no-such-prompt", { type: "pass" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    // "small-ask" is still open, but no longer on screen: only the question on screen takes answers.
    expect(await c.answer("small-ask", { type: "open-text", text: "a late thought" })).toMatchObject({
      ok: false,
      error: { code: "prompt-not-open" },
    });
  });

  it("sends coalesced tallies, not one message per answer", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phones = await connectParticipants(server.url, code, 6);
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });

    let tallies = 0;
    facilitator.on("facilitator:tally", () => tallies++);
    const started = Date.now();
    for (let round = 0; round < 5; round++) {
      await Promise.all(phones.map((phone, i) => phone.answer("check-in", { type: "scale", value: 1 + ((i + round) % 5) })));
    }
    const elapsed = Date.now() - started;
    await nextEvent(facilitator, "facilitator:tally");
    // 30 answers: at most one tally per 100 ms window, plus the one that closes the burst.
    expect(tallies).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(tallies).toBeLessThan(30);
  });

  it("never acknowledges an answer it did not store, when answers race a close or a slide change", async () => {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phones = await connectParticipants(server.url, code, 6);
    const races = [
      { move: "prompt:close", payload: { promptId: "belief" }, promptId: "belief" },
      { move: "slide:go", payload: { index: 0 }, promptId: "signs" },
    ] as const;
    for (const { move, payload, promptId } of races) {
      await goToPrompt(facilitator, state, promptId);
      await emit(facilitator, "prompt:open", { promptId });
      const answer = (i: number): Answer =>
        promptId === "belief" ? { type: "single-choice", option: i % 2 } : { type: "multiple-choice", options: [i % 3] };
      // Every phone answers twice while the facilitator closes the question or moves on, all at once.
      const acks = await Promise.all([
        ...phones.flatMap((phone, i) => [phone.answer(promptId, answer(i)), phone.answer(promptId, answer(i + 1))]),
        emit(facilitator, move, payload),
      ]);
      const answerAcks = acks.slice(0, -1);
      expect(answerAcks.every((ack) => ack.ok || ack.error?.code === "prompt-not-open")).toBe(true);
      const acknowledgedDevices = phones.filter((_, i) => answerAcks[2 * i]!.ok || answerAcks[2 * i + 1]!.ok).length;
      const stored = query<{ n: number }>("select count(*) as n from responses where prompt_id = ?", promptId)[0]!.n;
      expect(stored).toBe(acknowledgedDevices);
      // Nothing more gets in afterwards.
      expect(await phones[0]!.answer(promptId, { type: "pass" })).toMatchObject({ ok: false, error: { code: "prompt-not-open" } });
    }
  });

  it("ends the run for everyone and destroys the key behind the response keys", async () => {
    const { code, cookie } = await startRun(server);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phone = await connectParticipant(server.url, code);
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });
    expect((await phone.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);

    const ended = nextEvent(phone.socket, "audience:state", (view) => view.run.state === "ended");
    expect(await emit(facilitator, "run:end", {})).toEqual({ ok: true, data: { state: "ended" } });
    // The prompt left open is closed with the run.
    expect((await ended).slide.prompt).toMatchObject({ id: "check-in", phase: "closed" });

    expect(await phone.answer("check-in", { type: "scale", value: 2 })).toMatchObject({ ok: false, error: { code: "run-ended" } });
    expect(await emit(facilitator, "slide:go", { index: 0 })).toMatchObject({ ok: false, error: { code: "run-ended" } });
    const [run] = query<{ state: string; response_key_salt: string | null }>("select state, response_key_salt from runs");
    expect(run).toEqual({ state: "ended", response_key_salt: null });
    // Aggregates stay.
    expect(query("select * from responses")).toHaveLength(1);
    // Even the same device can no longer find its answer.
    const later = await connectParticipant(server.url, code, { device: phone.device });
    expect(later.snapshot.run.state).toBe("ended");
    expect(later.snapshot.mine).toBeNull();
    // Nor can the server: it kept the key in memory for answers while the run was live, and forgot it at the end.
    const [{ id }] = query<{ id: string }>("select id from runs") as [{ id: string }];
    expect(await server.server.context.engine.prepareResponse(id, phone.device, "check-in", { type: "scale", value: 2 })).toMatchObject({
      ok: false,
      error: { code: "run-ended" },
    });
  });
});

describe("control of a run", () => {
  it("refuses facilitator commands from a participant or a display, and changes nothing", async () => {
    const { code, cookie } = await startRun(server);
    const { state } = await connectFacilitator(server.url, code, cookie);
    const phone = await connectParticipant(server.url, code);
    const { socket: display } = await connectDisplay(server.url, code);
    const checkIn = state.slides.findIndex((slide) => slide.prompt?.id === "check-in");

    for (const socket of [phone.socket, display]) {
      for (const [event, payload] of [
        ["slide:go", { index: checkIn }],
        ["prompt:open", { promptId: "check-in" }],
        ["prompt:reveal", { promptId: "check-in" }],
        ["prompt:close", { promptId: "check-in" }],
        ["run:end", {}],
      ] as const) {
        expect(await emit(socket, event, payload)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect(await emit(display, "response:submit", { id: "abcdefgh", promptId: "check-in", answer: { type: "pass" } })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(query("select current_slide, state from runs")).toEqual([{ current_slide: 0, state: "live" }]);
    expect(query("select * from prompt_phases")).toEqual([]);
    expect(query("select * from responses")).toEqual([]);
  });

  it("lets no one connect as facilitator without the run's secret", async () => {
    const { code, cookie } = await startRun(server);
    const other = await startRun(server);
    const { io } = await import("socket.io-client");
    const attempt = (headers: Record<string, string>) =>
      connectRefusal(io(server.url, { auth: { role: "facilitator", code }, transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: headers }));

    expect(await attempt({})).toBe("forbidden");
    expect(await attempt({ cookie: `beside_f_${code}=${"A".repeat(43)}` })).toBe("forbidden");
    // Another run's secret doesn't open this one.
    expect(await attempt({ cookie: other.cookie.replace(other.code, code) })).toBe("forbidden");
    // A guessed console URL is refused too, even to a signed-in facilitator.
    const page = await fetch(`${server.url}/console/${code}`, { headers: { cookie: await signIn(server) } });
    expect(page.status).toBe(403);
    expect((await fetch(`${server.url}/console/${code}`, { headers: { cookie } })).status).toBe(200);
  });

  it("refuses malformed and unknown messages with an error ack, and stores nothing", async () => {
    const { code, cookie } = await startRun(server);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phone = await connectParticipant(server.url, code);
    await goToPrompt(facilitator, state, "check-in");
    await emit(facilitator, "prompt:open", { promptId: "check-in" });

    const bad: unknown[] = [
      undefined,
      null,
      "check-in",
      42,
      {},
      { id: "abcdefgh", promptId: "check-in" },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "scale", value: "3" } },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "scale", value: 3.5 } },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "scale", value: 3, extra: true } },
      { id: "abcdefgh", promptId: "Check In!", answer: { type: "scale", value: 3 } },
      { id: "x", promptId: "check-in", answer: { type: "scale", value: 3 } },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "vote", value: 3 } },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "open-text", text: "x".repeat(5000) } },
      { id: "abcdefgh", promptId: "check-in", answer: { type: "scale", value: 3 }, sneaky: "field" },
    ];
    for (const payload of bad) {
      expect(await emit(phone.socket, "response:submit", payload)).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    }
    expect(await emit(phone.socket, "response:submit", { id: "abcdefgh", promptId: "check-in", answer: { type: "scale", value: 9 } })).toMatchObject({
      ok: false,
      error: { code: "invalid-answer" },
    });
    expect(await emit(facilitator, "slide:go", { index: -1 })).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(await emit(facilitator, "slide:go", { index: 99 })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await emit(facilitator, "prompt:open", { promptId: "nope" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await emit(phone.socket, "admin:drop-tables", {})).toMatchObject({ ok: false, error: { code: "unknown-event" } });
    expect(query("select * from responses")).toEqual([]);

    // The phone still works after all that.
    expect((await phone.answer("check-in", { type: "scale", value: 3 })).ok).toBe(true);
  });

  it("refuses a browser page from a foreign origin, and closes a connection that sends an oversized message", async () => {
    const { code } = await startRun(server);
    const { io } = await import("socket.io-client");
    const foreign = io(server.url, {
      auth: { role: "display", code },
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { Origin: "https://evil.example" },
    });
    expect(await connectRefusal(foreign)).toBeTruthy();
    foreign.close();

    const phone = await connectParticipant(server.url, code);
    const closed = new Promise<string>((resolve) => phone.socket.once("disconnect", resolve));
    void emit(phone.socket, "response:submit", { id: "abcdefgh", promptId: "check-in", answer: { type: "open-text", text: "x".repeat(20_000) } }).catch(() => {});
    expect(await closed).toBe("transport close");
    expect(query("select * from responses")).toEqual([]);
  });

  it("refuses handshakes for unknown runs or in the wrong shape", async () => {
    const { io } = await import("socket.io-client");
    const attempt = (auth: object) => connectRefusal(io(server.url, { auth, transports: ["websocket"], forceNew: true, reconnection: false }));
    expect(await attempt({ role: "participant", code: "ZZZZZZ", device: "a".repeat(43) })).toBe("not-found");
    expect(await attempt({ role: "participant", code: "ZZZZZZ" })).toBe("invalid-payload");
    expect(await attempt({ role: "admin", code: "ZZZZZZ" })).toBe("invalid-payload");
    expect(await attempt({ role: "display", code: "O0I1L!" })).toBe("invalid-payload");
  });
});
