import type { HeadersFunction } from "@remix-run/node";

import type { ErrorCode } from "~/realtime/events";

/**
 * A route's `headers` for pages whose action can answer 429: without it, a
 * form posted without JavaScript gets the page back without the action's
 * Retry-After (Remix keeps only Set-Cookie from an action by default).
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/**
 * The status and headers of a refused change that checks or sets a password: with Retry-After, 503 while
 * the server is busy checking passwords, 429 while the throttle holds the address; else `status`.
 */
export function refusalInit(refused: { error: { code: ErrorCode }; retryAfterSeconds?: number; busy?: boolean }, status: number): ResponseInit {
  if (refused.error.code !== "too-many") return { status };
  return { status: refused.busy ? 503 : 429, headers: refused.retryAfterSeconds ? { "Retry-After": String(refused.retryAfterSeconds) } : {} };
}
