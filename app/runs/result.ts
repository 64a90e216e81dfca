import type { ErrorCode, Outcome, Result } from "~/realtime/events";
import type { Refusal } from "~/strings/refusal";

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
