import type { Request, RequestHandler, Response } from "express";
import compression from "compression";

/** The pages anyone may open, which hold no secret: the participant's pages and the audience display. */
const PUBLIC_PAGES = /^\/(?:join|help|j\/[^/]+|display\/[^/]+)\/?$/;

/**
 * Gzip for the build's scripts and styles and for the public pages: what a
 * phone on slow data loads. Not for signed-in pages: a compressed page that
 * holds a secret (the facilitator link) next to text someone else wrote (an
 * answer) can give the secret away by its size (BREACH). Decision 019.
 */
export function compressPublicResponses(): RequestHandler {
  return compression({
    filter(req: Request, res: Response) {
      // The filter runs when the response starts, inside express.static's mount, where req.path has lost "/build".
      const path = req.originalUrl.split("?")[0]!;
      return (path.startsWith("/build/") || PUBLIC_PAGES.test(path)) && compression.filter(req, res);
    },
  });
}
