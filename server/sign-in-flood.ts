import type { RequestHandler } from "express";

import type { Accounts } from "~/auth/accounts.server";
import { browserCatalogue } from "~/strings/catalogues.server";
import { staffStringsFor } from "~/strings/staff-catalogues";

/**
 * A sign-in form posted while the server is busy checking passwords (SIGN_IN_RATE spent, or every password
 * check taken) is refused here with 503 and Retry-After, before Remix draws the sign-in page for it: drawing
 * that page for each post of a flood would keep the room waiting as surely as the checks would. Posts from
 * the page's own script (`?_data=…`) only cost a little JSON; they go on to the action, which refuses them
 * the same way, in words the page shows. Nobody is signed in yet: the refusal is in the browser's language.
 */
export function refuseSignInsWhileBusy(accounts: Accounts): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST" || "_data" in req.query) return next();
    const wait = accounts.signInWait();
    if (wait === 0) return next();
    res.setHeader("Retry-After", String(Math.max(1, Math.ceil(wait / 1000))));
    const { tag } = browserCatalogue(req.get("Accept-Language"));
    res.status(503).type("text/plain").set("Content-Language", tag).send(staffStringsFor(tag).staff.refusals.busy);
  };
}
