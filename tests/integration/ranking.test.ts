import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import type { Answer, Results } from "~/realtime/events";

import { parse } from "csv-parse/sync";

import { signIn } from "../helpers/auth";
import { closeAllClients, connectParticipant, emit, goToPrompt, type TestParticipant } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import type { Received } from "../helpers/record";
import { answerRound, openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * A ranking question with a facilitator, a display and several real phones: k counts rankings (passes don't),
 * results are released in batches of at least k, a phone may change its order while the question is open,
 * and an order that doesn't fit is refused with a clear error and loses nothing.
 */
let server: TestServer;
const startServer = useTestServers("file");

beforeAll(async () => {
  server = await startServer({ plansDir: path.resolve("tests/fixtures/ranking") });
});

const ranked = (...order: number[]): Answer => ({ type: "ranking", order });
const pass: Answer = { type: "pass" };

function resultsIn(entry: Received): Results | null {
  return (entry.payload as { results?: Results | null } | undefined)?.results ?? null;
}

/** A room on the plan's ranking question `promptId`, opened and revealed, with `count` phones. */
async function rankingRoom(promptId: string, k: number, count: number) {
  const room = await openRoom(server, { k, phones: count, planId: "ranking-test" });
  const { facilitator, state, audience, console_ } = room;
  await goToPrompt(facilitator, state, promptId);
  expect((await emit(facilitator, "prompt:open", { promptId })).ok).toBe(true);
  expect((await emit(facilitator, "prompt:reveal", { promptId })).ok).toBe(true);
  const last = (entries: Received[]) => resultsIn(entries.filter((entry) => resultsIn(entry)).at(-1)!);
  /** What the display and the console show now, once everything sent has arrived. */
  const onScreens = async () => {
    await audience.settle();
    await console_.sync();
    return { display: last(audience.from("display")), console: last(console_.events) };
  };
  const send = async (phone: TestParticipant, answer: Answer) => {
    const ack = await phone.answer(promptId, answer);
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    return onScreens();
  };
  return { ...room, onScreens, send };
}

/** Every tally the display was sent, as [answers, points of each option in plan order], without repeats. */
function displayed(entries: Received[]): Array<[number, number[]]> {
  const seen: Array<[number, number[]]> = [];
  for (const entry of entries) {
    const results = resultsIn(entry);
    if (results?.status !== "shown" || results.tally.type !== "ranking") continue;
    const now: [number, number[]] = [results.tally.answers, results.tally.options.map((o) => o.points)];
    if (JSON.stringify(seen.at(-1)) !== JSON.stringify(now)) seen.push(now);
  }
  return seen;
}

describe("a ranking question", () => {
  it("shows nothing below k rankings, then the group's Borda points and first places, released k at a time; passes and changes follow the shared rules", async () => {
    const { phones, facilitator, audience, onScreens, send } = await rankingRoom("helps", 3, 7);
    const [p1, p2, p3, p4, p5, p6, p7] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    const withheld = { status: "withheld", k: 3 };

    // Two rankings and a pass: still under k, for the room and the console alike.
    expect(await send(p1, ranked(0, 1, 2, 3))).toEqual({ display: withheld, console: withheld });
    expect(await send(p2, pass)).toEqual({ display: withheld, console: withheld });
    expect(await send(p3, ranked(2, 0, 1, 3))).toEqual({ display: withheld, console: withheld });
    // The third ranking: all three released together (a pass isn't one). Four options: 4, 3, 2, 1 points.
    const first = {
      status: "shown",
      tally: {
        type: "ranking",
        answers: 3,
        top: 4,
        options: [
          { label: "Sleep", points: 4 + 3 + 4, first: 2 },
          { label: "A walk outside", points: 3 + 2 + 2, first: 0 },
          { label: "Talking to a friend", points: 2 + 4 + 3, first: 1 },
          { label: "Music", points: 1 + 1 + 1, first: 0 },
        ],
      },
    };
    expect(await send(p4, ranked(0, 2, 1, 3))).toEqual({ display: first, console: first });

    // A phone changes its order while the question is open: one change, fewer than k, so nothing moves.
    expect(await send(p1, ranked(3, 2, 1, 0))).toEqual({ display: first, console: first });
    // Two new rankings wait; the third new one releases the three together (the change still waits).
    expect(await send(p5, ranked(3, 0, 1, 2))).toEqual({ display: first, console: first });
    expect(await send(p6, ranked(3, 0, 1, 2))).toEqual({ display: first, console: first });
    const second = await send(p7, ranked(3, 1, 0, 2));
    expect(second.display).toMatchObject({ status: "shown", tally: { answers: 6, options: [{ points: 11 + 3 + 3 + 2, first: 2 }, {}, {}, { points: 3 + 4 + 4 + 4, first: 3 }] } });
    expect(second.console).toEqual(second.display);

    // Closed: the change alone (fewer than k since the last release) is held back from every screen.
    expect((await emit(facilitator, "prompt:close", { promptId: "helps" })).ok).toBe(true);
    expect(await onScreens()).toEqual(second);
    // The display only ever saw the two releases.
    expect(displayed(audience.from("display")).map(([answers]) => answers)).toEqual([3, 6]);

    // What is stored: one row per phone, the change replacing p1's earlier order, the pass as [].
    const rows = query<{ passed: number; answer: string }>(server.dbFile, "select passed, answer from responses where prompt_id = 'helps' order by answer");
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.passed === 1).map((row) => row.answer)).toEqual(["[]"]);
    expect(rows.map((row) => row.answer)).toContain("[3,102,201,300]");
    expect(rows.map((row) => row.answer)).not.toContain("[0,101,202,303]");
  });

  it("with a top of 3 counts only the three places each phone ranked", async () => {
    const { phones, send } = await rankingRoom("top-three", 3, 3);
    const [p1, p2, p3] = phones as [TestParticipant, TestParticipant, TestParticipant];
    await send(p1, ranked(4, 0, 1));
    await send(p2, ranked(0, 4, 2));
    const shown = await send(p3, ranked(4, 2, 0));
    expect(shown.display).toEqual({
      status: "shown",
      tally: {
        type: "ranking",
        answers: 3,
        top: 3,
        options: [
          { label: "Rest", points: 2 + 3 + 1, first: 1 },
          { label: "Company", points: 1, first: 0 },
          { label: "Movement", points: 1 + 2, first: 0 },
          { label: "Quiet", points: 0, first: 0 },
          { label: "Food", points: 3 + 2 + 3, first: 2 },
        ],
      },
    });
  });

  it("refuses an order that doesn't fit with a clear error, and keeps the phone's earlier ranking", async () => {
    const { phones, runId, code } = await rankingRoom("top-three", 3, 1);
    const [phone] = phones as [TestParticipant];
    expect((await phone.answer("top-three", ranked(1, 0, 2))).ok).toBe(true);
    const stored = () => query<{ answer: string }>(server.dbFile, "select answer from responses where run_id = ?", runId);
    expect(stored()).toEqual([{ answer: "[1,100,202]" }]);

    const shape = { reason: "socket.badShape", params: { event: "response:submit" } };
    const refusals: Array<[unknown, string, object]> = [
      [{ type: "ranking", order: [0, 0, 1] }, "invalid-answer", { reason: "answers.rankOnce" }],
      [{ type: "ranking", order: [0, 1] }, "invalid-answer", { reason: "answers.rankCount", params: { top: 3, options: 5 } }],
      [{ type: "ranking", order: [0, 1, 2, 3] }, "invalid-answer", { reason: "answers.rankCount", params: { top: 3, options: 5 } }],
      [{ type: "ranking", order: [0, 1, 9] }, "invalid-answer", { reason: "answers.chooseShown" }],
      [{ type: "ranking", order: [0, 1.5, 2] }, "invalid-payload", shape],
      [{ type: "ranking", order: "0,1,2" }, "invalid-payload", shape],
      [{ type: "ranking" }, "invalid-payload", shape],
      [{ type: "single-choice", option: 1 }, "invalid-answer", { reason: "answers.wrongType", params: { type: "ranking" } }],
    ];
    for (const [i, [answer, code, why]] of refusals.entries()) {
      const ack = await emit(phone.socket, "response:submit", { id: `bad-answer-${i}`, promptId: "top-three", answer });
      expect(ack, JSON.stringify(answer)).toEqual({ ok: false, error: { code, ...why } });
    }
    // Nothing lost: the earlier ranking is stored as it was, and the phone gets it back when it comes again.
    expect(stored()).toEqual([{ answer: "[1,100,202]" }]);
    const again = await connectParticipant(server.url, code, { device: phone.device });
    expect(again.snapshot.mine).toEqual(ranked(1, 0, 2));
  });

  it("gives the report each option's points and first places, and the CSV two rows per option; under k, empty counts", async () => {
    const room = await openRoom(server, { k: 3, phones: 3, planId: "ranking-test" });
    await answerRound(room, "helps", [ranked(1, 0, 2, 3), ranked(1, 2, 0, 3), ranked(0, 1, 3, 2)]);
    expect((await emit(room.facilitator, "prompt:reveal", { promptId: "helps" })).ok).toBe(true);
    await answerRound(room, "top-three", [ranked(0, 1, 2), ranked(2, 1, 0), pass]);
    expect((await emit(room.facilitator, "run:end", {})).ok).toBe(true);
    closeAllClients();

    const organiser = await signIn(server, "organiser");
    const csv = await fetch(`${server.url}/runs/${room.runId}/export.csv`, { headers: { Cookie: organiser } });
    expect(csv.status).toBe(200);
    const rows = (parse(await csv.text()) as string[][]).map((row) => [row[3], row[6], row[7], row[8], row[9], row[10]]);
    expect(rows.slice(1)).toEqual([
      ["helps", "Sleep: points", "9", "3", "0", "shown"],
      ["helps", "Sleep: ranked first", "1", "3", "0", "shown"],
      ["helps", "A walk outside: points", "11", "3", "0", "shown"],
      ["helps", "A walk outside: ranked first", "2", "3", "0", "shown"],
      ["helps", "Talking to a friend: points", "6", "3", "0", "shown"],
      ["helps", "Talking to a friend: ranked first", "0", "3", "0", "shown"],
      ["helps", "Music: points", "4", "3", "0", "shown"],
      ["helps", "Music: ranked first", "0", "3", "0", "shown"],
      // Two rankings and a pass: under k, so no counts at all.
      ...["Rest", "Company", "Movement", "Quiet", "Food"].flatMap((option) => [
        ["top-three", `${option}: points`, "", "", "", "withheld"],
        ["top-three", `${option}: ranked first`, "", "", "", "withheld"],
      ]),
    ]);

    const report = await fetch(`${server.url}/runs/${room.runId}`, { headers: { Cookie: organiser } });
    const html = await report.text();
    expect(html).toContain("Borda points: 4 for a first place, 3 for a second, down to 1 for place 4.");
    expect(html).toMatch(/A walk outside<\/span>.*?11 points.*?first for 2/s);
  });
});
