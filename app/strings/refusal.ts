import type { refusals } from "./en/refusals";

/** The refusals catalogue's type: every language's `refusals` part has it. */
export type Refusals = typeof refusals;

/** Every message of a catalogue part as a reason (its dotted path) with the parameters its message takes. */
type ReasonsOf<T, Path extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? { reason: `${Path}${K}`; params?: undefined }
    : T[K] extends (params: infer P) => string
      ? { reason: `${Path}${K}`; params: P }
      : ReasonsOf<T[K], `${Path}${K}.`>;
}[keyof T & string];

/**
 * Why the server refused something, as it travels: a reason such as "answers.scale" and its parameters
 * ({ min: 1, max: 5 }), never a sentence. Each page says it in its own language with `sayRefusal`.
 */
export type Refusal = ReasonsOf<Refusals>;
export type RefusalReason = Refusal["reason"];

/** A refusal as it arrives: a reason and plain parameters (app/realtime/events.ts). */
export interface RefusalOnTheWire {
  reason: string;
  params?: Readonly<Record<string, string | number>>;
}

/**
 * A refusal in a page's language. A reason this catalogue doesn't know (a newer server's) is said as the
 * server's general refusal, so a page never shows a path or nothing at all.
 */
export function sayRefusal(catalogue: Refusals, refusal: RefusalOnTheWire): string {
  return say(catalogue, refusal) ?? catalogue.socket.serverError;
}

/** The message at a dotted path of a catalogue (or a part of one), said with its parameters; undefined if there is none. */
export function say(catalogue: object, message: RefusalOnTheWire): string | undefined {
  let node: unknown = catalogue;
  for (const step of message.reason.split(".")) {
    node = typeof node === "object" && node !== null && Object.hasOwn(node, step) ? (node as Record<string, unknown>)[step] : undefined;
  }
  if (typeof node === "string") return node;
  if (typeof node === "function") return (node as (params: unknown) => string)(message.params ?? {});
  return undefined;
}

/** Whether a thrown page response's data is a message to say rather than text. */
export function isMessage(data: unknown): data is RefusalOnTheWire {
  return typeof data === "object" && data !== null && typeof (data as { reason?: unknown }).reason === "string";
}
