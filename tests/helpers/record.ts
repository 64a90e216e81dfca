import { TALLY_INTERVAL_MS } from "../../server/socket/hub";

import type { Tally } from "~/realtime/events";

import { emit, type TestSocket } from "./clients";

/** One message a client received: an event, or the reply to its `run:sync`. */
export interface Received {
  /** The name the test gave the client ("display", "phone 2", …). */
  from: string;
  event: string;
  payload: any;
}

/**
 * Records everything some clients receive, in arrival order, so a test can
 * prove what a screen was never sent. Attach it before the client connects
 * (`onSocket: recorder.attach(name)`) to catch the first snapshot too.
 */
export class Recorder {
  readonly events: Received[] = [];
  private readonly sockets = new Map<string, TestSocket>();
  private readonly listeners = new Set<() => void>();

  /** For `connect…({ onSocket })`: records every event this socket receives from its creation on. */
  attach(name: string): (socket: TestSocket) => void {
    return (socket) => this.watch(name, socket);
  }

  watch(name: string, socket: TestSocket): void {
    this.sockets.set(name, socket);
    socket.onAny((event: string, payload: unknown) => this.push({ from: name, event, payload }));
  }

  /** What these clients (all, if none is named) received. */
  from(...names: string[]): Received[] {
    return names.length === 0 ? this.events : this.events.filter((entry) => names.includes(entry.from));
  }

  /** Everything these clients received, as one JSON text (to look for text that must never appear). */
  json(...names: string[]): string {
    return JSON.stringify(this.from(...names));
  }

  /** The number of messages so far: pass it to `waitFor` to wait for a message after this point. */
  mark(): number {
    return this.events.length;
  }

  /** Resolves with the first message from `since` on that passes `accept` (already received, or still to come). */
  waitFor(accept: (entry: Received) => boolean, since = 0, timeoutMs = 5000): Promise<Received> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(since).find(accept);
        if (!found) return false;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`No matching message within ${timeoutMs} ms; received: ${this.json().slice(-2000)}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(listener);
    });
  }

  /**
   * A sync point: waits out the coalescing interval once (the server runs in
   * this process, so its pending tally timer fires first), then does a
   * `run:sync` round trip on every recorded client, recording the replies.
   * Afterwards, everything the server sent before is in `events`.
   */
  async settle(): Promise<void> {
    await releaseClockTick();
    await this.sync();
  }

  /** `run:sync` on every recorded client (or the named ones), recording each reply. */
  async sync(...names: string[]): Promise<void> {
    const targets = [...this.sockets].filter(([name, socket]) => socket.connected && (names.length === 0 || names.includes(name)));
    await Promise.all(
      targets.map(async ([name, socket]) => {
        const ack = await emit(socket, "run:sync", {});
        if (!ack.ok) throw new Error(`run:sync failed for ${name}: ${JSON.stringify(ack)}`);
        this.push({ from: name, event: "run:sync", payload: ack.data });
      }),
    );
  }

  private push(entry: Received): void {
    this.events.push(entry);
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Waits out the coalescing interval and a tick of the release clock, which test servers run every 100 ms
 * (RELEASE_INTERVAL_SECONDS = 0.1, tests/helpers/server.ts). The server runs in this process and set its timers
 * before the acknowledgement this follows, so they fire first.
 */
export function releaseClockTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, TALLY_INTERVAL_MS + 20));
}

/** Every value of `key` anywhere inside `value` (objects and arrays, however deep). */
export function valuesOfKey(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesOfKey(item, key));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([name, inner]) => [...(name === key ? [inner] : []), ...valuesOfKey(inner, key)]);
}

/** What a set of messages holds, minus each phone's own stored answer (`mine`: its own words, sent only to it). */
export function publicJson(entries: Received[]): string {
  return JSON.stringify(entries, (key, value: unknown) => (key === "mine" ? undefined : value));
}

/** The last results a client was sent, as a tally (undefined unless they were shown). */
export function lastTally(audience: Recorder, name: string): Tally | undefined {
  const results = audience
    .from(name)
    .map((entry) => entry.payload?.results)
    .filter(Boolean)
    .at(-1);
  return results?.status === "shown" ? results.tally : undefined;
}
