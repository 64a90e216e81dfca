import { parse, serialize } from "cookie";

import type { Config } from "~/config/env.server";

/**
 * The facilitator link's secret, kept in an HttpOnly cookie per run after the
 * link's first use, so that a reload or a second tab keeps control of the room.
 */
const COOKIE_PREFIX = "beside_f_";

export function facilitatorCookieName(code: string): string {
  return `${COOKIE_PREFIX}${code}`;
}

export function readFacilitatorSecret(cookieHeader: string | null | undefined, code: string): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader)[facilitatorCookieName(code)];
}

/** Every run this browser can facilitate: join code → secret. */
export function readAllFacilitatorSecrets(cookieHeader: string | null | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (!cookieHeader) return found;
  for (const [name, value] of Object.entries(parse(cookieHeader))) {
    if (name.startsWith(COOKIE_PREFIX) && value) found.set(name.slice(COOKIE_PREFIX.length), value);
  }
  return found;
}

/**
 * The Set-Cookie header for a run's facilitator. Secure when the page was
 * served over HTTPS, or when PUBLIC_URL says a proxy in front terminates TLS.
 */
export function facilitatorCookie(code: string, secret: string, request: Request, config: Pick<Config, "PUBLIC_URL">): string {
  return serialize(facilitatorCookieName(code), secret, { ...cookieOptions(request, config), maxAge: 60 * 60 * 24 * 14 });
}

/** Set-Cookie headers that forget every run this browser facilitates: on sign-out, a shared laptop keeps no console. */
export function clearFacilitatorCookies(request: Request, config: Pick<Config, "PUBLIC_URL">): string[] {
  return [...readAllFacilitatorSecrets(request.headers.get("Cookie")).keys()].map((code) =>
    serialize(facilitatorCookieName(code), "", { ...cookieOptions(request, config), maxAge: 0 }),
  );
}

function cookieOptions(request: Request, config: Pick<Config, "PUBLIC_URL">) {
  const secure = new URL(request.url).protocol === "https:" || Boolean(config.PUBLIC_URL?.startsWith("https:"));
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };
}
