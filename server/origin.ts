import type http from "node:http";

import type { RequestHandler } from "express";

import { withoutTrailingSlashes, type Config } from "~/config/env.server";
import { browserCatalogue } from "~/strings/catalogues.server";

/**
 * Whether a browser request comes from a page of this server (same host) or
 * from an origin the operator allowed (ALLOWED_ORIGINS, PUBLIC_URL). A request
 * without an Origin header is not from a browser page and is let through:
 * cross-site attacks need a browser to carry the victim's cookies.
 */
export function isAllowedOrigin(headers: http.IncomingHttpHeaders, config: Pick<Config, "ALLOWED_ORIGINS" | "PUBLIC_URL">): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === headers.host) return true;
  const allowed = [...config.ALLOWED_ORIGINS, ...(config.PUBLIC_URL ? [config.PUBLIC_URL] : [])];
  // The header is the sender's to write: no regular expression that backtracks on it.
  const bare = withoutTrailingSlashes(origin);
  return allowed.some((entry) => entry === bare);
}

/** Requests that change nothing, so neither the cross-site guard nor the form limits look at them. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a form post (or any other change) sent by another site's page
 * (ADR 012). Sign-in cookies are SameSite=Lax as well, so a cross-site post
 * carries none; this is the second lock on the same door.
 */
export function refuseCrossSiteWrites(config: Pick<Config, "ALLOWED_ORIGINS" | "PUBLIC_URL">): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const fetchSite = req.headers["sec-fetch-site"];
    const crossSite = fetchSite === "cross-site" || fetchSite === "same-site";
    // A page of ours left open from when Beside said `Referrer-Policy: no-referrer` sends a plain form post with
    // `Origin: null`; Sec-Fetch-Site, which no page can set, still says it is our own.
    if (req.headers.origin === "null" && fetchSite === "same-origin") {
      // Remix refuses an action whose Origin is not its Host, "null" included: this one is known to be ours.
      delete req.headers.origin;
      return next();
    }
    if ((crossSite && !req.headers.origin) || !isAllowedOrigin(req.headers, config)) {
      res.status(403).type("text/plain").send(browserCatalogue(req.headers["accept-language"]).strings.refusals.forms.crossSite);
      return;
    }
    next();
  };
}
