import { DEVICE_SECRET_PATTERN } from "~/runs/rules";

/**
 * The phone's random secret for one run. It stays on this device (in
 * localStorage, so a reload or a closed tab keeps the same answers); the
 * server turns it into an unlinkable key per prompt and never stores it.
 */
export function deviceSecretFor(code: string): string {
  const name = `beside:device:${code}`;
  try {
    const existing = window.localStorage.getItem(name);
    if (existing && DEVICE_SECRET_PATTERN.test(existing)) return existing;
    const secret = randomToken(32);
    window.localStorage.setItem(name, secret);
    return secret;
  } catch {
    // Storage can be blocked (private modes): this tab still works, a reload starts afresh.
    return (memorySecrets[name] ??= randomToken(32));
  }
}

/** Where this phone keeps the ids of its own questions, to say "You asked this" on this phone only (never sent). */
export function askedQuestionsKey(code: string): string {
  return `beside:asked:${code}`;
}

/** Forgets the secret once the run has ended: nothing on the phone points back to it. */
export function forgetDeviceSecret(code: string): void {
  try {
    window.localStorage.removeItem(`beside:device:${code}`);
    window.localStorage.removeItem(askedQuestionsKey(code));
    document.cookie = `${enteredCookieName(code)}=; Path=/j/${code}; Max-Age=0; SameSite=Lax`;
  } catch {
    // Nothing to forget.
  }
}

/**
 * The name of the cookie that says this phone chose to join the run after
 * seeing its content notes. Its value is always "1": it says nothing about
 * the phone, and lets the server render the session (not the notes) on a reload.
 */
export function enteredCookieName(code: string): string {
  return `beside_entered_${code}`;
}

/** The cookie itself, as the phone sets it (or the server, for a phone whose scripts haven't arrived yet). */
export function enteredCookie(code: string): string {
  return `${enteredCookieName(code)}=1; Path=/j/${code}; Max-Age=86400; SameSite=Lax`;
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
