import type { Role } from "~/auth/roles";
import { staffEn } from "~/strings/en/staff-pages";

import type { ServerProcess } from "./process";
import type { TestServer } from "./server";

/** The setup link's secret every test server starts with. */
export const TEST_SETUP_TOKEN = "test-setup-token-0123456789";

export const TEST_PASSWORD = "a calm room with tea";

export const TEST_ACCOUNTS: Record<Role, { email: string; name: string }> = {
  organiser: { email: "olive@example.org", name: "Olive Organiser" },
  facilitator: { email: "fran@example.org", name: "Fran Facilitator" },
};

const signedIn = new WeakMap<TestServer | ServerProcess, Map<Role, string>>();
/** The databases of server processes whose first organiser has been set up. */
const setUp = new Set<string>();

/**
 * A session cookie for an account with `role`. In a test server the account
 * is created through the accounts service on first use and signed in through
 * the real sign-in form. A server process has only its first organiser, made
 * through the setup page.
 */
export async function signIn(server: TestServer | ServerProcess, role: Role = "facilitator"): Promise<string> {
  const known = signedIn.get(server) ?? new Map<Role, string>();
  signedIn.set(server, known);
  const cached = known.get(role);
  if (cached) return cached;
  const { email, name } = TEST_ACCOUNTS[role];
  let cookie: string;
  if (!("server" in server)) {
    if (role !== "organiser") throw new Error("A server process has only its first organiser: sign in as one");
    // Processes sharing a database (issue 20) share its first organiser: set up once, then signed in.
    if (setUp.has(server.dbFile)) cookie = await signInWith(server.url, email, TEST_PASSWORD);
    else {
      cookie = await setUpFirstOrganiser(server.url);
      setUp.add(server.dbFile);
    }
  } else {
    const { accounts } = server.server.context;
    if (!(await accounts.list()).some((account) => account.email === email)) {
      const created = await accounts.createAccount({ email, name, role, password: TEST_PASSWORD }, staffEn);
      if (!created.ok) throw new Error(created.error.message);
    }
    cookie = await signInWith(server.url, email, TEST_PASSWORD);
  }
  known.set(role, cookie);
  return cookie;
}

/** Creates the first organiser through the setup page (TEST_SETUP_TOKEN); returns their session cookie. */
export async function setUpFirstOrganiser(url: string): Promise<string> {
  const { email, name } = TEST_ACCOUNTS.organiser;
  const response = await fetch(`${url}/setup`, {
    method: "POST",
    body: new URLSearchParams({
      token: TEST_SETUP_TOKEN,
      name,
      email,
      password: TEST_PASSWORD,
    }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Setting up failed: ${response.status} ${await response.text()}`);
  return cookieFrom(response);
}

function cookieFrom(response: Response): string {
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("No cookie was set");
  return cookie;
}

/** Posts the sign-in form; returns the session cookie ("name=value"). */
export async function signInWith(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/library" }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Signing in failed: ${response.status} ${await response.text()}`);
  return cookieFrom(response);
}
