/**
 * The message bus between Beside processes (issue 20, design §5 and §6): typed messages on the Redis pub/sub channel
 * `beside:bus`, delivered to every process, this one included. Without REDIS_URL, `LocalBus` has the same interface
 * and delivers to this process only.
 *
 * Pub/sub keeps nothing: a process that is away while a message goes misses it, and nothing is queued while the bus is
 * down (`publish` says false, and the caller falls back to what one process can do alone). What a process must not
 * miss is sent again when the bus comes back (the state of each run, presence), never replayed.
 */
import { randomUUID } from "node:crypto";

import { z } from "zod/v4";

import { describeError, type Logger } from "../logger";
import { hubMessageSchema, type HubMessage } from "./hub-messages";
import type { Redis, RedisClient } from "./redis";

export const BUS_CHANNEL = "beside:bus";

/** What processes tell each other: the hub's notices (hub-messages.ts). */
export const busMessageSchema = hubMessageSchema;
export type BusMessage = HubMessage;

/** What travels on the channel: the message and the process that sent it (so that it skips its own). */
const envelopeSchema = z.object({ from: z.string().min(1).max(100), message: busMessageSchema });

/** `from`: the sending process's name on the bus (new at each of its starts). */
export type BusHandler = (message: BusMessage, origin: { fromSelf: boolean; from: string }) => void;

export interface Bus {
  /** True while messages reach the other processes (Redis ready, and subscribed). Always true for `LocalBus`. */
  readonly up: boolean;
  /** Messages received that were not valid (not JSON, an unknown kind, a wrong field): dropped, never thrown. */
  readonly dropped: number;
  /** Sends to every process, this one included; false (and nothing sent or queued) while the bus is down. */
  publish(message: BusMessage): boolean;
  /** Every message, this process's own included, in the order this process sees them. Returns the way to stop. */
  on(handler: BusHandler): () => void;
  /** When the bus comes up again after being down. */
  onUp(listener: () => void): () => void;
  /** When the bus goes down. */
  onDown(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Delivery in one line: messages, this process's own and others', are handed to the handlers in the order they came,
 * never inside `publish`'s call (a handler may publish), and a handler that throws is logged, not passed on.
 */
class Deliveries {
  readonly #handlers = new Set<BusHandler>();
  readonly #queue: Array<[BusMessage, string | undefined]> = [];
  #scheduled = false;

  constructor(
    private readonly log: Logger,
    private readonly self: string,
  ) {}

  on(handler: BusHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** `from`: another process's name, or undefined for this process's own message. */
  push(message: BusMessage, from: string | undefined): void {
    this.#queue.push([message, from]);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
      const [message, from] = next;
      for (const handler of this.#handlers) {
        try {
          handler(message, { fromSelf: from === undefined, from: from ?? this.self });
        } catch (error) {
          this.log.error("a bus message could not be handled", { kind: message.t, error: describeError(error) });
        }
      }
    }
  }

  clear(): void {
    this.#handlers.clear();
    this.#queue.length = 0;
  }
}

/** One process alone (no REDIS_URL): every message is this process's own. */
export class LocalBus implements Bus {
  readonly up = true;
  readonly dropped = 0;
  readonly #deliveries: Deliveries;

  constructor(log: Logger) {
    this.#deliveries = new Deliveries(log, "local");
  }

  publish(message: BusMessage): boolean {
    this.#deliveries.push(message, undefined);
    return true;
  }

  on(handler: BusHandler): () => void {
    return this.#deliveries.on(handler);
  }

  onUp(): () => void {
    return () => {};
  }

  onDown(): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.#deliveries.clear();
  }
}

/**
 * The bus on Redis pub/sub: PUBLISH on `redis.client`, SUBSCRIBE on a connection of its own (a subscribed connection
 * takes no other commands). A message is delivered here at once, and skipped when it comes back from Redis.
 */
export class RedisBus implements Bus {
  /** This process's name on the bus, new at every start. */
  readonly uid = randomUUID();
  #dropped = 0;
  #up = false;
  #closed = false;
  readonly #deliveries: Deliveries;
  readonly #ups = new Set<() => void>();
  readonly #downs = new Set<() => void>();

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly log: Logger,
    /** Redis answers: every connection ready, and PINGs answered (redis.ts). */
    private readonly answering: () => boolean,
  ) {
    this.#deliveries = new Deliveries(log, this.uid);
  }

  /** A bus on `redis`, subscribed before it returns. */
  static async open(redis: Redis, log: Logger): Promise<RedisBus> {
    const subscriber = await redis.duplicate();
    const bus = new RedisBus(redis.client, subscriber, log, () => redis.ready());
    await subscriber.subscribe(BUS_CHANNEL, (raw) => bus.#received(raw));
    // node-redis subscribes again by itself on reconnecting, before it says the connection is ready.
    for (const client of [redis.client, subscriber]) {
      client.on("ready", () => bus.#check());
      client.on("error", () => bus.#check());
      client.on("end", () => bus.#check());
    }
    bus.#check();
    // A Redis gone silent says nothing (redis.ts's watchdog notices): looked at twice a second too.
    bus.#watch = setInterval(() => bus.#check(), 500);
    bus.#watch.unref();
    return bus;
  }

  #watch: NodeJS.Timeout | undefined;

  get up(): boolean {
    return this.#up;
  }

  get dropped(): number {
    return this.#dropped;
  }

  publish(message: BusMessage): boolean {
    if (!this.#up || this.#closed) return false;
    const raw = JSON.stringify({ from: this.uid, message });
    // A publish the connection drops on the way is lost, as a message missed while down: logged, never thrown.
    this.publisher.publish(BUS_CHANNEL, raw).catch((error: unknown) => {
      this.log.error("a bus message could not be sent", { kind: message.t, error: describeError(error) });
    });
    this.#deliveries.push(message, undefined);
    return true;
  }

  on(handler: BusHandler): () => void {
    return this.#deliveries.on(handler);
  }

  onUp(listener: () => void): () => void {
    this.#ups.add(listener);
    return () => this.#ups.delete(listener);
  }

  onDown(listener: () => void): () => void {
    this.#downs.add(listener);
    return () => this.#downs.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#up = false;
    clearInterval(this.#watch);
    this.#deliveries.clear();
    this.#ups.clear();
    this.#downs.clear();
    if (this.subscriber.isOpen) this.subscriber.destroy();
  }

  #received(raw: string): void {
    if (this.#closed) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.#dropped++;
      return;
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success) {
      this.#dropped++;
      return;
    }
    if (envelope.data.from === this.uid) return;
    this.#deliveries.push(envelope.data.message, envelope.data.from);
  }

  #check(): void {
    if (this.#closed) return;
    const up = this.publisher.isReady && this.subscriber.isReady && this.answering();
    if (up === this.#up) return;
    this.#up = up;
    for (const listener of up ? this.#ups : this.#downs) {
      try {
        listener();
      } catch (error) {
        this.log.error(`a bus ${up ? "up" : "down"} listener failed`, { error: describeError(error) });
      }
    }
  }
}
