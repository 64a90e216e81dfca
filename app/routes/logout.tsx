import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { clearSessionCookie, readSessionToken } from "~/auth/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) context.beside.accounts.signOut(token);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request, context.beside.config) } });
}

export async function loader() {
  return redirect("/");
}
