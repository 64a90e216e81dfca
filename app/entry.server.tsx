import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

// Every catalogue at hand before the first page is drawn (app/strings/index.ts).
import "~/strings/catalogues.server";
import { NonceContext } from "~/utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * Remix's own Node entry, with one change: every inline script of the page (Remix's hydration data, and any React
 * streams) carries the response's CSP nonce, which server/headers.ts put in the policy.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every page is sent whole, parts that load on their own (a phone's results, a ranking's list) drawn in place: a
  // page streamed in pieces puts them in place with a script, which a phone without scripts never runs. Beside's
  // pages are small and drawn from memory, so waiting for all of it costs milliseconds.
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady: ready,
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while rendering the shell reject and are logged by Remix; later ones only here.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * What Remix prints of an error. Its default prints the router's own refusals too, "No route matches URL "/…"",
 * with the address asked for: a phone's guessed path, a mistyped facilitator link and its secret. Those are answers
 * (404, 405), not faults, and leave no line; a fault is printed without the request. As by default, tests and
 * requests the browser gave up on print nothing.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || context.beside.config.NODE_ENV === "test") return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
};
