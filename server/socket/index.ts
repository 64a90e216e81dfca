import type http from "node:http";

import { Server, type Socket } from "socket.io";
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
import type { RunEngine } from "~/runs/run-engine.server";

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
  deps: { engine: RunEngine; accounts: Accounts; codeGuesses: CodeGuesses; config: Config; logger: Logger; hub?: HubOptions },
): Realtime {
  const { engine, logger } = deps;
  const io: BesideIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers, deps.config)),
  });
  const hub = new RunHub(io, engine, (error) => logger.error("broadcast failed", { error: describeError(error) }), deps.hub);
  const writer = new ResponseWriter(
    (writes) => engine.commitResponses(writes),
    (error) => logger.error("answers could not be committed", { error: describeError(error) }),
  );
  const syncs = new SyncQueue(SYNCS_PER_TURN, (answerSlice) => engine.sharedReads(answerSlice));
  const context: HandlerContext = { engine, hub, writer, questionsPerAddress: new QuestionsPerAddress(QUESTIONS_PER_ADDRESS_PER_MINUTE), syncs };
  const replying: Replying = {
    logger,
    dropsAck: (event, result) =>
      event === "response:submit" && result.ok && deps.config.TEST_DROP_ACKS > 0 && Math.random() < deps.config.TEST_DROP_ACKS,
  };

  const cap = new ParticipantCap(deps.config.PARTICIPANTS_PER_ADDRESS);
  // Phones answering by form count as connected, as sockets do, while they are remembered (form-phones.ts).
  const formPhones = new FormPhones(context, logger, cap, (runId) => {
    if (engine.loadRun(runId)?.row.state === "live") engine.recordParticipants(runId, hub.connectedParticipants(runId));
    hub.tallyChanged(runId);
  });
  hub.countAlso((runId) => formPhones.count(runId));
  io.use((socket, next) => {
    try {
      const auth = handshakeSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error("invalid-payload"));
      const cookies = socket.request.headers.cookie;
      const sessionToken = sessionTokenOf(cookies);
      // The console's preview of the display is the console's: it needs what the console needs (decision 027).
      const preview = auth.data.role === "display" && auth.data.preview === true;
      const asConsole = auth.data.role === "facilitator" || preview;
      const account = asConsole ? deps.accounts.accountForSession(sessionToken) : undefined;
      // Phones and displays look codes up as the join pages do: an address that got too many wrong is refused any
      // code for a while (decision 023). A signed-in console isn't counted, so a room's mistakes never lock it out.
      const lookup = account ? undefined : deps.codeGuesses.lookUp(socket.request.socket.remoteAddress, auth.data.code);
      if (lookup?.found === "too-many") return next(Object.assign(new Error("too-many"), { data: { retryAfterSeconds: lookup.retryAfterSeconds } }));
      const run = lookup ? (lookup.found === "run" ? lookup.run : undefined) : engine.loadRunByCode(auth.data.code);
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
        joinedAt: auth.data.role === "participant" ? performance.now() : undefined,
        staff,
        preview: preview ? true : undefined,
      };
      next();
    } catch (error) {
      logger.error("handshake failed", { error: describeError(error) });
      next(new Error("server-error"));
    }
  });

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
    try {
      welcome(socket, engine, hub);
    } catch (error) {
      logger.error("could not send a snapshot", { role: socket.data.role, error: describeError(error) });
      socket.disconnect(true);
      return;
    }
    // A reply still waiting its turn for this connection (a phone's run:sync) is then dropped.
    socket.on("disconnect", () => (socket.data.gone = true));
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
      // command line) or run out, which no listener here hears of.
      const staff = socket.data.staff;
      if (staff && !deps.accounts.isLiveSession(staff.sessionHash)) {
        ack?.(fail("forbidden", { reason: "socket.signedOut" }));
        socket.disconnect(true);
        return;
      }
      const dispatched = dispatch(socket.data, event, args[0], context, logger);
      if (dispatched instanceof Promise) void dispatched.then((settled) => reply(settled, event, ack, replying));
      else reply(dispatched, event, ack, replying);
    });
  });

  return {
    io,
    hub,
    writer,
    formPhones,
    close: () =>
      new Promise((resolve) => {
        // Commit what was received, then stop talking: no timer may outlive the database.
        writer.flush();
        engine.savePeaks();
        hub.close();
        formPhones.close();
        syncs.close();
        void io.close(() => resolve());
      }),
  };
}

/**
 * Joins the socket to its run's room for its role and sends its snapshot, in
 * one synchronous step, so no broadcast can reach it before the snapshot.
 */
function welcome(socket: BesideSocket, engine: RunEngine, hub: RunHub): void {
  const { role, runId } = socket.data;
  const run = engine.loadRun(runId);
  if (!run) throw new Error(`run ${runId} could not be loaded`);
  void socket.join(roleRoom(runId, role));
  if (role === "participant") {
    socket.emit("participant:snapshot", engine.participantSnapshot(run, socket.data.device!));
    if (run.row.state === "live") engine.recordParticipants(runId, hub.connectedParticipants(runId));
    hub.tallyChanged(runId);
    socket.on("disconnect", () => hub.tallyChanged(runId));
  } else if (role === "display") {
    socket.emit("audience:state", engine.openingView(run));
    // The console is told whether the room has a display; its own preview of the display isn't one.
    if (!socket.data.preview) {
      hub.displaysChanged(runId);
      socket.on("disconnect", () => hub.displaysChanged(runId));
    }
  } else {
    socket.emit("facilitator:state", engine.facilitatorView(run, hub.presence(runId), hub.signalCounts(runId)));
  }
}

type Ack = (result: Result<unknown>) => void;

interface Dispatched {
  result: Result<unknown>;
  broadcast?: () => void;
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
    broadcast();
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
 * Validate → persist (in the handler) → and hand back the ack and what to broadcast after it. Synchronous unless
 * the handler waits (an answer waits for its group commit, a phone's `run:sync` for its turn): every message is
 * handled, and most are answered, in the turn that read it. (Exported for its unit test.)
 */
export function dispatch(sender: SocketData, event: string, payload: unknown, context: HandlerContext, logger: Logger): Dispatched | Promise<Dispatched> {
  if (!Object.hasOwn(handlers, event)) return { result: fail("unknown-event", { reason: "socket.unknownEvent", params: { event } }) };
  const handler = handlers[event as keyof typeof handlers] as unknown as AnyHandler;
  if (!handler.roles.includes(sender.role)) return { result: fail("forbidden", { reason: "socket.notThisScreen" }) };
  const parsed = (payloadSchemas[event as keyof typeof payloadSchemas] as z.ZodType).safeParse(payload ?? {});
  if (!parsed.success) return { result: fail("invalid-payload", { reason: "socket.badShape", params: { event } }) };
  const broadcast = handler.broadcast && (() => handler.broadcast!(context, sender, parsed.data));
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
  broadcast?(ctx: HandlerContext, socket: SocketData, payload: unknown): void;
}

