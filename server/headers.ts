import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { RequestHandler } from "express";
import helmet from "helmet";

import type { Config } from "~/config/env.server";

/** This response's CSP nonce, set by securityHeaders before anything else runs. */
export function cspNonceOf(res: ServerResponse): string {
  return (res as ServerResponse & { locals: { cspNonce: string } }).locals.cspNonce;
}

/** The realtime socket by host: older phone browsers don't count ws: as 'self'. A Host header that isn't one is left out. */
function socketSources(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && /^[a-z0-9.:[\]-]+$/i.test(host) ? `ws://${host} wss://${host}` : "";
}

/**
 * Only the audience display may be framed, and only by this server's own pages: the console shows it as a
 * thumbnail (decision 027). Every other page may be framed by nobody.
 */
function framedBySelf(req: IncomingMessage): boolean {
  return (req.url ?? "").startsWith("/display/");
}

/**
 * Every response's security headers, through helmet. Pages load only this server's own scripts, styles, images
 * and connections, so no image, font or frame can tell another server who is looking. Inline scripts (Remix's
 * hydration data) run only with this response's fresh nonce. Helmet's other defaults stay (nosniff,
 * cross-origin isolation of windows and resources), except HSTS, which is the TLS proxy's call, not Beside's.
 */
export function securityHeaders(config: Config): RequestHandler[] {
  const giveNonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
  return [
    giveNonce,
    helmet({
      // Not in development, where the live-reload socket comes from another port.
      contentSecurityPolicy:
        config.NODE_ENV === "development"
          ? false
          : {
              useDefaults: false,
              directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonceOf(res)}'`],
                // React sets style attributes (the display's theme colours, the QR code's SVG), which a nonce can't
                // cover, and the stylesheet is inlined in the page (decision 019): styles keep 'unsafe-inline'.
                styleSrc: ["'self'", "'unsafe-inline'"],
                imgSrc: ["'self'", "data:"],
                connectSrc: ["'self'", socketSources],
                frameAncestors: [(req) => (framedBySelf(req) ? "'self'" : "'none'")],
                baseUri: ["'self'"],
                formAction: ["'self'"],
              },
            },
      // The facilitator link carries a secret: never let it travel in a Referer to another site. (Same-origin
      // requests keep theirs, so our own plain form posts carry a real Origin, even without Sec-Fetch-Site.)
      referrerPolicy: { policy: "same-origin" },
      // Set below, by page: what frame-ancestors says, for browsers that only read X-Frame-Options.
      xFrameOptions: false,
      strictTransportSecurity: false,
    }),
    (req, res, next) => {
      res.setHeader("X-Frame-Options", framedBySelf(req) ? "SAMEORIGIN" : "DENY");
      next();
    },
  ];
}
