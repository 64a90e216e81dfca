import { createHash } from "node:crypto";

import type { FormEvent, FormPhone } from "~/context.server";
import type { Result, SocketData } from "~/realtime/events";
import { fail } from "~/runs/result";

import type { Logger } from "../logger";
import type { HandlerContext } from "./handlers";
import { dispatch, reply } from "./index";
import type { ParticipantCap } from "./participant-cap";

/** How long a form phone's memory (when it last sent each signal) is kept after its last post: a signal's repeat window. */
const FORGET_AFTER_MS = 60_000;

/**
 * A phone without its scripts: its answers, "I'm in" and signals arrive as plain form posts to the session's page
 * (app/routes/j.$code.tsx), and go through the socket's own dispatcher and handlers, so they are checked, stored,
 * acknowledged and told to the room exactly as the same message over a socket would be.
 *
 * A socket remembers when it last sent each signal for as long as it is connected; a form post has no connection, so
 * that memory is kept here for a minute after a phone's last post, under a hash of its run and secret (never the
 * secret itself), in memory only: never stored, never logged. For as long, the phone holds one of its network
 * address's places in the run (the sockets' `ParticipantCap`, shared), so a script that makes up a new secret for
 * every post can't bring more phones into a room than one that opens sockets.
 */
export class FormPhones {
  /** Per phone (by hash): when it last sent each signal, its last post, and the address whose place it holds. */
  private readonly phones = new Map<string, { runId: string; signalledAt: SocketData["signalledAt"]; lastPost: number; address: string }>();

  constructor(
    private readonly context: HandlerContext,
    private readonly logger: Logger,
    private readonly cap: ParticipantCap,
    private readonly now: () => number = Date.now,
  ) {}

  /** `address`: the post's network address (addressKey), a key of the shared cap while the phone is remembered. */
  async participate(phone: FormPhone, event: FormEvent, payload: unknown, address: string): Promise<Result<unknown>> {
    const memory = this.remember(phone, address);
    if (!memory) return fail("too-many", { reason: "forms.manyPhones" });
    // As a socket's data for this one message; the secret itself is kept nowhere after it.
    const data: SocketData = { role: "participant", runId: phone.runId, device: phone.device, joinedAt: phone.joinedAt, signalledAt: memory.signalledAt };
    const dispatched = await dispatch(data, event, payload, this.context, this.logger);
    memory.signalledAt = data.signalledAt;
    reply(dispatched, event, undefined, { logger: this.logger, dropsAck: () => false });
    return dispatched.result;
  }

  /** The phone's memory, made on its first post while its address has a place for it; undefined when none is left. */
  private remember(phone: FormPhone, address: string) {
    const now = this.now();
    // Kept in the order of their last post (each post moves its phone to the end): the stale ones are at the start.
    for (const [key, stale] of this.phones) {
      if (now - stale.lastPost <= FORGET_AFTER_MS) break;
      this.phones.delete(key);
      this.cap.release(stale.runId, stale.address);
    }
    const key = createHash("sha256").update(`${phone.runId}\n${phone.device}`).digest("base64url");
    const known = this.phones.get(key);
    if (!known && !this.cap.take(phone.runId, address)) return undefined;
    this.phones.delete(key);
    const memory = { runId: phone.runId, signalledAt: known?.signalledAt, lastPost: now, address: known?.address ?? address };
    this.phones.set(key, memory);
    return memory;
  }
}
