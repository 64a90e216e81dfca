import type { RequestHandler } from "express";

import type { Accounts } from "~/auth/accounts.server";
import { staffEn } from "~/strings/en/staff-pages";

/**
 * A sign-in form posted while the server is busy checking passwords (SIGN_IN_RATE spent, or every password
 * check taken) is refused here with 503 and Retry-After, before Remix draws the sign-in page for it: drawing
 * that page for each post of a flood would keep the room waiting as surely as the checks would. Posts from
 * the page's own script (`?_data=…`) only cost a little JSON; they go on to the action, which refuses them
 * the same way, in words the page shows.
 */
export function refuseSignInsWhileBusy(accounts: Accounts): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST" || "_data" in req.query) return next();
    const wait = accounts.signInWait();
    if (wait === 0) return next();
    res.setHeader("Retry-After", String(Math.max(1, Math.ceil(wait / 1000))));
    res.status(503).type("text/plain").send(staffEn.staff.refusals.busy);
  };
}
