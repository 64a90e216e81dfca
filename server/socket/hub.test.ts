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
    sharedReads: <T>(build: () => T) => build(),
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

  it("sends an overdue tally from the next change while the event loop is too busy to run timers", () => {
    const { hub, tallies } = hubWithTallies();
    // Everything here runs in one turn of the loop: only the changes themselves can send.
    for (const round of [1, 2]) {
      hub.tallyChanged("run-1");
      busyFor(TALLY_INTERVAL_MS / 2);
      hub.tallyChanged("run-1");
      expect(tallies).toHaveLength(round - 1);
      busyFor(TALLY_INTERVAL_MS / 2 + 5);
      hub.tallyChanged("run-1");
      expect(tallies).toHaveLength(round);
    }
    // Never closer together than the interval: a change within it sends nothing. (Half of it, as above: a busy machine
    // can hold this process back for tens of milliseconds, and a margin of 10 ms once made this fail.)
    hub.tallyChanged("run-1");
    busyFor(TALLY_INTERVAL_MS / 2);
    hub.tallyChanged("run-1");
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
