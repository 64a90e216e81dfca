import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { parse, serialize } from "cookie";

import type { Config } from "~/config/env.server";
import { availableCatalogues, browserCatalogue, serverCatalogue } from "~/strings/catalogues.server";
import { staffStringsFor, type StaffStrings } from "~/strings/staff-catalogues";

import { SESSION_DAYS } from "./accounts.server";
import { hasRole, type Account, type Role } from "./roles";

const SESSION_COOKIE = "beside_session";

export function readSessionToken(request: Request): string | undefined {
  return sessionTokenOf(request.headers.get("Cookie"));
}

/** The sign-in token in a Cookie header (a page request's or a realtime connection's). */
export function sessionTokenOf(cookieHeader: string | null | undefined): string | undefined {
  return cookieHeader ? parse(cookieHeader)[SESSION_COOKIE] || undefined : undefined;
}

/**
 * The sign-in cookie: HttpOnly, SameSite=Lax (never sent with a cross-site
 * form post), Secure when served over HTTPS or behind an HTTPS PUBLIC_URL.
 */
export function sessionCookie(token: string, request: Request, config: Pick<Config, "PUBLIC_URL">): string {
  return serialize(SESSION_COOKIE, token, {
    ...cookieOptions(request, config),
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(request: Request, config: Pick<Config, "PUBLIC_URL">): string {
  return serialize(SESSION_COOKIE, "", {
    ...cookieOptions(request, config),
    maxAge: 0,
  });
}

function cookieOptions(request: Request, config: Pick<Config, "PUBLIC_URL">) {
  const secure = new URL(request.url).protocol === "https:" || Boolean(config.PUBLIC_URL?.startsWith("https:"));
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };
}

/** The signed-in account, if any. */
export function currentAccount(request: Request, context: AppLoadContext): Promise<Account | undefined> {
  return context.beside.accounts.accountForSession(readSessionToken(request));
}

/**
 * The signed-in account with at least `role`. A signed-out visitor is sent to
 * sign in (and back here afterwards); a facilitator on an organiser's page
 * gets 403.
 */
export async function requireAccount(request: Request, context: AppLoadContext, role: Role = "facilitator"): Promise<Account> {
  const account = await currentAccount(request, context);
  if (!account) {
    const url = new URL(request.url);
    // A form posted while signed out comes back to its page, not to the action.
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (!hasRole(account.role, role)) {
    throw new Response(staffStringsOf(request, context, account).staff.refusals.organisersOnly, { status: 403 });
  }
  return account;
}

/**
 * The catalogue tag a staff page speaks: the signed-in account's language, else (signed out: sign in, setup) the
 * browser's first that Beside has. The root loader makes it the language of every page no plan gives one.
 */
export function staffLanguageOf(request: Request, context: AppLoadContext, account: Account | undefined): string {
  const available = availableCatalogues(context.beside.config);
  return account ? serverCatalogue(account.language ?? "en", available).tag : browserCatalogue(request.headers.get("Accept-Language"), available).tag;
}

/** What a staff page's loader or action says, in the staff member's language (staffLanguageOf). */
export function staffStringsOf(request: Request, context: AppLoadContext, account: Account | undefined): StaffStrings {
  return staffStringsFor(staffLanguageOf(request, context, account));
}
