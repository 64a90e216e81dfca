import type { RequestHandler } from "express";

import { browserCatalogue } from "~/strings/catalogues.server";

import { SAFE_METHODS } from "./origin";

/** The largest form Beside reads: a plan import is at most 200 KB of text, so 1 MB leaves room for its encoding. */
export const MAX_FORM_BYTES = 1_000_000;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Every page action reads a form, all of it, in the one process that also
 * runs every live session. So a post must say its size (browsers always do),
 * stay under MAX_FORM_BYTES and be a form; anything else is refused before a
 * byte of it is read.
 */
export function refuseUnreadableForms(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const length = Number(req.headers["content-length"] ?? Number.NaN);
    // Refused before any page is drawn: said in the browser's language.
    const said = () => browserCatalogue(req.headers["accept-language"]).strings.refusals.forms;
    if (!Number.isInteger(length) || length < 0) {
      res.status(411).type("text/plain").send(said().noLength);
      return;
    }
    if (length > MAX_FORM_BYTES) {
      res.status(413).type("text/plain").send(said().tooBig({ megabytes: MAX_FORM_BYTES / 1_000_000 }));
      return;
    }
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (length > 0 && !FORM_TYPES.has(type)) {
      res.status(415).type("text/plain").send(said().notAForm);
      return;
    }
    next();
  };
}
