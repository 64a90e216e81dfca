import { DEVICE_SECRET_PATTERN } from "~/domain/rules";

/**
 * The phone's random secret for one run. It stays on this device, in a cookie for the session's page alone
 * (deviceCookie), so that a phone without its scripts answers with the same secret as one with them, and also in
 * localStorage, where phones kept it before; the server turns it into an unlinkable key per prompt and never stores it.
 */
export function deviceSecretFor(code: string): string {
  const name = `beside:device:${code}`;
  const fromCookie = readCookie(deviceCookieName(code));
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(name);
  } catch {
    // Storage can be blocked (private modes): the cookie, or this tab's memory, keeps it.
  }
  const secret = [fromCookie, stored, memorySecrets[name]].find((found) => found && DEVICE_SECRET_PATTERN.test(found)) ?? randomToken(32);
  memorySecrets[name] = secret;
  if (secret !== fromCookie) document.cookie = deviceCookie(code, secret, window.location.protocol === "https:");
  try {
    if (secret !== stored) window.localStorage.setItem(name, secret);
  } catch {
    // As above.
  }
  return secret;
}

/** The cookie that holds a phone's secret for one run: sent only to that run's page (`/j/CODE`), never to the server's other addresses. */
export function deviceCookieName(code: string): string {
  return `beside_device_${code}`;
}

/** Its Set-Cookie value, as the phone sets it or the server does for a phone that entered without its scripts. */
export function deviceCookie(code: string, secret: string, secure: boolean): string {
  return `${deviceCookieName(code)}=${secret}; Path=/j/${code}; Max-Age=86400; SameSite=Lax${secure ? "; Secure" : ""}`;
}

function readCookie(name: string): string | null {
  for (const pair of document.cookie.split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

/** Where this phone keeps the ids of its own questions, to say "You asked this" on this phone only (never sent). */
export function askedQuestionsKey(code: string): string {
  return `beside:asked:${code}`;
}

/** Forgets the secret once the run has ended: nothing on the phone points back to it. */
export function forgetDeviceSecret(code: string): void {
  try {
    delete memorySecrets[`beside:device:${code}`];
    document.cookie = `${enteredCookieName(code)}=; Path=/j/${code}; Max-Age=0; SameSite=Lax`;
    document.cookie = `${deviceCookieName(code)}=; Path=/j/${code}; Max-Age=0; SameSite=Lax`;
    window.localStorage.removeItem(`beside:device:${code}`);
    window.localStorage.removeItem(askedQuestionsKey(code));
  } catch {
    // Nothing to forget.
  }
}

/**
 * The name of the cookie that says this phone chose to join the run after seeing its content notes, so the server
 * renders the session (not the notes) on a reload. Its value is "1" when the phone's scripts set it; when the server
 * does (a phone that entered without its scripts), it is the moment it entered, which its form posts stand on as a
 * socket stands on the moment it connected (a phone that joins after a question opened can't complete a batch of
 * released answers: docs/realtime.md).
 */
export function enteredCookieName(code: string): string {
  return `beside_entered_${code}`;
}

/** The cookie itself, as the phone sets it ("1"), or the server for a phone whose scripts haven't arrived (the time). */
export function enteredCookie(code: string, value = "1"): string {
  return `${enteredCookieName(code)}=${value}; Path=/j/${code}; Max-Age=86400; SameSite=Lax`;
}

export function markEntered(code: string): void {
  document.cookie = enteredCookie(code);
}

const memorySecrets: Record<string, string> = {};

/** `bytes` random bytes from the platform's CSPRNG, base64url. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  let binary = "";
  for (const byte of buffer) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
