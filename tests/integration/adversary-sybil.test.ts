import { describe, expect, it } from "vitest";

import type { Answer, FacilitatorView, Results } from "~/realtime/events";

import { connect, connectParticipant, connectRefusal, emit, goToPrompt, newDeviceSecret, nextEvent, type TestParticipant } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import type { Received } from "../helpers/record";
import { openRoom } from "../helpers/room";

/**
 * Issue 14, item 1: a participant with a script opens fresh phones to defeat k and the batched release. Each test
 * plays the attacker and asserts the attack fails.
 */
const startServer = useTestServers();

const choice = (option: number): Answer => ({ type: "single-choice", option });

/** The `answers` and `counts` of each shown single-choice tally in `entries`, in order, without repeats. */
function tallies(entries: Received[]): Array<{ answers: number; counts: number[] }> {
  const seen: Array<{ answers: number; counts: number[] }> = [];
  for (const entry of entries) {
    const results = (entry.payload as { results?: Results | null } | undefined)?.results;
    if (results?.status !== "shown" || results.tally.type !== "single-choice") continue;
    const tally = { answers: results.tally.answers, counts: results.tally.options.map((option) => option.count) };
    if (JSON.stringify(seen.at(-1)) !== JSON.stringify(tally)) seen.push(tally);
  }
  return seen;
}

describe("fake phones against the batched release", () => {
  it("lets phones that joined after a question opened ride along with a batch but never complete one, so subtracting the fakes never gives the victim's answer", async () => {
    const server = await startServer();
    // k = 3: three phones answer, the results go up while answers are open; the victim is in the room from the start.
    const { code, facilitator, state, phones, audience } = await openRoom(server, { k: 3, phones: 6 });
    const [a, b, c, victim, d, e] = phones as [TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant, TestParticipant];
    await goToPrompt(facilitator, state, "belief");
    await emit(facilitator, "prompt:open", { promptId: "belief" });
    for (const [phone, option] of [[a, 0], [b, 0], [c, 1]] as const) expect((await phone.answer("belief", choice(option))).ok).toBe(true);
    await emit(facilitator, "prompt:reveal", { promptId: "belief" });
    await audience.settle();
    expect(tallies(audience.from("display"))).toEqual([{ answers: 3, counts: [2, 1] }]);

    // The victim answers; nothing moves, as designed.
    expect((await victim.answer("belief", choice(1))).ok).toBe(true);
    // The attacker opens two fresh phones (new device secrets) and answers a known option with both.
    const fakes = [
      await connectParticipant(server.url, code, { onSocket: audience.attach("fake 1") }),
      await connectParticipant(server.url, code, { onSocket: audience.attach("fake 2") }),
    ];
    for (const fake of fakes) expect((await fake.answer("belief", choice(0))).ok).toBe(true);
    // The release clock ticks (every 100 ms here) many times over: the victim and the fakes make three waiting
    // answers, but only one of them is from a phone that was here when the question opened.
    for (let tick = 0; tick < 5; tick++) await audience.settle();
    // Closing: what came after the last release, fewer than k counting only phones that were here, is held back.
    await emit(facilitator, "prompt:close", { promptId: "belief" });
    await audience.settle();
    for (const name of ["display", "fake 1", "fake 2", "phone 1"]) {
      expect(tallies(audience.from(name))).toEqual([{ answers: 3, counts: [2, 1] }]);
    }
    const console_ = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
    expect(console_.heldBack).toBe(3);

    // Reopened: the held-back answers stay held, and the fakes stay late, so a reopening doesn't release them.
    const since = audience.mark();
    const onDisplaySince = () => audience.events.slice(since).filter((entry) => entry.from === "display");
    await emit(facilitator, "prompt:open", { promptId: "belief" });
    const stillThree = () => tallies(onDisplaySince()).filter((tally) => tally.answers !== 3);
    for (let tick = 0; tick < 3; tick++) await audience.settle();
    expect(stillThree()).toEqual([]);
    // Phones that were in the room answer: d, then a late one (its phone joined after the reopening), then e. Only
    // with e are there k answers from phones that were here (victim, d, e): then everything waiting goes together.
    expect((await d.answer("belief", choice(1))).ok).toBe(true);
    const late = await connectParticipant(server.url, code, { onSocket: audience.attach("late") });
    expect((await late.answer("belief", choice(0))).ok).toBe(true);
    for (let tick = 0; tick < 3; tick++) await audience.settle();
    expect(stillThree()).toEqual([]);
    expect((await e.answer("belief", choice(0))).ok).toBe(true);
    await audience.settle();
    // Nine answers: the attacker knows three of the six new ones, and the three it doesn't know are k.
    expect(tallies(onDisplaySince())).toEqual([
      { answers: 3, counts: [2, 1] },
      { answers: 9, counts: [6, 3] },
    ]);
    // The console counts every phone, the fakes and the late one too: 6 + 2 + 1.
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).connected).toBe(9);

    // Changed answers go k at a time too: the fakes' changes ride along but don't complete a batch.
    for (const fake of fakes) expect((await fake.answer("belief", choice(1))).ok).toBe(true);
    expect((await a.answer("belief", choice(1))).ok).toBe(true);
    expect((await b.answer("belief", choice(1))).ok).toBe(true);
    for (let tick = 0; tick < 3; tick++) await audience.settle();
    expect(tallies(onDisplaySince()).at(-1)).toEqual({ answers: 9, counts: [6, 3] });
    expect((await c.answer("belief", choice(0))).ok).toBe(true);
    await audience.settle();
    // a, b and c changed: with the fakes' two changes, five move together.
    expect(tallies(onDisplaySince()).at(-1)).toEqual({ answers: 9, counts: [3, 6] });
  });

  it("lets late phones make up no first tally: revealed before anyone answers, or closed and then revealed, the victim and two fakes are never shown", async () => {
    const server = await startServer();
    const { code, facilitator, state, phones, audience } = await openRoom(server, { k: 3, phones: 3 });
    const [victim, b, c] = phones as [TestParticipant, TestParticipant, TestParticipant];
    const shownTo = (name: string) => tallies(audience.from(name));
    // Revealed before anyone answers, as a facilitator might: the victim answers, then two fresh phones.
    await goToPrompt(facilitator, state, "belief");
    await emit(facilitator, "prompt:open", { promptId: "belief" });
    await emit(facilitator, "prompt:reveal", { promptId: "belief" });
    expect((await victim.answer("belief", choice(1))).ok).toBe(true);
    const fakes = [
      await connectParticipant(server.url, code, { onSocket: audience.attach("fake 1") }),
      await connectParticipant(server.url, code, { onSocket: audience.attach("fake 2") }),
    ];
    for (const fake of fakes) expect((await fake.answer("belief", choice(0))).ok).toBe(true);
    for (let tick = 0; tick < 5; tick++) await audience.settle();
    expect(shownTo("fake 1")).toEqual([]);
    // Nor at the close, nor when the facilitator opens it again.
    await emit(facilitator, "prompt:close", { promptId: "belief" });
    await audience.settle();
    await emit(facilitator, "prompt:open", { promptId: "belief" });
    for (let tick = 0; tick < 3; tick++) await audience.settle();
    expect(shownTo("fake 1")).toEqual([]);
    expect(shownTo("display")).toEqual([]);
    // The console, whose count moves in steps of k, counts only phones that were here: one response, so 0.
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).counts).toEqual({ responses: 0, passes: null });
    // Two more phones that were in the room answer: now k on-time answers, and everything goes together.
    expect((await b.answer("belief", choice(0))).ok).toBe(true);
    expect((await c.answer("belief", choice(1))).ok).toBe(true);
    await audience.settle();
    expect(shownTo("fake 1")).toEqual([{ answers: 5, counts: [3, 2] }]);

    // Never revealed while open: the victim and two fakes answer, the facilitator closes and reveals.
    await goToPrompt(facilitator, state, "signs");
    await emit(facilitator, "prompt:open", { promptId: "signs" });
    expect((await victim.answer("signs", { type: "multiple-choice", options: [2] })).ok).toBe(true);
    const later = [await connectParticipant(server.url, code), await connectParticipant(server.url, code)];
    for (const fake of later) expect((await fake.answer("signs", { type: "multiple-choice", options: [0] })).ok).toBe(true);
    await emit(facilitator, "prompt:close", { promptId: "signs" });
    await emit(facilitator, "prompt:reveal", { promptId: "signs" });
    await audience.settle();
    const signs = (entry: Received) => (entry.payload as { results?: Results | null } | undefined)?.results;
    expect(audience.from("fake 1").map(signs).filter((results) => results?.status === "shown" && results.tally.answers === 3)).toEqual([]);
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).results).toEqual({ status: "withheld", k: 3 });
  });

  it("releases on the server's clock, never with the tap that completes a batch", async () => {
    const server = await startServer({ env: { RELEASE_INTERVAL_SECONDS: "1" } });
    const { facilitator, state, phones, display } = await openRoom(server, { k: 3, phones: 3 });
    await goToPrompt(facilitator, state, "belief");
    await emit(facilitator, "prompt:open", { promptId: "belief" });
    await emit(facilitator, "prompt:reveal", { promptId: "belief" });
    const released = nextEvent(display, "audience:live", (update) => update.results?.status === "shown", 10_000);
    let lastSent = 0;
    for (const [i, phone] of phones.entries()) {
      lastSent = Date.now();
      expect((await phone.answer("belief", choice(i % 2))).ok).toBe(true);
    }
    await released;
    const arrived = Date.now();
    // The third answer was handled after it was sent; its release waits for the clock's next whole second after that.
    expect(arrived).toBeGreaterThanOrEqual(Math.floor(lastSent / 1000) * 1000 + 1000);
  });
});

describe("a crowd of phones from one address", () => {
  it("refuses a run's phones beyond PARTICIPANTS_PER_ADDRESS from one address, gives places back as phones leave, and the console counts every phone", async () => {
    const server = await startServer({ env: { PARTICIPANTS_PER_ADDRESS: "8" } });
    const { code, facilitator, phones } = await openRoom(server, { k: 3, phones: 8 });
    // The ninth to the twentieth, opened at once by one script: each refused, with `too-many`.
    const crowd = Array.from({ length: 12 }, () => connect(server.url, { role: "participant", code, device: newDeviceSecret() }, { reconnection: false }));
    expect(new Set(await Promise.all(crowd.map(connectRefusal)))).toEqual(new Set(["too-many"]));
    expect(((await emit(facilitator, "run:sync", {})).data as FacilitatorView).connected).toBe(8);
    // Another run on the same address has places of its own.
    const other = await openRoom(server, { k: 3, phones: 8 });
    expect(((await emit(other.facilitator, "run:sync", {})).data as FacilitatorView).connected).toBe(8);
    // A phone leaves: one more may join.
    phones[0]!.socket.disconnect();
    await expect
      .poll(async () => ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).connected, { timeout: 5_000 })
      .toBe(7);
    await connectParticipant(server.url, code);
    const again = connect(server.url, { role: "participant", code, device: newDeviceSecret() }, { reconnection: false });
    expect(await connectRefusal(again)).toBe("too-many");
  });

  it("counts phones posting forms in the same places: a script that makes up a secret for every post brings no more answers in", async () => {
    const server = await startServer({ env: { PARTICIPANTS_PER_ADDRESS: "8" } });
    const { code, runId, facilitator, state } = await openRoom(server, { k: 3, phones: 5 });
    await goToPrompt(facilitator, state, "belief");
    expect((await emit(facilitator, "prompt:open", { promptId: "belief" })).ok).toBe(true);
    // Twelve form posts from the same address, each with a new secret (no cookie): the first three take the places
    // the five sockets left; the rest are refused, and store nothing.
    const reasons: string[] = [];
    for (let post = 0; post < 12; post++) {
      const response = await fetch(`${server.url}/j/${code}?_data=routes%2Fj.%24code`, {
        method: "POST",
        headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "answer", promptId: "belief", option: "0" }).toString(),
      });
      const outcome = (await response.json()) as { refusal?: { reason: string } };
      reasons.push(outcome.refusal?.reason ?? "stored");
    }
    expect(reasons).toEqual([...Array<string>(3).fill("stored"), ...Array<string>(9).fill("forms.manyPhones")]);
    expect(query(server.dbFile, "select count(*) as n from responses where run_id = ? and prompt_id = 'belief'", runId)).toEqual([{ n: 3 }]);
    // A refused phone's signal is not reported as sent.
    const signal = await fetch(`${server.url}/j/${code}?_data=routes%2Fj.%24code`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "signal", kind: "pause" }).toString(),
    });
    expect(await signal.json()).toMatchObject({ intent: "signal", kind: "pause", refusal: { reason: "forms.manyPhones" } });
    // And while the form phones hold their places, a socket from that address is refused too.
    const socket = connect(server.url, { role: "participant", code, device: newDeviceSecret() }, { reconnection: false });
    expect(await connectRefusal(socket)).toBe("too-many");
  });
});
