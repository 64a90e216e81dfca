import { createHash } from "node:crypto";

import type { FormEvent, FormPhone } from "~/context.server";
import type { Result, SocketData } from "~/realtime/events";
import { fail } from "~/domain/result";

import type { Logger } from "../logger";
import type { HandlerContext } from "./handlers";
import { dispatch, reply } from "./index";
import type { ParticipantCap } from "./participant-cap";

/**
 * How long a form phone is remembered after it was last heard from (a post, or a view of the session's page, which
 * refreshes itself every 15 s without scripts): its memory of signals, its place under its address's cap, and the
 * moment it is known to have been here since, which is what its entry mark is honoured up to.
 */
export const FORGET_AFTER_MS = 10 * 60_000;
/** How often the phones not heard from for FORGET_AFTER_MS are forgotten, posts or none. */
const SWEEP_EVERY_MS = 30_000;

interface Memory {
  runId: string;
  signalledAt: SocketData["signalledAt"];
  /** When it was last heard from (the `now` clock). */
  lastSeen: number;
  /** The address whose place it holds. */
  address: string;
  /** Since when it has been remembered without a break (Date.now() ms, as `joinedAt`; not the `now` clock, which tests set). */
  since: number;
}

/**
 * A phone without its scripts: its answers, "I'm in" and signals arrive as plain form posts to the session's page
 * (app/routes/j.$code.tsx), and go through the socket's own dispatcher and handlers, so they are checked, stored,
 * acknowledged and told to the room exactly as the same message over a socket would be.
 *
 * A socket is a phone's presence: it holds a place under its address's cap (`ParticipantCap`), counts as connected,
 * and remembers when it last sent each signal, for as long as it is open. A form phone has no connection, so the same
 * is kept here, from its entering (or its first post or page view) until FORGET_AFTER_MS after it was last heard
 * from, under a hash of its run and secret (never the secret itself), in memory only: never stored, never logged.
 * So a script that makes up a new secret for every post can't bring more phones into a room than one that opens
 * sockets, and its phones count on the console as a socket's would. An entry mark (the signed moment it entered) is
 * honoured only back to when the phone was last remembered from: marks kept aside and spent later count as entering
 * then, as a socket opened then would. When the same phone's socket connects (its scripts arrived), it is forgotten
 * here, and its place is the socket's.
 */
export class FormPhones {
  /** Per phone (by hash), in the order they were last heard from: the stale ones are at the start. */
  private readonly phones = new Map<string, Memory>();
  /** Per run, how many of them there are: asked for at every tally and every connection (RunHub.connectedParticipants). */
  private readonly perRun = new Map<string, number>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly context: HandlerContext,
    private readonly logger: Logger,
    private readonly cap: ParticipantCap,
    /** A run's form phones changed in number: the console's count and the run's peak follow. */
    private readonly onCountChanged: (runId: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.sweep = setInterval(() => this.forgetStale(), SWEEP_EVERY_MS).unref();
  }

  /** `address`: the post's network address (addressKey), a key of the shared cap while the phone is remembered. */
  async participate(phone: FormPhone, event: FormEvent, payload: unknown, address: string): Promise<Result<unknown>> {
    const memory = this.remember(phone, address);
    if (!memory) return fail("too-many", { reason: "forms.manyPhones" });
    // As a socket's data for this one message; the secret itself is kept nowhere after it. Its signals are read and
    // marked in the phone's memory itself, as a socket's in its one data: two posts handled at once see each other's.
    const joinedAt = Math.max(phone.joinedAt, memory.since);
    const data: SocketData = {
      role: "participant",
      runId: phone.runId,
      device: phone.device,
      joinedAt,
      get signalledAt() {
        return memory.signalledAt;
      },
      set signalledAt(signalledAt) {
        memory.signalledAt = signalledAt;
      },
    };
    const dispatched = await dispatch(data, event, payload, this.context, this.logger);
    reply(dispatched, event, undefined, { logger: this.logger, dropsAck: () => false });
    return dispatched.result;
  }

  /** "Join the session" by form: the phone takes its place, refused as a post would be when its address has none left. */
  enter(phone: Pick<FormPhone, "runId" | "device">, address: string): Result<{ entered: true }> {
    return this.remember(phone, address) ? { ok: true, data: { entered: true } } : fail("too-many", { reason: "forms.manyPhones" });
  }

  /** The session's page seen by a phone that entered: it is still here. Nothing is refused, as the page shows anyway. */
  seen(phone: Pick<FormPhone, "runId" | "device">, address: string): void {
    this.remember(phone, address);
  }

  /** The phone's socket connected: the socket is its presence from now on, with the place it took. */
  connected(runId: string, device: string): void {
    const key = keyOf(runId, device);
    const memory = this.phones.get(key);
    if (!memory) return;
    this.forget(key, memory);
  }

  /** The run's phones remembered here, as its connected sockets are counted. */
  count(runId: string): number {
    return this.perRun.get(runId) ?? 0;
  }

  close(): void {
    clearInterval(this.sweep);
  }

  /** The phone's memory, made on its first post while its address has a place for it; undefined when none is left. */
  private remember(phone: Pick<FormPhone, "runId" | "device">, address: string): Memory | undefined {
    this.forgetStale();
    const key = keyOf(phone.runId, phone.device);
    const known = this.phones.get(key);
    if (!known && !this.cap.take(phone.runId, address)) return undefined;
    this.phones.delete(key);
    const memory: Memory = known ?? { runId: phone.runId, signalledAt: undefined, lastSeen: 0, address, since: Date.now() };
    memory.lastSeen = this.now();
    this.phones.set(key, memory);
    if (!known) this.counted(phone.runId, +1);
    return memory;
  }

  private forgetStale(): void {
    const now = this.now();
    for (const [key, stale] of this.phones) {
      if (now - stale.lastSeen <= FORGET_AFTER_MS) break;
      this.forget(key, stale);
    }
  }

  private forget(key: string, memory: Memory): void {
    this.phones.delete(key);
    this.cap.release(memory.runId, memory.address);
    this.counted(memory.runId, -1);
  }

  private counted(runId: string, change: 1 | -1): void {
    const phones = this.count(runId) + change;
    if (phones > 0) this.perRun.set(runId, phones);
    else this.perRun.delete(runId);
    this.onCountChanged(runId);
  }
}

function keyOf(runId: string, device: string): string {
  return createHash("sha256").update(`${runId}\n${device}`).digest("base64url");
}
