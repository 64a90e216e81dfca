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

/** Forgets the secret once the run has ended: nothing on the phone points back to it. */
export function forgetDeviceSecret(code: string): void {
  try {
    window.localStorage.removeItem(`beside:device:${code}`);
    window.localStorage.removeItem(`beside:entered:${code}`);
  } catch {
    // Nothing to forget.
  }
}

/** True once this phone chose to join the run after seeing its content notes. */
export function hasEntered(code: string): boolean {
  try {
    return window.localStorage.getItem(`beside:entered:${code}`) === "yes";
  } catch {
    return memoryEntered.has(code);
  }
}

export function markEntered(code: string): void {
  try {
    window.localStorage.setItem(`beside:entered:${code}`, "yes");
  } catch {
    memoryEntered.add(code);
  }
}

const memoryEntered = new Set<string>();

const memorySecrets: Record<string, string> = {};

/** `bytes` random bytes from the platform's CSPRNG, base64url. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  let binary = "";
  for (const byte of buffer) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
