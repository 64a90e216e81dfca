import { Server } from "socket.io";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { LoadedRun, RunEngine } from "~/runs/run-engine.server";

import type { HubMessage } from "../cluster/hub-messages";
import { RunHub, TALLY_INTERVAL_MS, type BesideIo, type HubCluster } from "./hub";

/**
 * Two processes' hubs (each over its own real Socket.IO server, not listening) joined by a bus in memory that
 * delivers to the others as Redis pub/sub would, and a lease that one of them holds. Each engine only records what
 * it was asked for.
 */
function twoProcesses() {
  const bus = { up: true, hubs: new Map<string, RunHub>() };
  let holder = "A";
  const made = (["A", "B"] as const).map((name) => {
    const asked = { releases: 0, views: 0, tallies: 0, consoles: 0, questions: 0, votes: 0, consoleSignals: [] as number[] };
    const run = { row: { id: "run-1", state: "live" } } as LoadedRun;
    const engine = {
      releaseDue: () => (asked.releases++, true),
      releaseVotesDue: () => (asked.votes++, false),
      questionArrived: () => (asked.questions++, true),
      // One question of the run was still on its way when its last holder stopped.
      questionsArriving: () => [{ runId: "run-1", questionId: "q-left" }],
      forgetRun: () => {},
      sharedReads: <T>(build: (views: unknown) => T) => build(engine),
      loadRun: () => run,
      facilitatorTally: () => (asked.tallies++, {}),
      audienceLive: () => ({ slideIndex: 0, results: null, tallies: asked.tallies }),
      audienceView: () => (asked.views++, { slide: { index: 0 }, results: null }),
      facilitatorView: (_run: unknown, _presence: unknown, signals: { pause: number }) => (
        asked.consoles++,
        asked.consoleSignals.push(signals.pause),
        {}
      ),
    } as unknown as RunEngine;
    const io: BesideIo = new Server();
    // A console of the run on each process (a socket in its room), unless a test takes it away.
    io.sockets.adapter.addAll(`console-${name}`, new Set(["run:run-1:facilitator"]));
    const cluster: HubCluster = {
      bus: {
        get up() {
          return bus.up;
        },
        publish: (message: HubMessage) => {
          for (const [other, hub] of bus.hubs) if (other !== name) queueMicrotask(() => hub.receive(name, message));
          return true;
        },
      },
      authority: { holds: () => holder === name, runs: () => (holder === name ? ["run-1"] : []) },
    };
    const hub = new RunHub(
      io,
      engine,
      (error) => {
        throw error;
      },
      { signalDelayMs: [0, 0], releaseIntervalMs: TALLY_INTERVAL_MS, cluster },
    );
    bus.hubs.set(name, hub);
    opened.push(() => hub.close());
    return { hub, asked, io };
  });
  return {
    a: made[0]!,
    b: made[1]!,
    bus,
    handOver: (to: "A" | "B") => {
      holder = to;
      bus.hubs.get(to)!.gained("run-1");
    },
  };
}

const opened: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("RunHub across processes", () => {
  it("a change made on one process is sent by every process to its own screens, each from its own reads", async () => {
    const { a, b } = twoProcesses();
    await b.hub.publishState("run-1");
    await vi.waitFor(() => expect(a.asked.views).toBe(1));
    expect(b.asked.views).toBe(1);
  });

  it("answers on a process that doesn't hold the run are released by the holder alone, and every process then sends results", async () => {
    const { a, b } = twoProcesses();
    b.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(a.asked.releases).toBe(1));
    expect(b.asked.releases).toBe(0);
    // The holder's release is told to B, which sends the released results to its screens at once.
    await vi.waitFor(() => expect(b.asked.tallies).toBeGreaterThanOrEqual(1));
  });

  it("a signal sent on another process is counted by the holder, and its counts reach every console", async () => {
    const { a, b } = twoProcesses();
    b.hub.signalReceived("run-1", "pause");
    await vi.waitFor(() => expect(a.hub.signalCounts("run-1").pause).toBe(1));
    await vi.waitFor(() => expect(b.hub.signalCounts("run-1").pause).toBe(1));
  });

  it("a console on a process that doesn't hold the run gets the holder's signal counts in its every view", async () => {
    const { a, b } = twoProcesses();
    b.hub.signalReceived("run-1", "pause");
    await vi.waitFor(() => expect(b.hub.signalCounts("run-1").pause).toBe(1));
    // A change of slide made on B: B's console view carries the pause A counted.
    await b.hub.publishState("run-1");
    expect(b.asked.consoleSignals.at(-1)).toBe(1);
    expect(a.hub.signalCounts("run-1").pause).toBe(1);
  });

  it("the holder, hearing the others again after an outage, looks again for what they forwarded meanwhile", async () => {
    const { a } = twoProcesses();
    const before = { releases: a.asked.releases, questions: a.asked.questions };
    a.hub.reconnected();
    await vi.waitFor(() => expect(a.asked.releases).toBe(before.releases + 1));
    await vi.waitFor(() => expect(a.asked.questions).toBe(before.questions + 1));
  });

  it("a question or a vote on another process is delayed and checked by the holder alone", async () => {
    const { a, b } = twoProcesses();
    b.hub.questionReceived("run-1", "q-1");
    b.hub.voteReceived("run-1");
    await vi.waitFor(() => expect(a.asked.questions).toBe(1));
    await vi.waitFor(() => expect(a.asked.votes).toBe(1));
    // The question's arrival reaches B's console.
    await vi.waitFor(() => expect(b.asked.consoles).toBeGreaterThanOrEqual(1));
    expect(b.asked.questions).toBe(0);
    expect(b.asked.votes).toBe(0);
  });

  it("counts the phones and displays of the whole room, each process saying its own", async () => {
    const { a, b } = twoProcesses();
    a.io.sockets.adapter.addAll("p1", new Set(["run:run-1:participant"]));
    a.io.sockets.adapter.addAll("p2", new Set(["run:run-1:participant"]));
    b.io.sockets.adapter.addAll("p3", new Set(["run:run-1:participant"]));
    a.hub.tallyChanged("run-1");
    b.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(a.hub.connectedParticipants("run-1")).toBe(3));
    await vi.waitFor(() => expect(b.hub.connectedParticipants("run-1")).toBe(3));
    // A phone leaves B: A hears of it.
    b.io.sockets.adapter.delAll("p3");
    b.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(a.hub.connectedParticipants("run-1")).toBe(2));
  });

  it("a process with no screen of the run reads nothing for the others' changes, but still releases as the run's holder", async () => {
    const { a, b } = twoProcesses();
    a.io.sockets.adapter.delAll("console-A");
    await b.hub.publishState("run-1");
    b.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(a.asked.releases).toBe(1));
    await sleep(TALLY_INTERVAL_MS * 3);
    expect(a.asked.views).toBe(0);
    expect(a.asked.tallies).toBe(0);
    // B, which has a screen, sends what A released.
    expect(b.asked.tallies).toBeGreaterThanOrEqual(1);
  });

  it("while the bus is down each process releases what it received itself, and tells nobody", async () => {
    const { a, b, bus } = twoProcesses();
    bus.up = false;
    b.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(b.asked.releases).toBe(1));
    await sleep(TALLY_INTERVAL_MS * 3);
    expect(a.asked.releases).toBe(0);
    expect(a.asked.tallies).toBe(0);
  });

  it("a process that takes the run over sends every screen the state, checks for a release and delays the questions left on their way", async () => {
    const { a, b, handOver } = twoProcesses();
    handOver("B");
    await vi.waitFor(() => expect(b.asked.releases).toBe(1));
    await vi.waitFor(() => expect(a.asked.views).toBe(1));
    await vi.waitFor(() => expect(b.asked.questions).toBe(1));
    // From now on A forwards and B releases.
    a.hub.tallyChanged("run-1");
    await vi.waitFor(() => expect(b.asked.releases).toBe(2));
    expect(a.asked.releases).toBe(0);
  });
});
