import type { Refusal } from "~/strings/refusal";

export type ErrorCode =
  | "invalid-payload"
  | "forbidden"
  | "not-found"
  | "run-ended"
  | "prompt-not-open"
  | "invalid-answer"
  | "unknown-event"
  | "too-many"
  | "paused"
  | "server-error";

/** What the server answers to a command: its data, or a code and why (a reason and its parameters, never a sentence: docs/realtime.md §10). */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; reason: string; params?: Readonly<Record<string, string | number>> } };
/** What a staff service answers to a form: its data, or a code and the staff page's message. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The one shape every change of a run returns, to a socket ack or a Remix action alike: a code and why, never a sentence. */
export function fail<T = never>(code: ErrorCode, refusal: Refusal): Result<T> {
  return { ok: false, error: { code, ...refusal } };
}

/** A staff service's refusal, in the staff page's own words. */
export function refused<T = never>(code: ErrorCode, message: string): Outcome<T> {
  return { ok: false, error: { code, message } };
}

export function ok<T>(data: T): Result<T> & Outcome<T> {
  return { ok: true, data };
}
