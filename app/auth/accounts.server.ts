import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

import type { AccountRow } from "~/models/account.server";
import type { Outcome } from "~/realtime/events";
import { ok, refused } from "~/domain/result";
import type { Queries, Storage } from "~/storage/storage";
import type { StaffStrings } from "~/strings/staff-catalogues";

import { Passwords } from "./password.server";
import type { Account, Role } from "./roles";
import { SignInRate, SignInThrottle } from "./sign-in-throttle.server";

/** How long a sign-in lasts. */
export const SESSION_DAYS = 14;

/**
 * What a change that checks or sets a password returns. A refusal to wait has code `too-many` and the
 * seconds to wait (for Retry-After): `busy` when the whole server is (every password check taken, or
 * sign-ins coming faster than SIGN_IN_RATE), else this address is locked by the throttle.
 */
export type PasswordResult<T> = Outcome<T> & {
  retryAfterSeconds?: number;
  busy?: boolean;
};

/** Sign-ins that just ended: one (signed out) or all of an account's (disabled, password changed). */
export type EndedSessions = { sessionHash: string } | { accountId: string };

export interface AccountListing extends Account {
  disabled: boolean;
  createdAt: string;
}

/**
 * Organiser and facilitator accounts, and their sign-ins. Routes and the
 * command line (scripts/account.ts) both go through here. Every answer is read
 * from storage when asked, never kept: the command line changes accounts while
 * the server runs.
 */
export class Accounts {
  /** Every password check and hash goes through here, a few at a time; tests read its `work`. */
  readonly passwords: Passwords;
  private readonly throttle: SignInThrottle;
  private readonly signInRate: SignInRate;
  private readonly now: () => Date;
  /** While no account exists: the secret the first organiser's setup link carries. */
  private setupToken: string | undefined;
  private sessionsEnded: (ended: EndedSessions) => void = () => {};

  private constructor(private readonly storage: Storage, options: { now?: () => Date }) {
    this.now = options.now ?? (() => new Date());
    this.passwords = new Passwords();
    this.throttle = new SignInThrottle(() => this.now().getTime());
    this.signInRate = new SignInRate(() => this.now().getTime());
  }

  /** The accounts in storage; while there are none, with the first organiser's setup link (`setupToken`, else a random one). */
  static async open(storage: Storage, options: { setupToken?: string; now?: () => Date } = {}): Promise<Accounts> {
    const accounts = new Accounts(storage, options);
    if (await accounts.needsSetup()) accounts.setupToken = options.setupToken ?? randomBytes(18).toString("base64url");
    return accounts;
  }

  /** Told whenever sign-ins end, so that live console connections made with them are closed too. */
  whenSessionsEnd(listener: (ended: EndedSessions) => void): void {
    this.sessionsEnded = listener;
  }

  /** True until the first account exists. */
  async needsSetup(): Promise<boolean> {
    return (await this.storage.queries.countAccounts()) === 0;
  }

  /** The path of the one-time setup page, while setup is needed. */
  async setupPath(): Promise<string | undefined> {
    const token = this.setupToken;
    return token && (await this.needsSetup()) ? `/setup?token=${encodeURIComponent(token)}` : undefined;
  }

  async isSetupToken(token: string): Promise<boolean> {
    const expected = this.setupToken;
    return expected !== undefined && sameSecret(token, expected) && (await this.needsSetup());
  }

  /** Creates the first organiser with the setup link's token, and signs them in. */
  async setUpFirstOrganiser(
    input: { token: string; name: string; email: string; password: string },
    strings: StaffStrings,
  ): Promise<PasswordResult<{ account: Account; sessionToken: string }>> {
    const t = strings.staff.refusals;
    const token = this.setupToken;
    if (token === undefined || !sameSecret(input.token, token)) return refused("forbidden", t.setupLink);
    // Used up before anything is waited for, so two posts of the link at once can't both create an organiser.
    this.setupToken = undefined;
    if (!(await this.needsSetup())) return refused("forbidden", t.setupLink);
    const created = await this.createAccount({ ...input, role: "organiser" }, strings);
    if (!created.ok) {
      if (await this.needsSetup()) this.setupToken = token;
      return created;
    }
    return ok({
      account: created.data,
      sessionToken: await this.startSession(created.data.id),
    });
  }

  async createAccount(input: { name: string; email: string; role: Role; password: string }, strings: StaffStrings): Promise<PasswordResult<Account>> {
    const t = strings.staff.refusals;
    const email = input.email.trim().toLowerCase();
    if (await this.storage.queries.getAccountByEmail(email)) return refused("invalid-payload", t.emailTaken);
    const hashing = this.passwords.hash(input.password);
    if (!hashing) return serverBusy(t);
    const passwordHash = await hashing;
    // Checked again after the slow hash: two requests may have raced.
    if (await this.storage.queries.getAccountByEmail(email)) return refused("invalid-payload", t.emailTaken);
    return emailTaken(this.storage, async () => {
      const row = await this.storage.queries.insertAccount({
        id: randomUUID(),
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        createdAt: this.now(),
      });
      this.setupToken = undefined;
      return ok(publicAccount(row));
    }, t.emailTaken);
  }

  /**
   * Checks a password and starts a session. Wrong passwords for an address
   * slow down further tries (SignInThrottle); an unknown address costs the
   * same time as a known one, so the answer doesn't say which addresses exist.
   * Sign-ins beyond SIGN_IN_RATE, or while every password check is taken,
   * are refused as busy before any check.
   */
  async signIn(emailInput: string, password: string, strings: StaffStrings): Promise<PasswordResult<{ account: Account; sessionToken: string }>> {
    const t = strings.staff.refusals;
    const email = emailInput.trim().toLowerCase();
    const wait = this.throttle.waitFor(email);
    if (wait > 0) return tooManyTries(t, wait);
    const rateWait = this.signInRate.take();
    if (rateWait > 0) return serverBusy(t, rateWait);
    const row = await this.storage.queries.getAccountByEmail(email);
    // Tries sent all at once all got past the first look while the account was read (on PostgreSQL that read waits on
    // the network): look again, with nothing awaited from here until this try is counted.
    const waitNow = this.throttle.waitFor(email);
    if (waitNow > 0) return tooManyTries(t, waitNow);
    const checking = this.passwords.verify(password, row?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (!checking) return serverBusy(t);
    // Counted as a failure before the slow check, so that requests sent all at once can't all slip past the lock;
    // a right password clears it.
    this.throttle.failed(email);
    const matches = await checking;
    if (!row || !matches || row.disabledAt) return refused("forbidden", t.wrongPassword);
    this.throttle.succeeded(email);
    await this.storage.queries.deleteExpiredSessions(this.now());
    return ok({
      account: publicAccount(row),
      sessionToken: await this.startSession(row.id),
    });
  }

  /**
   * Milliseconds until a sign-in posted now could be checked, 0 if at once: a look that takes nothing, so
   * that a flood of sign-in posts can be refused before any page is drawn for them. signIn decides for real.
   */
  signInWait(): number {
    const rateWait = this.signInRate.waitFor();
    if (rateWait > 0) return rateWait;
    return this.passwords.hasRoom() ? 0 : BUSY_RETRY_SECONDS * 1000;
  }

  async signOut(sessionToken: string): Promise<void> {
    const sessionHash = sessionHashOf(sessionToken);
    await this.storage.queries.deleteSession(sessionHash);
    this.sessionsEnded({ sessionHash });
  }

  /** The signed-in account, if the token is a live session of an active account. */
  async accountForSession(sessionToken: string | undefined): Promise<Account | undefined> {
    if (!sessionToken) return undefined;
    const row = await this.storage.queries.getSessionAccount(sessionHashOf(sessionToken), this.now());
    return row ? publicAccount(row) : undefined;
  }

  /** Whether a sign-in (by its stored hash) is still live: not signed out or expired, its account not disabled. */
  async isLiveSession(sessionHash: string): Promise<boolean> {
    return (await this.storage.queries.getSessionAccount(sessionHash, this.now())) !== undefined;
  }

  async get(accountId: string): Promise<Account | undefined> {
    const row = await this.storage.queries.getAccountById(accountId);
    return row ? publicAccount(row) : undefined;
  }

  /** The account with this address (any case), active or disabled. */
  async findByEmail(email: string): Promise<Account | undefined> {
    const row = await this.storage.queries.getAccountByEmail(email.trim().toLowerCase());
    return row ? publicAccount(row) : undefined;
  }

  async list(): Promise<AccountListing[]> {
    return (await this.storage.queries.listAccounts()).map((row) => ({
      ...publicAccount(row),
      disabled: row.disabledAt !== null,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /**
   * Changes an account's name, email address or role, or disables or re-enables it. The last active organiser
   * can't be demoted or disabled, and two accounts can't share an email address (in any case).
   */
  async change(
    accountId: string,
    change: { name?: string; email?: string; role?: Role; disabled?: boolean },
    strings: StaffStrings,
  ): Promise<Outcome<Account>> {
    const t = strings.staff.refusals;
    const email = change.email?.trim().toLowerCase();
    const changed = await emailTaken(
      this.storage,
      () =>
        this.storage.transaction(async (tx) => {
          const row = await tx.getAccountById(accountId);
          if (!row) return refused<Account>("not-found", t.noSuchAccount);
          const losesOrganiser = row.role === "organiser" && !row.disabledAt && (change.role === "facilitator" || change.disabled === true);
          if (losesOrganiser && (await tx.countActiveOrganisers()) <= 1) {
            return refused<Account>("forbidden", t.lastOrganiser);
          }
          const holder = email ? await tx.getAccountByEmail(email) : undefined;
          if (holder && holder.id !== accountId) {
            return refused<Account>("invalid-payload", t.emailTakenByAnother);
          }
          await tx.updateAccount(accountId, {
            ...(change.name === undefined ? {} : { name: change.name.trim() }),
            ...(email ? { email } : {}),
            ...(change.role ? { role: change.role } : {}),
            ...(change.disabled === undefined ? {} : { disabledAt: change.disabled ? this.now() : null }),
          });
          // A disabled account is signed out everywhere at once.
          if (change.disabled) await tx.deleteSessionsOf(accountId);
          return ok(publicAccount((await tx.getAccountById(accountId))!));
        }),
      t.emailTakenByAnother,
    );
    if (changed.ok && change.disabled) this.sessionsEnded({ accountId });
    return changed;
  }

  /** Sets the language an account's staff pages and console speak (a tag the caller has checked); null is English. */
  async setLanguage(accountId: string, language: string | null): Promise<boolean> {
    if (!(await this.storage.queries.getAccountById(accountId))) return false;
    await this.storage.queries.updateAccount(accountId, { language });
    return true;
  }

  /**
   * Sets a new password and ends every sign-in of the account. Checks
   * `current` unless an organiser resets it. With `keepSignedIn` (someone
   * changing their own password), this browser gets a new session token.
   */
  async setPassword(
    accountId: string,
    password: string,
    options: { current?: string; keepSignedIn?: boolean },
    strings: StaffStrings,
  ): Promise<PasswordResult<{ sessionToken: string | null }>> {
    const t = strings.staff.refusals;
    const row = await this.storage.queries.getAccountById(accountId);
    if (!row) return refused("not-found", t.noSuchAccount);
    if (options.current !== undefined) {
      // A signed-in browser left open must not become a way to guess the password: same throttle as sign-in.
      const wait = this.throttle.waitFor(row.email);
      if (wait > 0) return tooManyTries(t, wait);
      const checking = this.passwords.verify(options.current, row.passwordHash);
      if (!checking) return serverBusy(t);
      this.throttle.failed(row.email);
      if (!(await checking)) return refused("forbidden", t.currentPasswordWrong);
      this.throttle.succeeded(row.email);
    }
    const hashing = this.passwords.hash(password);
    if (!hashing) return serverBusy(t);
    const passwordHash = await hashing;
    const sessionToken = options.keepSignedIn ? newSessionToken() : null;
    await this.storage.transaction(async (tx) => {
      await tx.updateAccount(accountId, { passwordHash });
      await tx.deleteSessionsOf(accountId);
      if (sessionToken) await this.insertSessionFor(tx, accountId, sessionToken);
    });
    this.sessionsEnded({ accountId });
    return ok({ sessionToken });
  }

  private async startSession(accountId: string): Promise<string> {
    const token = newSessionToken();
    await this.insertSessionFor(this.storage.queries, accountId, token);
    return token;
  }

  private insertSessionFor(queries: Queries, accountId: string, token: string): Promise<void> {
    return queries.insertSession({
      tokenHash: sessionHashOf(token),
      accountId,
      expiresAt: new Date(this.now().getTime() + SESSION_DAYS * 86_400_000),
    });
  }
}

/** A real scrypt hash of a random password, so that an unknown address takes as long to refuse as a wrong password. */
const UNKNOWN_ACCOUNT_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** The refusal while an address is locked by the throttle, with the whole seconds to wait (for Retry-After). */
function tooManyTries(t: StaffStrings["staff"]["refusals"], waitMs: number): PasswordResult<never> {
  const seconds = Math.ceil(waitMs / 1000);
  return {
    ...refused("too-many", t.tooManyTries(seconds)),
    retryAfterSeconds: seconds,
  };
}

/** How long a refusal while every password check is taken asks to wait: a few checks' time. */
export const BUSY_RETRY_SECONDS = 5;

/** The refusal while the server is busy checking passwords, with the whole seconds to wait (at least 1). */
function serverBusy(t: StaffStrings["staff"]["refusals"], waitMs = BUSY_RETRY_SECONDS * 1000): PasswordResult<never> {
  return {
    ...refused("too-many", t.busy),
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    busy: true,
  };
}

/**
 * Runs a write that may claim an email address. The check before it covers
 * this process; the database's unique index covers another one (the account
 * command line) writing the same address at the same moment.
 */
async function emailTaken<T>(storage: Storage, write: () => Promise<Outcome<T>>, message: string): Promise<Outcome<T>> {
  try {
    return await write();
  } catch (error) {
    if (storage.isDuplicate(error)) return refused("invalid-payload", message);
    throw error;
  }
}

/** Whether a secret given matches the one expected, in a time that doesn't tell how much of it did. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the sessions table keeps of a sign-in cookie's token. */
export function sessionHashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function publicAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
  };
}
