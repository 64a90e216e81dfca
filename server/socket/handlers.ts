import type { z } from "zod/v4";

import type { ClientToServerEvents, PromptAction, Result, Role, SocketData } from "~/realtime/events";
import type { payloadSchemas } from "~/realtime/schemas";
import type { ResponseWriter } from "~/runs/engine/answer-path.server";
import { fail, ok } from "~/domain/result";
import type { RunEngine, Views } from "~/runs/run-engine.server";

import type { RunHub } from "./hub";
import type { QuestionsPerAddress } from "./questions-per-address";
import type { SyncQueue } from "./sync-queue";

export interface HandlerContext {
  engine: RunEngine;
  hub: RunHub;
  writer: ResponseWriter;
  questionsPerAddress: QuestionsPerAddress;
  /** The answers to phones' and displays' `run:sync`, a slice per turn. */
  syncs: SyncQueue<Views>;
}

type EventName = keyof ClientToServerEvents;
type Payload<E extends EventName> = z.output<(typeof payloadSchemas)[E]>;
type AckData<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Result<infer T> ? T : never;

/**
 * One entry per event: who may send it, and what it does. The dispatcher
 * validates the payload first; `handle` persists and returns (or resolves to) the ack; then,
 * only after the ack and only on success, `broadcast` tells the other screens.
 */
interface Handler<E extends EventName> {
  roles: readonly Role[];
  handle(ctx: HandlerContext, socket: SocketData, payload: Payload<E>): Result<AckData<E>> | Promise<Result<AckData<E>>>;
  /** `acknowledged`: what the sender was acknowledged with. */
  broadcast?(ctx: HandlerContext, socket: SocketData, payload: Payload<E>, acknowledged: AckData<E>): void;
}

/** A connection can send the same signal again after this long. */
export const SIGNAL_REPEAT_MS = 60_000;

/** A connection can send another question after this long: a person types one at a time, a script can't flood the queue. */
export const QUESTION_REPEAT_MS = 20_000;

// The hub's publishes never reject: a failure goes to its onError.
const publishState = (ctx: HandlerContext, socket: SocketData) => void ctx.hub.publishState(socket.runId);

/** What `run:sync` answers: the sender's snapshot as its role gets it, built now (with `views`' reads, when given). */
function snapshotFor(ctx: HandlerContext, socket: SocketData, views?: Views): Promise<Result<AckData<"run:sync">>> {
  return views ? snapshotOn(ctx, socket, views) : ctx.engine.sharedReads((own) => snapshotOn(ctx, socket, own));
}

async function snapshotOn(ctx: HandlerContext, socket: SocketData, views: Views): Promise<Result<AckData<"run:sync">>> {
  const run = await views.loadRun(socket.runId);
  if (!run) return fail("not-found", { reason: "noSuchSession" });
  if (socket.role === "participant") return ok(await views.participantSnapshot(run, socket.device!));
  if (socket.role === "display") return ok(await views.openingView(run));
  return ok(await views.facilitatorView(run, ctx.hub.presence(socket.runId), ctx.hub.signalCounts(socket.runId)));
}

function promptHandler<A extends PromptAction>(action: A): Handler<`prompt:${A}`> {
  const handler: Handler<"prompt:open"> = {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.changePrompt(socket.runId, payload.promptId, action),
    broadcast: publishState,
  };
  // Every prompt:* event has the same payload and acknowledgement.
  return handler as unknown as Handler<`prompt:${A}`>;
}

export const handlers: { [E in EventName]: Handler<E> } = {
  "response:submit": {
    roles: ["participant"],
    async handle(ctx, socket, payload) {
      const prepared = await ctx.engine.prepareResponse(socket.runId, socket.device!, payload.promptId, payload.answer, socket.joinedAt);
      if (!prepared.ok) return prepared;
      const { write, answer } = prepared.data;
      const committed = await ctx.writer.submit(write);
      return committed.ok ? ok({ id: payload.id, promptId: payload.promptId, answer }) : committed;
    },
    broadcast: (ctx, socket) => ctx.hub.tallyChanged(socket.runId),
  },
  "run:sync": {
    roles: ["participant", "display", "facilitator"],
    handle(ctx, socket) {
      // A console's is answered at once: a run has a few, and the facilitator shouldn't wait behind the room's phones.
      if (socket.role === "facilitator") return snapshotFor(ctx, socket);
      // Phones and displays wait their turn, runs taking turns (decision 046); one whose connection closed meanwhile
      // is dropped, and a second from a connection whose first still waits gets the same reply.
      return ctx.syncs.add(socket.runId, socket, () => !socket.gone, (views) => snapshotFor(ctx, socket, views));
    },
  },
  "slide:go": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.goToSlide(socket.runId, payload.index),
    broadcast: publishState,
  },
  "prompt:open": promptHandler("open"),
  "prompt:close": promptHandler("close"),
  "prompt:reveal": promptHandler("reveal"),
  "prompt:hide": promptHandler("hide"),
  "run:end": {
    roles: ["facilitator"],
    handle: (ctx, socket) =>
      ctx.engine.endRun(socket.runId).catch((error: unknown) => {
        // The end closes open prompts a turn at a time before ending the run (decision 047); those closes are
        // committed. If a later turn fails, the screens are told what is true now, and the sender gets server-error.
        // (Should the database fail again, the hub reports that on its own.)
        void ctx.hub.publishState(socket.runId);
        throw error;
      }),
    broadcast: publishState,
  },
  "run:pause": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setPaused(socket.runId, payload.paused),
    broadcast: publishState,
  },
  "display:blank": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setBlanked(socket.runId, payload.blanked),
    broadcast: publishState,
  },
  "countdown:set": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setCountdown(socket.runId, payload.seconds),
    broadcast: publishState,
  },
  "moderation:set": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.moderate(socket.runId, payload.promptId, payload.text, payload.action),
    broadcast: publishState,
  },
  "spotlight:set": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setSpotlight(socket.runId, payload.promptId, payload.text),
    broadcast: publishState,
  },
  "agreement:accept": {
    roles: ["participant"],
    handle: async (ctx, socket, payload) => ctx.engine.acceptAgreement(socket.runId, socket.device!, payload.slideIndex),
    broadcast: (ctx, socket) => ctx.hub.tallyChanged(socket.runId),
  },
  "signal:send": {
    roles: ["participant"],
    async handle(ctx, socket, payload) {
      const run = await ctx.engine.loadRun(socket.runId);
      if (!run || run.row.state !== "live") return fail("run-ended", { reason: "ended" });
      // One of each kind per connection per minute: a second tap is an accident, not a second person. (Checked and
      // marked after the run is read, in one step: of two taps read together, the second finds the first's mark.)
      const now = Date.now();
      const last = socket.signalledAt?.[payload.kind];
      if (last !== undefined && now - last < SIGNAL_REPEAT_MS) return fail("too-many", { reason: "socket.justSent" });
      socket.signalledAt = { ...socket.signalledAt, [payload.kind]: now };
      return ok({ sent: true as const });
    },
    broadcast: (ctx, socket, payload) => ctx.hub.signalReceived(socket.runId, payload.kind),
  },
  "question:send": {
    roles: ["participant"],
    async handle(ctx, socket, payload) {
      const now = Date.now();
      const since = socket.askedAt === undefined ? Infinity : now - socket.askedAt;
      if (since < QUESTION_REPEAT_MS) return fail("too-many", { reason: "questions.justSent", params: { seconds: Math.ceil((QUESTION_REPEAT_MS - since) / 1000) } });
      // A fresh connection has no wait of its own: the address's count for the last minute holds across reconnects.
      const address = socket.address ?? "unknown";
      if (!ctx.questionsPerAddress.allows(socket.runId, address)) return fail("too-many", { reason: "questions.manyFromHere" });
      // Counted before it is stored, so questions sent while this one is being stored are counted with it; given
      // back if it isn't stored.
      const askedBefore = socket.askedAt;
      socket.askedAt = now;
      ctx.questionsPerAddress.record(socket.runId, address);
      let stored = false;
      try {
        const sent = await ctx.engine.sendQuestion(socket.runId, payload.text);
        stored = sent.ok;
        return sent;
      } finally {
        if (!stored) {
          if (socket.askedAt === now) socket.askedAt = askedBefore;
          ctx.questionsPerAddress.withdraw(socket.runId, address);
        }
      }
    },
    broadcast: (ctx, socket, _payload, sent) => ctx.hub.questionReceived(socket.runId, sent.id),
  },
  "question:vote": {
    roles: ["participant"],
    handle: async (ctx, socket, payload) => ctx.engine.voteQuestion(socket.runId, socket.device!, payload.questionId, socket.joinedAt),
    // Not the answers' path: nobody is told of the vote itself, and the count moves only at a release, after a random delay.
    broadcast: (ctx, socket) => ctx.hub.voteReceived(socket.runId),
  },
  "questions:open": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setQuestionsOpen(socket.runId, payload.open, payload.slide),
    broadcast: publishState,
  },
  "questions:hide-waiting": {
    roles: ["facilitator"],
    handle: async (ctx, socket) => ctx.engine.hideWaitingQuestions(socket.runId),
    broadcast: publishState,
  },
  "question:set": {
    roles: ["facilitator"],
    handle: async (ctx, socket, payload) => ctx.engine.setQuestion(socket.runId, payload.questionId, payload.action),
    broadcast: publishState,
  },
};
