import type { ErrorCode, Result } from "~/realtime/events";

/** The one shape every change returns, to a Remix action or a socket ack alike. */
export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}
