import type http from "node:http";

import { Server, type ServerOptions, type Socket } from "socket.io";
import type { z } from "zod/v4";

import { sessionHashOf, type Accounts } from "~/auth/accounts.server";
import { sessionTokenOf } from "~/auth/session.server";
import type { Config } from "~/config/env.server";
import type { ClientToServerEvents, Result, ServerToClientEvents, SocketData } from "~/realtime/events";
import { handshakeSchema, payloadSchemas } from "~/realtime/schemas";
import { addressKey, type CodeGuesses } from "~/runs/code-guesses.server";
import { readFacilitatorSecret } from "~/runs/facilitator-cookie.server";
import { ResponseWriter } from "~/runs/engine/answer-path.server";
import { fail } from "~/domain/result";
import type { RunEngine, Views } from "~/runs/run-engine.server";

import { describeError, type Logger } from "../logger";
import { isAllowedOrigin } from "../origin";
import { FormPhones } from "./form-phones";
import { handlers, type HandlerContext } from "./handlers";
import { roleRoom, RunHub, type BesideIo, type HubOptions } from "./hub";
import { ParticipantCap } from "./participant-cap";
import { QUESTIONS_PER_ADDRESS_PER_MINUTE, QuestionsPerAddress } from "./questions-per-address";
import { MessageBudget } from "./rate-limit";
import { SYNCS_PER_TURN, SyncQueue } from "./sync-queue";

type BesideSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.IO's default allows 1 MB messages; nothing Beside receives comes near 16 KB. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

export interface Realtime {
  io: BesideIo;
  hub: RunHub;
  writer: ResponseWriter;
  /** Phones posting forms, through the same dispatcher. */
  formPhones: FormPhones;
  close(): Promise<void>;
}

/** Socket.IO on the HTTP server: handshake checks, rooms per run and role, and one dispatcher for every event. */
export function attachRealtime(
  httpServer: http.Server,
  deps: {
    engine: RunEngine;
    accounts: Accounts;
    codeGuesses: CodeGuesses;
    config: Config;
    logger: Logger;
    hub?: HubOptions;
    /**
     * With REDIS_URL, the Socket.IO Redis Streams adapter (server/cluster/redis.ts), made once Redis is ready.
     * Connection state recovery stays off (docs/realtime.md §1): it would keep sockets' data, secrets included, in Redis.
     */
    adapter?: ServerOptions["adapter"];
  },
): Realtime {
  const { engine, logger } = deps;
  const io: BesideIo = new Server(httpServer, {
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers, deps.config)),
  });
  const hub = new RunHub(io, engine, (error) => logger.error("broadcast failed", { error: describeError(error) }), deps.hub);
  const writer = new ResponseWriter(
    (writes) => engine.commitResponses(writes),
    (error) => logger.error("answers could not be committed", { error: describeError(error) }),
  );
  const syncs = new SyncQueue<Views>(
    SYNCS_PER_TURN,
    (answerSlice) => engine.sharedReads(answerSlice),
    (error) => logger.error("run:sync answers failed", { error: describeError(error) }),
  );
  const context: HandlerContext = { engine, hub, writer, questionsPerAddress: new QuestionsPerAddress(QUESTIONS_PER_ADDRESS_PER_MINUTE), syncs };
  const replying: Replying = {
    logger,
    dropsAck: (event, result) =>
      event === "response:submit" && result.ok && deps.config.TEST_DROP_ACKS > 0 && Math.random() < deps.config.TEST_DROP_ACKS,
  };

  const cap = new ParticipantCap(deps.config.PARTICIPANTS_PER_ADDRESS);
  // Phones answering by form count as connected, as sockets do, while they are remembered (form-phones.ts).
  const formPhones = new FormPhones(context, logger, cap, (runId) => void formPhonesChanged(runId));
  async function formPhonesChanged(runId: string): Promise<void> {
    try {
      if ((await engine.loadRun(runId))?.row.state === "live") engine.recordParticipants(runId, hub.participantsForPeak(runId));
    } catch (error) {
      logger.error("could not count the run's phones", { error: describeError(error) });
    }
    hub.tallyChanged(runId);
  }
  hub.countAlso((runId) => formPhones.count(runId));
  io.use((socket, next) => void handshake(socket, next));
  async function handshake(socket: BesideSocket, next: (error?: Error) => void): Promise<void> {
    try {
      const auth = handshakeSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error("invalid-payload"));
      const cookies = socket.request.headers.cookie;
      const sessionToken = sessionTokenOf(cookies);
      // The console's preview of the display is the console's: it needs what the console needs (decision 027).
      const preview = auth.data.role === "display" && auth.data.preview === true;
      const asConsole = auth.data.role === "facilitator" || preview;
      const account = asConsole ? await deps.accounts.accountForSession(sessionToken) : undefined;
      // Phones and displays look codes up as the join pages do: an address that got too many wrong is refused any
      // code for a while (decision 023). A signed-in console isn't counted, so a room's mistakes never lock it out.
      const lookup = account ? undefined : await deps.codeGuesses.lookUp(socket.request.socket.remoteAddress, auth.data.code);
      if (lookup?.found === "too-many") return next(Object.assign(new Error("too-many"), { data: { retryAfterSeconds: lookup.retryAfterSeconds } }));
      const run = lookup ? (lookup.found === "run" ? lookup.run : undefined) : await engine.loadRunByCode(auth.data.code);
      // A connection that closed while the run was looked up takes no place and is never counted (Socket.IO drops it).
      if (socket.conn.readyState !== "open") return next(new Error("gone"));
      if (!run) return next(new Error("not-found"));
      let staff: SocketData["staff"];
      if (asConsole) {
        // Both, as for the console page: a signed-in account and the run's secret.
        const secret = readFacilitatorSecret(cookies, run.row.code);
        if (!account || !engine.isFacilitator(run.row, secret)) return next(new Error("forbidden"));
        staff = { accountId: account.id, sessionHash: sessionHashOf(sessionToken!) };
      }
      // The address (an IPv6 one by its /64, as for wrong codes) is only the key of in-memory counts while this
      // connection lasts (phones per address, questions per address a minute); it is never kept or logged.
      const address = auth.data.role === "participant" ? addressKey(socket.handshake.address) : undefined;
      if (auth.data.role === "participant" && address !== undefined) {
        // The same phone remembered from its forms gives its place to this socket (its scripts arrived).
        formPhones.connected(run.row.id, auth.data.device);
        // The place is given back when the transport closes, which also covers a connection that closes before
        // Socket.IO ever says it connected (and so never says it disconnected).
        if (!cap.take(run.row.id, address)) return next(new Error("too-many"));
        socket.conn.once("close", () => cap.release(run.row.id, address));
      }
      socket.data = {
        role: auth.data.role,
        runId: run.row.id,
        device: auth.data.role === "participant" ? auth.data.device : undefined,
        address,
        // Wall-clock ms, as a prompt's opening is kept (RunMarks), so another process can compare the two.
        joinedAt: auth.data.role === "participant" ? Date.now() : undefined,
        staff,
        preview: preview ? true : undefined,
      };
      next();
    } catch (error) {
      logger.error("handshake failed", { error: describeError(error) });
      next(new Error("server-error"));
    }
  }

  // A console connection lasts only as long as the sign-in it was opened with.
  deps.accounts.whenSessionsEnd((ended) => {
    for (const socket of io.of("/").sockets.values()) {
      const staff = socket.data.staff;
      if (!staff) continue;
      const matches = "sessionHash" in ended ? staff.sessionHash === ended.sessionHash : staff.accountId === ended.accountId;
      if (matches) socket.disconnect(true);
    }
  });

  io.on("connection", (socket: BesideSocket) => {
    // Messages that arrive before the snapshot is sent are handled after it, in the order they came, as they were
    // when the snapshot was built in the turn the connection opened.
    let welcoming: Promise<void> | undefined = welcome(socket, engine, hub).then(
      () => {
        welcoming = undefined;
      },
      (error: unknown) => {
        welcoming = undefined;
        logger.error("could not send a snapshot", { role: socket.data.role, error: describeError(error) });
        socket.disconnect(true);
      },
    );
    // A reply still waiting its turn for this connection (a phone's run:sync) is then dropped.
    socket.on("disconnect", () => (socket.data.gone = true));
    // A console's last message still waiting for its sign-in to be looked up: the next one waits for it.
    let consoleTurn: Promise<void> | undefined;
    const budget = new MessageBudget();
    socket.onAny((event: string, ...args: unknown[]) => {
      // Messages already read from a connection that was just closed are dropped unanswered.
      if (socket.disconnected) return;
      const ack = typeof args.at(-1) === "function" ? (args.pop() as (result: Result<unknown>) => void) : undefined;
      const allowance = budget.take();
      if (allowance !== "ok") {
        if (allowance === "disconnect") {
          logger.info("connection closed: too many messages", { role: socket.data.role });
          socket.disconnect(true);
        } else ack?.(fail("too-many", { reason: "socket.tooMany" }));
        return;
      }
      // A console acts only while its sign-in lasts: it may have ended in another process (the account
      // command line) or run out, which no listener here hears of. So each of its messages waits for the sign-in
      // to be looked up in storage, and for the messages before it, in the order they came.
      const staff = socket.data.staff;
      if (staff) {
        const turn = (consoleTurn ?? welcoming ?? Promise.resolve())
          .then(async () => {
            if (await deps.accounts.isLiveSession(staff.sessionHash)) return handle(socket, event, args[0], ack);
            ack?.(fail("forbidden", { reason: "socket.signedOut" }));
            socket.disconnect(true);
          })
          .catch((error: unknown) => {
            logger.error("socket event failed", { event, error: describeError(error) });
            ack?.(fail("server-error", { reason: "socket.serverError" }));
          });
        consoleTurn = turn;
        void turn.then(() => {
          if (consoleTurn === turn) consoleTurn = undefined;
        });
        return;
      }
      if (welcoming) void welcoming.then(() => handle(socket, event, args[0], ack));
      else handle(socket, event, args[0], ack);
    });
  });

  function handle(socket: BesideSocket, event: string, payload: unknown, ack: Ack | undefined): void {
    // Messages already read from a connection that was just closed are dropped unanswered.
    if (socket.disconnected) return;
    const dispatched = dispatch(socket.data, event, payload, context, logger);
    if (dispatched instanceof Promise) void dispatched.then((settled) => reply(settled, event, ack, replying));
    else reply(dispatched, event, ack, replying);
  }

  return {
    io,
    hub,
    writer,
    formPhones,
    close: async () => {
      // Commit what was received, then stop talking: no timer may outlive the database.
      try {
        await writer.flush();
        await engine.savePeaks();
      } finally {
        formPhones.close();
        syncs.close();
        await hub.close();
      }
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}

/**
 * Builds the socket's snapshot, then joins it to its run's room for its role and sends the snapshot in one
 * synchronous step, so no broadcast can reach it before the snapshot. The hub holds the run's publishes asked for
 * meanwhile until then (RunHub.joining), so none made after the snapshot's reads passes it by. A connection that
 * closed while its snapshot was built is neither joined nor counted.
 */
function welcome(socket: BesideSocket, engine: RunEngine, hub: RunHub): Promise<void> {
  const { role, runId } = socket.data;
  return hub.joining(runId, async () => {
    const run = await engine.loadRun(runId);
    if (!run) throw new Error(`run ${runId} could not be loaded`);
    if (role === "participant") {
      const snapshot = await engine.participantSnapshot(run, socket.data.device!);
      if (!socket.connected) return;
      void socket.join(roleRoom(runId, role));
      socket.emit("participant:snapshot", snapshot);
      if (run.row.state === "live") engine.recordParticipants(runId, hub.participantsForPeak(runId));
      hub.tallyChanged(runId);
      socket.on("disconnect", () => hub.tallyChanged(runId));
    } else if (role === "display") {
      const view = await engine.openingView(run);
      if (!socket.connected) return;
      void socket.join(roleRoom(runId, role));
      socket.emit("audience:state", view);
      // The console is told whether the room has a display; its own preview of the display isn't one.
      if (!socket.data.preview) {
        hub.displaysChanged(runId);
        socket.on("disconnect", () => hub.displaysChanged(runId));
      }
    } else {
      const view = await engine.facilitatorView(run, hub.presence(runId), hub.signalCounts(runId));
      if (!socket.connected) return;
      void socket.join(roleRoom(runId, role));
      socket.emit("facilitator:state", view);
    }
  });
}

type Ack = (result: Result<unknown>) => void;

interface Dispatched {
  result: Result<unknown>;
  /** Tells the other screens, given what the sender was acknowledged with. */
  broadcast?: (acknowledged: unknown) => void;
}

/*
 * Per message, the dispatcher makes no `const f = () => …`: the server runs through tsx, which keeps function names
 * by renaming each such closure with Object.defineProperty when it is made, and at 10,000 answers a second that
 * showed in the profile (decision 018). Inline callbacks and module functions cost nothing of the kind.
 */

export interface Replying {
  logger: Logger;
  /** Tests only (NODE_ENV=test): a share of committed answers is never acknowledged, as on a flaky network. */
  dropsAck: (event: string, result: Result<unknown>) => boolean;
}

/** Acknowledges, then, on success only, tells the other screens. (Exported for its unit test.) */
export function reply({ result, broadcast }: Dispatched, event: string, ack: Ack | undefined, { logger, dropsAck }: Replying): void {
  if (!dropsAck(event, result)) ack?.(result);
  if (!result.ok || !broadcast) return;
  try {
    broadcast(result.data);
  } catch (error) {
    logger.error("broadcast failed", { event, error: describeError(error) });
  }
}

function failure(event: string, error: unknown, logger: Logger): Dispatched {
  logger.error("socket event failed", { event, error: describeError(error) });
  return { result: fail("server-error", { reason: "socket.serverError" }) };
}

/**
 * `sender` is the connection's data (a socket's, or a form's: form-phones.ts).
 * Validate → persist (in the handler) → and hand back the ack and what to broadcast after it. Synchronous for a
 * refusal before the handler and for a handler that doesn't wait; a promise when it waits (for storage, an answer
 * for its group commit, a phone's `run:sync` for its turn). A handler that throws or rejects is answered
 * server-error and logged. (Exported for its unit test.)
 */
export function dispatch(sender: SocketData, event: string, payload: unknown, context: HandlerContext, logger: Logger): Dispatched | Promise<Dispatched> {
  if (!Object.hasOwn(handlers, event)) return { result: fail("unknown-event", { reason: "socket.unknownEvent", params: { event } }) };
  const handler = handlers[event as keyof typeof handlers] as unknown as AnyHandler;
  if (!handler.roles.includes(sender.role)) return { result: fail("forbidden", { reason: "socket.notThisScreen" }) };
  const parsed = (payloadSchemas[event as keyof typeof payloadSchemas] as z.ZodType).safeParse(payload ?? {});
  if (!parsed.success) return { result: fail("invalid-payload", { reason: "socket.badShape", params: { event } }) };
  const broadcast = handler.broadcast && ((acknowledged: unknown) => handler.broadcast!(context, sender, parsed.data, acknowledged));
  try {
    const result = handler.handle(context, sender, parsed.data);
    if (!(result instanceof Promise)) return { result, broadcast };
    return result.then(
      (settled) => ({ result: settled, broadcast }),
      // The group commit resolves every answer, failed or not; `run:end` rejects when a turn of the end fails (after
      // telling the run's screens what is true now). The sender gets a server-error ack rather than silence.
      (error: unknown) => failure(event, error, logger),
    );
  } catch (error) {
    return failure(event, error, logger);
  }
}

interface AnyHandler {
  roles: readonly string[];
  handle(ctx: HandlerContext, socket: SocketData, payload: unknown): Result<unknown> | Promise<Result<unknown>>;
  broadcast?(ctx: HandlerContext, socket: SocketData, payload: unknown, acknowledged: unknown): void;
}

