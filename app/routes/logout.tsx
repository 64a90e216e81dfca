import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { clearSessionCookie, readSessionToken } from "~/auth/session.server";
import { clearFacilitatorCookies } from "~/runs/facilitator-cookie.server";

/** Signs out and forgets the runs this browser facilitates, so the next person at a shared laptop finds no console. */
export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) await context.beside.accounts.signOut(token);
  const headers = new Headers();
  headers.append("Set-Cookie", clearSessionCookie(request, context.beside.config));
  for (const cookie of clearFacilitatorCookies(request, context.beside.config)) headers.append("Set-Cookie", cookie);
  return redirect("/", { headers });
}

export async function loader() {
  return redirect("/");
}
