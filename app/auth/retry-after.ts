import type { HeadersFunction } from "@remix-run/node";

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
