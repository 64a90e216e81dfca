import { describe, expect, it } from "vitest";

import type { Result, SocketData } from "~/realtime/events";
import { fail, ok } from "~/domain/result";

import type { Logger } from "../logger";
import type { HandlerContext } from "./handlers";
import { dispatch, reply, type Replying } from "./index";
import { SyncQueue } from "./sync-queue";

/** A logger that keeps what it was told, and a console's or a phone's socket as the dispatcher sees it. */
function setup(role: SocketData["role"]) {
  const errors: string[] = [];
  const logger: Logger = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
  const socket = { data: { role, runId: "run-1", device: role === "participant" ? "d".repeat(43) : undefined } } as unknown as { data: SocketData };
  return { errors, logger, socket };
}

const answer = { id: "abcdefgh", promptId: "check-in", answer: { type: "single-choice", option: 1 } };

/** What was dispatched, if it settles in this turn of the event loop (its handler waits on promises only); else a rejection. */
function inThisTurn<T>(dispatched: T | Promise<T>): Promise<T> {
  return Promise.race([Promise.resolve(dispatched), new Promise<never>((_, reject) => setImmediate(() => reject(new Error("not answered in this turn"))))]);
}

describe("dispatch", () => {
  it("turns a handler that throws into a server-error ack and a log line, and answers in the same turn", async () => {
    const { errors, logger, socket } = setup("facilitator");
    const context = {
      engine: {
        goToSlide: () => {
          throw new Error("database is locked");
        },
      },
    } as unknown as HandlerContext;
    const dispatched = dispatch(socket.data, "slide:go", { index: 1 }, context, logger);
    expect((await inThisTurn(dispatched)).result).toEqual(fail("server-error", { reason: "socket.serverError" }));
    expect(errors).toEqual(["socket event failed"]);
  });

  it("turns an engine call that rejects into a server-error ack and a log line, with nothing broadcast", async () => {
    const { errors, logger, socket } = setup("facilitator");
    let published = 0;
    const context = {
      engine: { setPaused: () => Promise.reject(new Error("connection reset")) },
      hub: { publishState: () => published++ },
    } as unknown as HandlerContext;
    const dispatched = await dispatch(socket.data, "run:pause", { paused: true }, context, logger);
    expect(dispatched.result).toEqual(fail("server-error", { reason: "socket.serverError" }));
    expect(errors).toEqual(["socket event failed"]);
    const acks: Array<Result<unknown>> = [];
    reply(dispatched, "run:pause", (result) => acks.push(result), { logger, dropsAck: () => false });
    expect(acks).toEqual([fail("server-error", { reason: "socket.serverError" })]);
    expect(published).toBe(0);
  });

  it("waits for an engine call that resolves later, then acknowledges and broadcasts", async () => {
    const { logger, socket } = setup("facilitator");
    let published = 0;
    const context = {
      engine: { setPaused: async (_runId: string, paused: boolean) => ok({ paused }) },
      hub: { publishState: () => (published++, Promise.resolve()) },
    } as unknown as HandlerContext;
    const dispatched = dispatch(socket.data, "run:pause", { paused: true }, context, logger);
    expect(dispatched).toBeInstanceOf(Promise);
    const acks: Array<Result<unknown>> = [];
    reply(await dispatched, "run:pause", (result) => acks.push(result), { logger, dropsAck: () => false });
    expect(acks).toEqual([ok({ paused: true })]);
    expect(published).toBe(1);
  });

  it("turns an answer whose group commit rejects into a server-error ack", async () => {
    const { errors, logger, socket } = setup("participant");
    const context = {
      engine: { prepareResponse: () => ok({ write: {}, answer: answer.answer }) },
      writer: { submit: () => Promise.reject(new Error("disk I/O error")) },
    } as unknown as HandlerContext;
    const dispatched = dispatch(socket.data, "response:submit", answer, context, logger);
    expect(dispatched).toBeInstanceOf(Promise);
    expect((await dispatched).result).toEqual(fail("server-error", { reason: "socket.serverError" }));
    expect(errors).toEqual(["socket event failed"]);
  });

  it("answers a console's run:sync in the turn that read it; a phone's waits its turn, and is dropped if it disconnected", async () => {
    const { logger } = setup("facilitator");
    const syncs = new SyncQueue(10);
    const built: string[] = [];
    const context = {
      engine: {
        // The views of a moment are the fake engine itself.
        sharedReads(build: (views: unknown) => unknown) {
          return build(this);
        },
        loadRun: () => ({ row: { id: "run-1" } }),
        facilitatorView: () => "console view",
        participantSnapshot: (_run: unknown, device: string) => (built.push(device), "phone snapshot"),
      },
      hub: { presence: () => ({}), signalCounts: () => ({}) },
      syncs,
    } as unknown as HandlerContext;
    const console = dispatch(setup("facilitator").socket.data, "run:sync", {}, context, logger);
    expect((await inThisTurn(console)).result).toEqual(ok("console view"));
    const phone = setup("participant").socket.data;
    const left = { ...phone, device: "e".repeat(43) };
    const queued = dispatch(phone, "run:sync", {}, context, logger);
    dispatch(left, "run:sync", {}, context, logger);
    left.gone = true;
    expect(queued).toBeInstanceOf(Promise);
    expect(built).toEqual([]);
    expect((await queued).result).toEqual(ok("phone snapshot"));
    expect(built).toEqual([phone.device]);
    expect(syncs.pending()).toBe(0);
    syncs.close();
  });

  it("gives a phone's second run:sync, sent while its first waits, the same reply, built once; one sent after it is built anew", async () => {
    const { logger } = setup("participant");
    const syncs = new SyncQueue(10);
    let built = 0;
    const context = {
      engine: {
        sharedReads(build: (views: unknown) => unknown) {
          return build(this);
        },
        loadRun: () => ({ row: { id: "run-1" } }),
        participantSnapshot: () => `snapshot ${++built}`,
      },
      syncs,
    } as unknown as HandlerContext;
    const phone = setup("participant").socket.data;
    const first = dispatch(phone, "run:sync", {}, context, logger);
    const second = dispatch(phone, "run:sync", {}, context, logger);
    expect(syncs.pending()).toBe(1);
    expect((await first).result).toEqual(ok("snapshot 1"));
    expect((await second).result).toEqual(ok("snapshot 1"));
    expect(built).toBe(1);
    const after = dispatch(phone, "run:sync", {}, context, logger);
    expect((await after).result).toEqual(ok("snapshot 2"));
    syncs.close();
  });

  it("lets runs take turns: a phone in another run waits one slice, not behind a room's backlog", async () => {
    const { logger } = setup("participant");
    const syncs = new SyncQueue(2);
    const built: string[] = [];
    const context = {
      engine: {
        sharedReads(build: (views: unknown) => unknown) {
          return build(this);
        },
        loadRun: (runId: string) => ({ row: { id: runId } }),
        participantSnapshot: (run: { row: { id: string } }, device: string) => (built.push(`${run.row.id} ${device}`), "snapshot"),
      },
      syncs,
    } as unknown as HandlerContext;
    const phone = setup("participant").socket.data;
    for (let n = 1; n <= 5; n++) void dispatch({ ...phone, runId: "a", device: `${n}` }, "run:sync", {}, context, logger);
    const other = dispatch({ ...phone, runId: "b", device: "1" }, "run:sync", {}, context, logger);
    expect((await other).result).toEqual(ok("snapshot"));
    // The first slice (two answers) served run a's first phone, then run b's.
    expect(built).toEqual(["a 1", "b 1"]);
    syncs.close();
  });

  it("tells the run's screens the current state when run:end fails after closing prompts, and the sender gets server-error", async () => {
    const { errors, logger, socket } = setup("facilitator");
    const published: string[] = [];
    const context = {
      // As when the end's last transaction waited out the busy timeout: the prompts it closed before stay closed.
      engine: { endRun: () => Promise.reject(new Error("database is locked")) },
      hub: { publishState: (runId: string) => published.push(runId) },
    } as unknown as HandlerContext;
    const dispatched = await dispatch(socket.data, "run:end", {}, context, logger);
    expect(dispatched.result).toEqual(fail("server-error", { reason: "socket.serverError" }));
    expect(errors).toEqual(["socket event failed"]);
    expect(published).toEqual(["run-1"]);
    // reply() broadcasts only on success: the state went out from the handler, once.
    const acks: Array<Result<unknown>> = [];
    reply(dispatched, "run:end", (result) => acks.push(result), { logger, dropsAck: () => false });
    expect(acks).toEqual([fail("server-error", { reason: "socket.serverError" })]);
    expect(published).toEqual(["run-1"]);
  });

  it("refuses before the handler runs: unknown events, the wrong screen, a payload out of shape", () => {
    const { logger, socket } = setup("participant");
    const context = {} as HandlerContext;
    const code = (event: string, payload: unknown) => ((dispatch(socket.data, event, payload, context, logger) as { result: Result<unknown> }).result as { error: { code: string } }).error.code;
    expect(code("vote", answer)).toBe("unknown-event");
    expect(code("slide:go", { index: 1 })).toBe("forbidden");
    expect(code("response:submit", { ...answer, extra: true })).toBe("invalid-payload");
  });
});

describe("reply", () => {
  const replying = (logger: Logger, drops = false): Replying => ({ logger, dropsAck: () => drops });

  it("acknowledges first and tells the other screens only on success", () => {
    const { logger } = setup("facilitator");
    const order: string[] = [];
    const ack = (result: Result<unknown>) => order.push(`ack ${result.ok}`);
    const broadcast = () => order.push("broadcast");
    reply({ result: ok({ index: 1 }), broadcast }, "slide:go", ack, replying(logger));
    reply({ result: fail("prompt-not-open", { reason: "notOpen" }), broadcast }, "slide:go", ack, replying(logger));
    expect(order).toEqual(["ack true", "broadcast", "ack false"]);
  });

  it("still tells the other screens when the test hook drops the ack, and logs a broadcast that throws", () => {
    const { errors, logger } = setup("participant");
    const acks: unknown[] = [];
    let told = 0;
    reply({ result: ok(null), broadcast: () => told++ }, "response:submit", (result) => acks.push(result), replying(logger, true));
    const throwing = () => {
      throw new Error("room gone");
    };
    reply({ result: ok(null), broadcast: throwing }, "response:submit", (result) => acks.push(result), replying(logger));
    expect(acks).toHaveLength(1);
    expect(told).toBe(1);
    expect(errors).toEqual(["broadcast failed"]);
  });
});
