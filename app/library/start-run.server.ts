import { json, redirect, type AppLoadContext } from "@remix-run/node";

import type { Account } from "~/auth/roles";
import { facilitatorCookie } from "~/runs/facilitator-cookie.server";
import { serverCatalogue } from "~/strings/catalogues.server";
import { sayRefusal } from "~/strings/refusal";

/**
 * Starts a run of a plan's newest valid version and opens its console, or
 * answers 400 with why not. The library's cards and a plan's page both start
 * runs through here.
 */
export async function startRunResponse(request: Request, context: AppLoadContext, account: Account, planId: string, k: number, language = "en") {
  const started = await context.beside.engine.startRun(planId, k, account.id);
  if (!started.ok) return json({ planId, errors: { form: sayRefusal(serverCatalogue(language).strings.refusals, started.error) } as Record<string, string | undefined> }, { status: 400 });
  const { code, facilitatorSecret } = started.data;
  return redirect(`/console/${code}`, {
    headers: { "Set-Cookie": facilitatorCookie(code, facilitatorSecret, request, context.beside.config) },
  });
}
