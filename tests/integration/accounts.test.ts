import { describe, expect, it } from "vitest";

import { FREE_FAILURES } from "~/auth/sign-in-throttle.server";
import { staffEn } from "~/strings/en/staff-pages";

import { accessRule, accessTable } from "../helpers/access";
import { setUpFirstOrganiser, signIn, signInWith, TEST_ACCOUNTS, TEST_PASSWORD, TEST_SETUP_TOKEN } from "../helpers/auth";
import { query } from "../helpers/database";
import { fetchPage } from "../helpers/fetch-page";
import { useTestServers } from "../helpers/lifecycle";
import type { TestServer } from "../helpers/server";

const startServer = useTestServers("test");

/** A page, its HTML as `text`. */
async function page(server: TestServer, pathname: string, init: Parameters<typeof fetchPage>[2] = {}) {
  const { html, ...response } = await fetchPage(server, pathname, init);
  return { ...response, text: html };
}

function post(server: TestServer, pathname: string, fields: Record<string, string>, init: { cookie?: string; headers?: Record<string, string> } = {}) {
  return page(server, pathname, { method: "POST", body: new URLSearchParams(fields), ...init });
}

const signInForm = (email: string, password: string, redirectTo = "/library") => ({ email, password, redirectTo });

const count = (server: TestServer, table: string) => query<{ n: number }>(server.dbFile, `select count(*) as n from ${table}`)[0]!.n;

const accountRow = (server: TestServer, email: string) =>
  query<{ id: string; role: string; disabled_at: number | null; password_hash: string }>(
    server.dbFile,
    "select id, role, disabled_at, password_hash from accounts where email = ?",
    email,
  )[0];

/** Adds an account through the organiser's accounts page. */
async function addAccount(server: TestServer, organiser: string, account: { name: string; email: string; role: string; password: string }) {
  return post(server, "/accounts", { intent: "add", ...account }, { cookie: organiser });
}

describe("setting up the first organiser", () => {
  it("needs the setup link's token, signs the organiser in, and then never works again", async () => {
    const server = await startServer();
    const { email, name } = TEST_ACCOUNTS.organiser;

    expect((await page(server, "/setup?token=not-the-token")).status).toBe(403);
    expect((await page(server, `/setup?token=${TEST_SETUP_TOKEN}`)).status).toBe(200);
    const wrong = await post(server, "/setup", { token: "not-the-token-either", name, email, password: TEST_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(count(server, "accounts")).toBe(0);

    const cookie = await setUpFirstOrganiser(server.url);
    expect(accountRow(server, email)).toMatchObject({ role: "organiser", disabled_at: null });
    const library = await page(server, "/library", { cookie });
    expect(library.status).toBe(200);
    expect(library.text).toContain(name);

    const link = await page(server, `/setup?token=${TEST_SETUP_TOKEN}`);
    expect(link.status).toBe(302);
    expect(link.headers.get("location")).toBe("/login");
    const again = await post(server, "/setup", { token: TEST_SETUP_TOKEN, name: "Mallory", email: "mallory@example.org", password: TEST_PASSWORD });
    expect(again.headers.get("location")).toBe("/login");
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(accountRow(server, "mallory@example.org")).toBeUndefined();
    expect(count(server, "accounts")).toBe(1);
  });

  it("creates one organiser when the setup link is posted twice at once", async () => {
    const server = await startServer();
    const [first, second] = await Promise.all(
      ["ada@example.org", "bea@example.org"].map((email) =>
        post(server, "/setup", { token: TEST_SETUP_TOKEN, name: "Someone", email, password: TEST_PASSWORD }),
      ),
    );
    expect([first!.status, second!.status].sort()).toEqual([302, 403]);
    expect(count(server, "accounts")).toBe(1);
  });

  it("keeps the typed name and address, never the password, when the form is refused", async () => {
    const server = await startServer();
    // Posted to the page's own address, as its form is: the link's token stays in the URL.
    const refused = await post(server, `/setup?token=${TEST_SETUP_TOKEN}`, {
      token: TEST_SETUP_TOKEN,
      name: "Olive Organiser",
      email: "olive@example.org",
      password: "too short",
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Use at least 12 characters.");
    expect(refused.text).toMatch(/<input[^>]*name="name"[^>]*value="Olive Organiser"/);
    expect(refused.text).toMatch(/<input[^>]*name="email"[^>]*value="olive@example.org"/);
    expect(refused.text).not.toContain("too short");
    expect(count(server, "accounts")).toBe(0);
  });
});

describe("signing in and out", () => {
  it("sets an HttpOnly, SameSite=Lax cookie, and signing out ends the session on the server", async () => {
    const server = await startServer();
    await signIn(server, "facilitator");
    const { email } = TEST_ACCOUNTS.facilitator;

    const response = await post(server, "/login", signInForm(email, TEST_PASSWORD));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/library");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^beside_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    // Plain HTTP on a LAN: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/; Secure/i);
    const cookie = setCookie.split(";")[0]!;
    // The database holds only a hash of the token.
    const token = cookie.slice(cookie.indexOf("=") + 1);
    expect(JSON.stringify(query(server.dbFile, "select * from sessions"))).not.toContain(token);

    expect((await page(server, "/library", { cookie })).status).toBe(200);
    const sessionsBefore = count(server, "sessions");
    const out = await post(server, "/logout", {}, { cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/^beside_session=;.*Max-Age=0/i);
    expect(count(server, "sessions")).toBe(sessionsBefore - 1);
    // The old cookie, kept by someone who copied it, opens nothing.
    const after = await page(server, "/library", { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Flibrary");
  });

  it("after a wrong password, says who can reset it and keeps the typed address, never the password", async () => {
    const server = await startServer();
    await signIn(server, "facilitator");
    const wrong = await post(server, "/login", signInForm("Fran@Example.org", "not the password at all"));
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("Forgot your password? Ask an organiser to reset it.");
    expect(wrong.text).toMatch(/<input[^>]*name="email"[^>]*value="Fran@Example.org"/);
    expect(wrong.text).not.toContain("not the password at all");
    // A refused form (no address) keeps what was typed too.
    const empty = await post(server, "/login", signInForm("fran@", ""));
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/<input[^>]*name="email"[^>]*value="fran@"/);
  });

  it("locks an address after five wrong passwords, even for the right one, until the wait is over", async () => {
    // The accounts' clock moves only when the test moves it, so a busy machine can't outlast the lock.
    let clock = Date.now();
    const server = await startServer({ accountsNow: () => new Date(clock) });
    await signIn(server, "facilitator");
    const { email } = TEST_ACCOUNTS.facilitator;

    const wrong = [];
    for (let i = 0; i < FREE_FAILURES; i++) wrong.push(await post(server, "/login", signInForm(email, `wrong password ${i}`)));
    expect(wrong.map((response) => response.status)).toEqual(Array(FREE_FAILURES).fill(401));
    expect(wrong[0]!.text).toContain("That email address and password don't match an active account.");

    const locked = await post(server, "/login", signInForm(email, TEST_PASSWORD));
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many wrong passwords. Try again in 1 second.");
    expect(locked.headers.get("set-cookie")).toBeNull();
    // As the page's script sends it: the action's own answer, with the wait.
    const fromScript = await post(server, "/login?_data=routes%2Flogin", signInForm(email, TEST_PASSWORD));
    expect(fromScript.status).toBe(429);
    expect(fromScript.headers.get("retry-after")).toBe("1");
    expect(fromScript.headers.get("set-cookie")).toBeNull();
    // Another address is not held up.
    await signIn(server, "organiser");

    clock += 999;
    expect((await post(server, "/login", signInForm(email, TEST_PASSWORD))).status).toBe(429);
    clock += 2;
    expect((await post(server, "/login", signInForm(email, TEST_PASSWORD))).status).toBe(302);
  });

  it("counts guesses sent all at once before checking them, so they can't all slip past the lock", async () => {
    const server = await startServer();
    await signIn(server, "facilitator");
    const { email } = TEST_ACCOUNTS.facilitator;
    const burst = await Promise.all(
      Array.from({ length: FREE_FAILURES + 3 }, (_, i) => post(server, "/login", signInForm(email, `guess ${i}`))),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(FREE_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  });

  it("refuses an unknown address exactly as a wrong password, throttle included", async () => {
    // The accounts' clock stands still, so the one-second lock can't run out while a busy machine answers.
    const stillNow = new Date();
    const server = await startServer({ accountsNow: () => stillNow });
    await signIn(server, "facilitator");
    const known = await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, "not the password"));
    const answers = [];
    for (let i = 0; i < FREE_FAILURES; i++) answers.push(await post(server, "/login", signInForm("nobody@example.org", TEST_PASSWORD)));
    expect(answers.map((response) => response.status)).toEqual(Array(FREE_FAILURES).fill(401));
    // The same page, but for the typed address that is put back into the form.
    // (Each response has a script nonce of its own.)
    const asRead = (text: string, email: string) => text.replaceAll(email, "ADDRESS").replace(/ nonce="[^"]*"/g, "");
    expect(asRead(answers[0]!.text, "nobody@example.org")).toBe(asRead(known.text, TEST_ACCOUNTS.facilitator.email));
    const locked = await post(server, "/login?_data=routes%2Flogin", signInForm("nobody@example.org", TEST_PASSWORD));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("1");
  });

  it("sends you back only to a page of this site after signing in", async () => {
    const server = await startServer();
    await signIn(server, "facilitator");
    const { email } = TEST_ACCOUNTS.facilitator;
    for (const elsewhere of ["//evil.example", "https://evil.example", "/\\evil.example", "evil.example"]) {
      const response = await post(server, "/login", signInForm(email, TEST_PASSWORD, elsewhere));
      expect(response.headers.get("location"), elsewhere).toBe("/library");
      // Already signed in: the sign-in page passes you on, to this site too.
      const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
      const signedIn = await page(server, `/login?redirectTo=${encodeURIComponent(elsewhere)}`, { cookie });
      expect(signedIn.headers.get("location"), elsewhere).toBe("/library");
    }
    const home = await post(server, "/login", signInForm(email, TEST_PASSWORD, "/account"));
    expect(home.headers.get("location")).toBe("/account");
  });
});

describe("the cross-site guard", () => {
  it("refuses a form sent from another site's page, and changes nothing", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const facilitator = await signIn(server, "facilitator");
    const evil = { Origin: "https://evil.example" };
    const before = {
      accounts: count(server, "accounts"),
      sessions: count(server, "sessions"),
      runs: count(server, "runs"),
    };

    const attempts = [
      await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD), { headers: evil }),
      await post(server, "/logout", {}, { cookie: facilitator, headers: evil }),
      await post(
        server,
        "/accounts",
        { intent: "add", name: "Mallory", email: "mallory@example.org", role: "organiser", password: TEST_PASSWORD },
        { cookie: organiser, headers: evil },
      ),
      await post(server, "/library?index", { planId: "every-prompt", k: "5" }, { cookie: facilitator, headers: evil }),
      // A browser that sends no Origin but says the request is cross-site.
      await post(server, "/logout", {}, { cookie: facilitator, headers: { "Sec-Fetch-Site": "cross-site" } }),
      // A page elsewhere with an opaque origin (a sandboxed frame, a page with no-referrer).
      await post(server, "/logout", {}, { cookie: facilitator, headers: { Origin: "null", "Sec-Fetch-Site": "cross-site" } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.text).toContain("sent from another site");
      expect(attempt.headers.get("set-cookie")).toBeNull();
    }
    expect({ accounts: count(server, "accounts"), sessions: count(server, "sessions"), runs: count(server, "runs") }).toEqual(before);
    expect(accountRow(server, "mallory@example.org")).toBeUndefined();
    // Both sessions still work: the forged sign-out did nothing.
    expect((await page(server, "/library", { cookie: facilitator })).status).toBe(200);

    // The same posts from this site's own pages go through.
    const own = { Origin: server.url, "Sec-Fetch-Site": "same-origin" };
    expect((await post(server, "/logout", {}, { cookie: facilitator, headers: own })).status).toBe(302);
    expect(count(server, "sessions")).toBe(before.sessions - 1);
    // A plain form post from one of our pages still saying no-referrer (left open from before same-origin): Origin "null".
    const plainForm = { Origin: "null", "Sec-Fetch-Site": "same-origin" };
    expect((await post(server, "/logout", {}, { cookie: organiser, headers: plainForm })).status).toBe(302);
    expect(count(server, "sessions")).toBe(before.sessions - 2);
  });
});

describe("who may manage accounts", () => {
  it("lets only organisers open /accounts or use any of its actions; /account is for everyone signed in", async () => {
    const server = await startServer();
    await signIn(server, "organiser");
    await signIn(server, "facilitator");
    const { accounts } = server.server.context;
    const extra = await accounts.createAccount({ name: "Sam Spare", email: "sam@example.org", role: "facilitator", password: TEST_PASSWORD }, staffEn);
    if (!extra.ok) throw new Error(extra.error.message);
    const fran = (await accounts.findByEmail(TEST_ACCOUNTS.facilitator.email))!;

    expect(await accessTable(server, "/accounts")).toEqual(accessRule("organiser"));
    const actions: Record<string, string>[] = [
      { intent: "add", name: "Ada Added", email: "ada@example.org", role: "facilitator", password: TEST_PASSWORD },
      { intent: "change-role", accountId: fran.id, role: "facilitator" },
      { intent: "edit", accountId: extra.data.id, name: "Sam Spare", email: "sam@example.org" },
      { intent: "disable", accountId: extra.data.id },
      { intent: "enable", accountId: extra.data.id },
      { intent: "reset-password", accountId: extra.data.id, password: "a brand new password" },
    ];
    for (const form of actions) expect(await accessTable(server, "/accounts", form), form.intent).toEqual(accessRule("organiser"));

    expect(await accessTable(server, "/account")).toEqual(accessRule("facilitator"));
    const wrongCurrent = { current: "not my password", password: "a brand new password" };
    expect(await accessTable(server, "/account", wrongCurrent)).toEqual(accessRule("facilitator"));
  });
});

describe("error pages", () => {
  it("heads a refusal 'Not for this account' and a missing page 'Not found'", async () => {
    const server = await startServer();
    const facilitator = await signIn(server, "facilitator");
    const refused = await page(server, "/accounts", { cookie: facilitator });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/<h1>Not for this account<\/h1>/);
    const missing = await page(server, "/runs/no-such-run", { cookie: await signIn(server, "organiser") });
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/<h1>Not found<\/h1>/);
  });
});

describe("managing accounts", () => {
  it("adds a facilitator who can then sign in, run sessions, and not manage accounts", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const newcomer = { name: "Nia Newcomer", email: "Nia@Example.org", role: "facilitator", password: "tea and biscuits at six" };

    const added = await addAccount(server, organiser, newcomer);
    expect(added.status).toBe(200);
    expect(added.text).toContain("Added Nia Newcomer as facilitator.");
    const list = await page(server, "/accounts", { cookie: organiser });
    expect(list.text).toContain("Nia Newcomer");
    expect(list.text).toContain("nia@example.org");

    const cookie = await signInWith(server.url, "nia@example.org", newcomer.password);
    const library = await page(server, "/library", { cookie });
    expect(library.status).toBe(200);
    expect(library.text).toContain("Nia Newcomer");
    expect((await page(server, "/accounts", { cookie })).status).toBe(403);

    // The same address again, in another case, is refused and keeps what was typed.
    const twice = await addAccount(server, organiser, { ...newcomer, email: "NIA@example.org", name: "Nia Again" });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain("An account with that email address already exists.");
    expect(twice.text).toContain('value="Nia Again"');
    expect(twice.text).not.toContain(newcomer.password);
    // A short password and a made-up role are refused with the form's own messages.
    const bad = await addAccount(server, organiser, { name: "Bo", email: "bo@example.org", role: "boss", password: "short" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Use at least 12 characters.");
    expect(bad.text).toContain("Choose organiser or facilitator.");
    expect(count(server, "accounts")).toBe(2);
  });

  it("signs a disabled account out at once, and lets it back in when enabled", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const facilitator = await signIn(server, "facilitator");
    const fran = accountRow(server, TEST_ACCOUNTS.facilitator.email)!;

    const disabled = await post(server, "/accounts", { intent: "disable", accountId: fran.id }, { cookie: organiser });
    expect(disabled.status).toBe(200);
    expect(disabled.text).toContain("Fran Facilitator is disabled and has been signed out everywhere.");
    expect(query(server.dbFile, "select * from sessions where account_id = ?", fran.id)).toEqual([]);
    expect((await page(server, "/library", { cookie: facilitator })).headers.get("location")).toMatch(/^\/login/);
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(401);
    expect((await page(server, "/accounts", { cookie: organiser })).text).toMatch(/Fran Facilitator.*Disabled/s);

    await post(server, "/accounts", { intent: "enable", accountId: fran.id }, { cookie: organiser });
    expect(accountRow(server, TEST_ACCOUNTS.facilitator.email)!.disabled_at).toBeNull();
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(302);
  });

  it("changes roles, but never leaves Beside without an active organiser", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    await signIn(server, "facilitator");
    const olive = accountRow(server, TEST_ACCOUNTS.organiser.email)!;
    const fran = accountRow(server, TEST_ACCOUNTS.facilitator.email)!;

    const lastOrganiserChanges: Record<string, string>[] = [
      { intent: "change-role", accountId: olive.id, role: "facilitator" },
      { intent: "disable", accountId: olive.id },
    ];
    for (const form of lastOrganiserChanges) {
      const refused = await post(server, "/accounts", form, { cookie: organiser });
      expect(refused.status, form.intent).toBe(409);
      expect(refused.text).toContain("Beside needs at least one active organiser. Make another account an organiser first.");
      expect(accountRow(server, TEST_ACCOUNTS.organiser.email)).toMatchObject({ role: "organiser", disabled_at: null });
    }
    expect((await page(server, "/accounts", { cookie: organiser })).status).toBe(200);

    // With a second organiser, the first may step down, and is sent to a page they can still open.
    expect((await post(server, "/accounts", { intent: "change-role", accountId: fran.id, role: "organiser" }, { cookie: organiser })).status).toBe(200);
    const steppedDown = await post(server, "/accounts", { intent: "change-role", accountId: olive.id, role: "facilitator" }, { cookie: organiser });
    expect(steppedDown.status).toBe(302);
    expect(steppedDown.headers.get("location")).toBe("/library");
    expect(accountRow(server, TEST_ACCOUNTS.organiser.email)!.role).toBe("facilitator");
    expect((await page(server, "/accounts", { cookie: organiser })).status).toBe(403);
  });

  it("corrects a name and email address; refuses an address another account has, in any case, keeping what was typed", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    await signIn(server, "facilitator");
    const fran = accountRow(server, TEST_ACCOUNTS.facilitator.email)!;
    const edit = (fields: Record<string, string>) => post(server, "/accounts", { intent: "edit", accountId: fran.id, ...fields }, { cookie: organiser });

    const taken = await edit({ name: "Frances Facilitator", email: "OLIVE@example.org" });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain("Another account already has that email address.");
    expect(taken.text).toMatch(/<input[^>]*name="name"[^>]*value="Frances Facilitator"/);
    const noName = await edit({ name: " ", email: "frances@example.org" });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain("Enter a name.");
    expect(query(server.dbFile, "select name, email from accounts where id = ?", fran.id)).toEqual([
      { name: TEST_ACCOUNTS.facilitator.name, email: TEST_ACCOUNTS.facilitator.email },
    ]);

    const saved = await edit({ name: "Frances Facilitator", email: "Frances@Example.org" });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Saved: Frances Facilitator, frances@example.org.");
    // Keeping your own address while correcting the name is not a clash with yourself.
    expect((await edit({ name: "Frances F.", email: "frances@example.org" })).status).toBe(200);
    // She signs in with the new address from now on; the old one matches no account.
    await signInWith(server.url, "frances@example.org", TEST_PASSWORD);
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(401);
    expect((await page(server, "/accounts", { cookie: organiser })).text).toContain("Frances F.");
  });

  it("offers no Disable on your own row, and says only another organiser can undo a change of your own role", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    await signIn(server, "facilitator");
    const { text } = await page(server, "/accounts", { cookie: organiser });
    const rowOf = (name: string) => [...text.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => match[1]!).find((row) => row.includes(name))!;
    const own = rowOf(TEST_ACCOUNTS.organiser.name);
    expect(own).toContain("(you)");
    expect(own).not.toMatch(/value="disable"/);
    expect(own).toContain("only another organiser can make you an organiser again");
    expect(rowOf(TEST_ACCOUNTS.facilitator.name)).toMatch(/value="disable"/);
  });

  it("resets a password: the old one stops working and the account is signed out everywhere", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const facilitator = await signIn(server, "facilitator");
    const fran = accountRow(server, TEST_ACCOUNTS.facilitator.email)!;

    const tooShort = await post(server, "/accounts", { intent: "reset-password", accountId: fran.id, password: "short" }, { cookie: organiser });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("Use at least 12 characters.");

    const reset = await post(server, "/accounts", { intent: "reset-password", accountId: fran.id, password: "a fresh start today" }, { cookie: organiser });
    expect(reset.status).toBe(200);
    expect((await page(server, "/library", { cookie: facilitator })).status).toBe(302);
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(401);
    await signInWith(server.url, TEST_ACCOUNTS.facilitator.email, "a fresh start today");
    // The organiser's own session was not touched.
    expect((await page(server, "/accounts", { cookie: organiser })).status).toBe(200);
  });

  it("refuses an unknown intent or account", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const unknown = await post(server, "/accounts", { intent: "delete-everything" }, { cookie: organiser });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("That isn't something this page can do.");
    const missing = await post(server, "/accounts", { intent: "disable", accountId: "no-such-account" }, { cookie: organiser });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("That account doesn't exist.");
  });
});

describe("your own account", () => {
  it("shows who you are and changes your password, keeping this browser signed in with a new token and no other sign-in", async () => {
    const server = await startServer();
    const here = await signIn(server, "facilitator");
    const elsewhere = await signInWith(server.url, TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD);

    const mine = await page(server, "/account", { cookie: here });
    expect(mine.status).toBe(200);
    for (const text of ["Fran Facilitator", "fran@example.org", "Facilitator"]) expect(mine.text).toContain(text);

    const wrong = await post(server, "/account", { current: "not my password", password: "my new long password" }, { cookie: here });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("Your current password isn't right.");
    const short = await post(server, "/account", { current: TEST_PASSWORD, password: "short" }, { cookie: here });
    expect(short.status).toBe(400);
    expect(short.text).toContain("Use at least 12 characters.");
    expect((await page(server, "/library", { cookie: elsewhere })).status).toBe(200);

    const changed = await post(server, "/account", { current: TEST_PASSWORD, password: "my new long password" }, { cookie: here });
    expect(changed.status).toBe(302);
    // This browser gets a new sign-in token: one copied before the change stops working, like every other sign-in.
    const renewed = changed.headers.get("set-cookie")?.split(";")[0];
    expect(renewed).toMatch(/^beside_session=./);
    expect(renewed).not.toBe(here);
    expect((await page(server, changed.headers.get("location")!, { cookie: renewed! })).text).toContain("Your password is changed.");
    expect((await page(server, "/library", { cookie: renewed! })).status).toBe(200);
    expect((await page(server, "/library", { cookie: here })).status).toBe(302);
    expect((await page(server, "/library", { cookie: elsewhere })).status).toBe(302);
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(401);
    await signInWith(server.url, TEST_ACCOUNTS.facilitator.email, "my new long password");
  });

  it("counts wrong current passwords against the sign-in throttle", async () => {
    const stillNow = new Date();
    const server = await startServer({ accountsNow: () => stillNow });
    const here = await signIn(server, "facilitator");
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect((await post(server, "/account", { current: `guess ${i}`, password: "my new long password" }, { cookie: here })).status).toBe(400);
    }
    const locked = await post(server, "/account", { current: TEST_PASSWORD, password: "my new long password" }, { cookie: here });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("1");
    expect((await post(server, "/login", signInForm(TEST_ACCOUNTS.facilitator.email, TEST_PASSWORD))).status).toBe(429);
  });
});

describe("secrets stay secret", () => {
  it("never shows a password hash on a page, and never logs a password", async () => {
    const server = await startServer();
    const organiser = await signIn(server, "organiser");
    const facilitator = await signIn(server, "facilitator");
    const passwords = [TEST_PASSWORD, "tea and biscuits at six", "a fresh start today", "my new long password", "a wrong guess here"];
    await addAccount(server, organiser, { name: "Nia Newcomer", email: "nia@example.org", role: "facilitator", password: passwords[1]! });
    const nia = accountRow(server, "nia@example.org")!;
    await post(server, "/accounts", { intent: "reset-password", accountId: nia.id, password: passwords[2]! }, { cookie: organiser });
    await post(server, "/account", { current: TEST_PASSWORD, password: passwords[3]! }, { cookie: facilitator });
    await post(server, "/login", signInForm("nia@example.org", passwords[4]!));
    await post(server, "/login", signInForm("nia@example.org", passwords[2]!, "/account"));

    const hashes = query<{ password_hash: string }>(server.dbFile, "select password_hash from accounts").map((row) => row.password_hash);
    expect(hashes.every((hash) => hash.startsWith("scrypt$"))).toBe(true);
    const seen = [
      await page(server, "/accounts", { cookie: organiser }),
      await page(server, "/accounts?_data=routes%2Faccounts", { cookie: organiser }),
      await page(server, "/account", { cookie: organiser }),
      await page(server, "/account?_data=routes%2Faccount", { cookie: organiser }),
      await page(server, "/library", { cookie: organiser }),
      await page(server, "/login"),
      await addAccount(server, organiser, { name: "Nia Again", email: "nia@example.org", role: "facilitator", password: passwords[1]! }),
    ];
    for (const { text } of seen) {
      expect(text).not.toContain("scrypt$");
      for (const hash of hashes) expect(text).not.toContain(hash.split("$")[5]);
    }

    const logs = server.logs.join("\n");
    expect(logs).toContain("path=\"/accounts\"");
    for (const password of passwords) expect(logs).not.toContain(password);
    for (const hash of hashes) expect(logs).not.toContain(hash.split("$")[5]);
  });
});
