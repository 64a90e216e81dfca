import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";

import type { LoadedRun, RunEngine } from "~/runs/run-engine.server";

import { RunHub, TALLY_INTERVAL_MS, type BesideIo } from "./hub";

/** The hub over a real Socket.IO server (not listening: nobody is in its rooms) and an engine that only counts the tallies it is asked for. */
function hubWithTallies(releaseIntervalMs = TALLY_INTERVAL_MS) {
  const tallies: number[] = [];
  /** When the engine was asked for a release (Date.now()), and whether the next asks find anything due. */
  const releases = { asked: [] as Array<{ at: number; perf: number }>, due: [] as boolean[] };
  const run = { row: { id: "run-1" } } as LoadedRun;
  const engine = {
    releaseDue: () => {
      releases.asked.push({ at: Date.now(), perf: performance.now() });
      return releases.due.shift() ?? false;
    },
    // The views of a moment are the fake engine itself.
    sharedReads: <T>(build: (views: unknown) => T) => build(engine),
    loadRun: () => run,
    facilitatorTally: () => {
      tallies.push(performance.now());
      return {};
    },
    audienceLive: () => ({ slideIndex: 0, results: null }),
    audienceView: () => ({ slide: { index: 0 }, results: null }),
    facilitatorView: () => ({}),
  } as unknown as RunEngine;
  const io: BesideIo = new Server();
  const hub = new RunHub(
    io,
    engine,
    (error) => {
      throw error;
    },
    { signalDelayMs: [0, 0], releaseIntervalMs },
  );
  opened.push(() => hub.close());
  return { hub, tallies, releases };
}

const opened: Array<() => void> = [];
afterEach(() => opened.splice(0).forEach((close) => close()));

/** Keeps the event loop busy, as a burst of answers does: no timer can run meanwhile. */
function busyFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets what the hub started finish its reads and send (they wait on promises only), without leaving this turn of the
 * event loop: no timer can run meanwhile.
 */
async function settleWithinTurn() {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe("RunHub tallies", () => {
  it("coalesces changes into one tally sent TALLY_INTERVAL_MS after the first", async () => {
    const { hub, tallies } = hubWithTallies();
    const first = performance.now();
    for (let i = 0; i < 50; i++) hub.tallyChanged("run-1");
    expect(tallies).toHaveLength(0);
    await sleep(TALLY_INTERVAL_MS * 3);
    expect(tallies).toHaveLength(1);
    expect(tallies[0]! - first).toBeGreaterThanOrEqual(TALLY_INTERVAL_MS - 1);
  });

  it("sends an overdue tally from the next change while the event loop is too busy to run timers", async () => {
    const { hub, tallies } = hubWithTallies();
    // Everything here runs in one turn of the loop: only the changes themselves can send.
    for (const round of [1, 2]) {
      hub.tallyChanged("run-1");
      busyFor(TALLY_INTERVAL_MS / 2);
      hub.tallyChanged("run-1");
      await settleWithinTurn();
      expect(tallies).toHaveLength(round - 1);
      busyFor(TALLY_INTERVAL_MS / 2 + 5);
      hub.tallyChanged("run-1");
      await settleWithinTurn();
      expect(tallies).toHaveLength(round);
    }
    // Never closer together than the interval: a change within it sends nothing. (Half of it, as above: a busy machine
    // can hold this process back for tens of milliseconds, and a margin of 10 ms once made this fail.)
    hub.tallyChanged("run-1");
    busyFor(TALLY_INTERVAL_MS / 2);
    hub.tallyChanged("run-1");
    await settleWithinTurn();
    expect(tallies).toHaveLength(2);
  });

  it("drops a pending tally, even an overdue one, when a full state goes out instead", async () => {
    const { hub, tallies } = hubWithTallies();
    hub.tallyChanged("run-1");
    busyFor(TALLY_INTERVAL_MS + 5);
    hub.publishState("run-1");
    hub.tallyChanged("run-1");
    expect(tallies).toHaveLength(0);
    await sleep(TALLY_INTERVAL_MS * 2);
    expect(tallies).toHaveLength(1);
  });

  it("sends the console's tally when a display comes or goes, coalesced, and asks for no release", async () => {
    const { hub, tallies, releases } = hubWithTallies();
    for (let i = 0; i < 5; i++) hub.displaysChanged("run-1");
    await expect.poll(() => tallies.length, { timeout: 5_000 }).toBe(1);
    // A release check would have been due on the clock's tick, no later than this tally.
    expect(releases.asked).toHaveLength(0);
    // An answer's change, by contrast, asks for one.
    hub.tallyChanged("run-1");
    await expect.poll(() => releases.asked.length, { timeout: 5_000 }).toBe(1);
  });

  it("sends nothing once closed", async () => {
    const { hub, tallies } = hubWithTallies();
    hub.tallyChanged("run-1");
    hub.close();
    busyFor(TALLY_INTERVAL_MS + 5);
    hub.tallyChanged("run-1");
    await sleep(TALLY_INTERVAL_MS * 2);
    expect(tallies).toHaveLength(0);
  });
});

describe("RunHub releases", () => {
  it("asks for a release once per tick of the release clock, never before its next whole multiple, and sends a tally with what it released", async () => {
    const interval = 300;
    const { hub, tallies, releases } = hubWithTallies(interval);
    releases.due.push(true);
    const first = Date.now();
    for (let i = 0; i < 20; i++) hub.tallyChanged("run-1");
    await expect.poll(() => releases.asked.length, { timeout: 5_000 }).toBe(1);
    // One ask for the twenty changes, on the clock's tick after them, not when they came.
    expect(releases.asked[0]!.at).toBeGreaterThanOrEqual(Math.floor(first / interval) * interval + interval);
    // What it released went out at once, in a tally sent from the tick itself.
    expect(tallies.at(-1)!).toBeGreaterThanOrEqual(releases.asked[0]!.perf);
    await sleep(interval);
    expect(releases.asked).toHaveLength(1);

    // Nothing due at the next tick: the tick sends nothing; only the change's coalesced tally goes out.
    const before = tallies.length;
    hub.tallyChanged("run-1");
    await expect.poll(() => releases.asked.length, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => tallies.length, { timeout: 5_000 }).toBe(before + 1);
    await sleep(interval);
    expect(tallies).toHaveLength(before + 1);
  });
});

/**
 * The hub over an engine whose reads answer when the test says (`answer`), the latest asked first if it likes, and an
 * io that records what is sent to whom. The run's state is a number the test moves; each view says the number it read.
 */
function hubWithSlowReads() {
  const sent: string[] = [];
  const errors: unknown[] = [];
  const reads: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const run = { row: { id: "run-1", state: "live" } } as LoadedRun;
  let slide = 0;
  /** A read that answers, with the slide as it is when it is asked, once the test lets it. */
  const read = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => {
      const now = value();
      reads.push({ resolve: () => resolve(now), reject });
    });
  const engine = {
    // The views of a moment are the fake engine itself.
    sharedReads: <T>(build: (views: unknown) => T) => build(engine),
    loadRun: () => read(() => ({ ...run, slide })),
    audienceView: (loaded: { slide: number }) => read(() => ({ slide: { index: loaded.slide }, results: null })),
    facilitatorView: (loaded: { slide: number }) => read(() => ({ slide: loaded.slide })),
    facilitatorTally: (loaded: { slide: number }) => read(() => ({ tallyOf: loaded.slide })),
    audienceLive: (loaded: { slide: number }) => read(() => ({ slideIndex: loaded.slide, results: null })),
  } as unknown as RunEngine;
  const to = (room: string | string[]) => ({
    emit: (event: string, data: { slide?: number | { index: number }; tallyOf?: number; slideIndex?: number }) => {
      const said = typeof data.slide === "object" ? data.slide.index : (data.slide ?? data.tallyOf ?? data.slideIndex);
      sent.push(`${[room].flat().join("+")} ${event} ${said}`);
    },
  });
  // The hub sends only this process's sockets (`io.local`).
  const io = { local: { to }, sockets: { adapter: { rooms: new Map() }, sockets: new Map() } } as unknown as BesideIo;
  const hub = new RunHub(io, engine, (error) => errors.push(error), { signalDelayMs: [0, 0], releaseIntervalMs: TALLY_INTERVAL_MS });
  opened.push(() => hub.close());
  /** Answers every read asked for so far, the latest first, then lets what follows run; until none is left. */
  const answerAll = async () => {
    for (;;) {
      await settleWithinTurn();
      if (reads.length === 0) return;
      for (const pending of reads.splice(0).reverse()) pending.resolve();
    }
  };
  return { hub, sent, errors, reads, answerAll, moveTo: (index: number) => (slide = index) };
}

describe("RunHub order of publishes", () => {
  it("sends a run's publishes in the order they were asked for, even when the reads of the earlier ones answer last", async () => {
    const { hub, sent, answerAll, moveTo } = hubWithSlowReads();
    moveTo(1);
    const first = hub.publishState("run-1");
    // The first is reading (slide 1) when the slide moves on and the second is asked for.
    await settleWithinTurn();
    moveTo(2);
    const second = hub.publishState("run-1");
    await answerAll();
    await Promise.all([first, second]);
    // The second state, read after the move to slide 2, is the last the screens and the console are sent.
    expect(sent.filter((line) => line.includes("state"))).toEqual([
      "run:run-1:display+run:run-1:participant audience:state 1",
      "run:run-1:facilitator facilitator:state 1",
      "run:run-1:display+run:run-1:participant audience:state 2",
      "run:run-1:facilitator facilitator:state 2",
    ]);
  });

  it("holds a publish asked for while a screen joins until it has joined, and lets the screen join after the publishes before it", async () => {
    const { hub, sent, answerAll, moveTo } = hubWithSlowReads();
    const order: string[] = [];
    moveTo(1);
    void hub.publishState("run-1").then(() => order.push("state 1 sent"));
    let joinedAt = -1;
    const joined = hub.joining("run-1", async () => {
      order.push("joining");
      await Promise.resolve();
      joinedAt = sent.length;
      order.push("joined");
    });
    moveTo(2);
    void hub.publishState("run-1").then(() => order.push("state 2 sent"));
    await answerAll();
    await joined;
    await settleWithinTurn();
    expect(order).toEqual(["state 1 sent", "joining", "joined", "state 2 sent"]);
    expect(sent.slice(joinedAt)).toEqual(["run:run-1:display+run:run-1:participant audience:state 2", "run:run-1:facilitator facilitator:state 2"]);
  });

  it("tells onError of a failed read and goes on with the next publish; sends nothing once closed, even a build already reading", async () => {
    const { hub, sent, errors, reads, answerAll, moveTo } = hubWithSlowReads();
    moveTo(1);
    const failing = hub.publishState("run-1");
    const next = hub.publishState("run-1");
    await settleWithinTurn();
    reads.splice(0).forEach((pending) => pending.reject(new Error("connection reset")));
    await answerAll();
    await Promise.all([failing, next]);
    expect(errors).toEqual([new Error("connection reset")]);
    expect(sent).toHaveLength(2);

    const late = hub.publishState("run-1");
    await settleWithinTurn();
    expect(reads).toHaveLength(1);
    hub.close();
    await answerAll();
    await late;
    expect(sent).toHaveLength(2);
  });
});
