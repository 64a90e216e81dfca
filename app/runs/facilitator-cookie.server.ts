import { parse, serialize } from "cookie";

/**
 * The facilitator link's secret, kept in an HttpOnly cookie per run after the
 * link's first use, so that a reload or a second tab keeps control of the room.
 */
export function facilitatorCookieName(code: string): string {
  return `beside_f_${code}`;
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
    if (name.startsWith("beside_f_") && value) found.set(name.slice("beside_f_".length), value);
  }
  return found;
}

export function facilitatorCookie(code: string, secret: string, options: { secure: boolean }): string {
  return serialize(facilitatorCookieName(code), secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    maxAge: 60 * 60 * 24 * 14,
  });
}
