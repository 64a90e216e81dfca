import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

import { facilitatorCookie } from "~/runs/facilitator-cookie.server";
import { FACILITATOR_SECRET_PATTERN } from "~/runs/secrets.server";
import { currentAccount, staffStringsOf } from "~/auth/session.server";

/**
 * A facilitator link. Its first use in a browser sets the run's HttpOnly
 * cookie and moves on to the console, so the secret leaves the address bar.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const secret = params.secret ?? "";
  const run = FACILITATOR_SECRET_PATTERN.test(secret) ? await context.beside.engine.loadRunBySecret(secret) : undefined;
  if (!run) {
    throw new Response(staffStringsOf(request, context, await currentAccount(request, context)).staff.facilitatorLink.invalid, { status: 404 });
  }
  if (run.row.state !== "live") {
    throw new Response(staffStringsOf(request, context, await currentAccount(request, context)).staff.facilitatorLink.ended, { status: 410 });
  }
  return redirect(`/console/${run.row.code}`, {
    headers: {
      "Set-Cookie": facilitatorCookie(run.row.code, secret, request, context.beside.config),
      "Cache-Control": "no-store",
    },
  });
}
