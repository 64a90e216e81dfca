import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";

import type { LoadedRun, RunEngine } from "~/runs/run-engine.server";

import { RunHub, TALLY_INTERVAL_MS, type BesideIo } from "./hub";

/** The hub over a real Socket.IO server (not listening: nobody is in its rooms) and an engine that only counts the tallies it is asked for. */
function hubWithTallies() {
  const tallies: number[] = [];
  const run = { row: { id: "run-1" } } as LoadedRun;
  const engine = {
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
  const hub = new RunHub(io, engine, (error) => {
    throw error;
  });
  opened.push(() => hub.close());
  return { hub, tallies };
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
    // Never closer together than the interval: a change just short of it sends nothing.
    hub.tallyChanged("run-1");
    busyFor(TALLY_INTERVAL_MS - 10);
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
