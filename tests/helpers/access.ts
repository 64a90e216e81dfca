import type { Role } from "~/auth/roles";

import { signIn } from "./auth";
import type { TestServer } from "./server";

export type Visitor = "signed-out" | Role;

/**
 * What a visitor gets from a page (GET) or an action (POST with a form):
 * "sign-in" (sent to /login), "forbidden" (403), or "allowed" (anything else
 * a working page gives: 2xx, a redirect elsewhere, a 400 for a bad form).
 * A 404 or a 5xx is returned as "status N", so a wrong path fails the test.
 */
export async function accessOf(
  server: TestServer,
  visitor: Visitor,
  path: string,
  form?: Record<string, string>,
): Promise<"sign-in" | "forbidden" | "allowed" | `status ${number}`> {
  const headers: Record<string, string> = visitor === "signed-out" ? {} : { Cookie: await signIn(server, visitor) };
  const response = await fetch(`${server.url}${path}`, {
    method: form ? "POST" : "GET",
    headers,
    body: form ? new URLSearchParams(form) : undefined,
    redirect: "manual",
  });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  if (response.status >= 300 && response.status < 400 && location.startsWith("/login")) return "sign-in";
  if (response.status === 403) return "forbidden";
  if (response.status === 404 || response.status >= 500) return `status ${response.status}`;
  return "allowed";
}

/**
 * What every visitor gets from one page or action. Compare with accessRule:
 * `expect(await accessTable(server, "/settings", undefined)).toEqual(accessRule("organiser"))`.
 */
export async function accessTable(
  server: TestServer,
  path: string,
  form?: Record<string, string>,
): Promise<Record<Visitor, string>> {
  return {
    "signed-out": await accessOf(server, "signed-out", path, form),
    facilitator: await accessOf(server, "facilitator", path, form),
    organiser: await accessOf(server, "organiser", path, form),
  };
}

/** What accessTable returns for a page that needs `role`: signed out goes to sign in; below `role` is refused. */
export function accessRule(role: Role): Record<Visitor, string> {
  return { "signed-out": "sign-in", facilitator: role === "facilitator" ? "allowed" : "forbidden", organiser: "allowed" };
}
