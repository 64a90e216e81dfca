import { randomBytes } from "node:crypto";

import { json, type AppLoadContext } from "@remix-run/node";
import { parse as parseCookie } from "cookie";
import { z } from "zod/v4";

import type { FormEvent } from "~/context.server";
import { inputOf } from "~/prompts/inputs";
import type { Answer, Result } from "~/realtime/events";
import { deviceCookie, deviceCookieName, enteredCookie, enteredCookieName } from "~/realtime/device";
import { DEVICE_SECRET_PATTERN } from "~/domain/rules";
import type { RefusalOnTheWire } from "~/strings/refusal";

import type { LoadedRun } from "./run-engine.server";
import { entryMark, entryMoment } from "./secrets.server";

/** What a phone can post to its session's page without scripts (the buttons' `intent`). */
const intentSchema = z.enum(["enter", "answer", "pass", "agree", "signal"]);
export type PhoneIntent = z.infer<typeof intentSchema>;

/** What the page shows after a post: what was done, and the refusal when it wasn't (with the answer, to keep it). */
export interface PhoneFormOutcome {
  intent: PhoneIntent;
  promptId?: string;
  /** The answer the form said, kept on the page when it was refused, so nothing typed is lost. */
  draft?: Answer;
  /** The answer as stored (normalised), when it was: the page confirms it even before the phone's secret is in a cookie. */
  answer?: Answer;
  kind?: "pause" | "stepping-out";
  refusal?: RefusalOnTheWire & { code?: string };
}

/** A phone's cookies for one run: whether it entered, and its secret (never stored or logged here). */
export function phoneCookies(request: Request, code: string) {
  const cookies = parseCookie(request.headers.get("Cookie") ?? "");
  const device = cookies[deviceCookieName(code)];
  const entered = cookies[enteredCookieName(code)];
  return {
    entered: entered !== undefined && entered !== "",
    device: device !== undefined && DEVICE_SECRET_PATTERN.test(device) ? device : undefined,
    enteredAt: entered,
  };
}

/**
 * When a phone entered (Date.now() ms), as a socket's `joinedAt`: the moment in its
 * entered cookie when the server set it and its mark holds for this run and secret (`entryMoment`), else now, as a
 * socket that connects now. A script can't make its fake phones early, which would let them complete a batch of
 * released answers and so single out a real one (docs/realtime.md §7.1).
 */
export function joinedAtOf(run: LoadedRun, device: string, entered: string | undefined, now = Date.now()): number {
  const salt = run.row.responseKeySalt;
  const at = salt ? entryMoment(salt, device, entered) : undefined;
  return at !== undefined && at <= now ? at : now;
}

function secureCookies(request: Request, context: AppLoadContext): boolean {
  return new URL(request.url).protocol === "https:" || Boolean(context.beside.config.PUBLIC_URL?.startsWith("https:"));
}

/**
 * A post to a live session's page from a phone whose scripts haven't run: "Join the session", an answer, a pass,
 * "I'm in" or a signal. Each but entering goes through the realtime layer's dispatcher (`context.participate`), so
 * it is checked, stored before it is confirmed, and told to the room exactly as over a socket; the page then shows
 * the session as it now stands, from the same request (no redirect: on a weak signal every request costs seconds).
 */
export async function phoneFormAction(request: Request, context: AppLoadContext, run: LoadedRun) {
  const code = run.row.code;
  const form = await request.formData();
  const intent = intentSchema.safeParse(form.get("intent") ?? "enter");
  const cookies = phoneCookies(request, code);
  const headers = new Headers();
  // A phone without a secret for this run (it entered here a moment ago, or its cookies went) gets one now.
  let device = cookies.device;
  if (!device) {
    device = randomBytes(32).toString("base64url");
    headers.append("Set-Cookie", deviceCookie(code, device, secureCookies(request, context)));
  }
  if (!intent.success) return json<PhoneFormOutcome>({ intent: "enter", refusal: { code: "invalid-payload", reason: "socket.badShape", params: { event: "form" } } }, { status: 400, headers });
  if (intent.data === "enter") {
    // The phone takes its place now, as a socket does when it connects; refused, it stays before the session.
    const entered = context.enterByForm({ runId: run.row.id, device });
    if (!entered.ok) return json<PhoneFormOutcome>({ intent: "enter", refusal: entered.error }, { status: 429, headers });
  }
  if (intent.data === "enter" || !cookies.entered) {
    const salt = run.row.responseKeySalt;
    headers.append("Set-Cookie", enteredCookie(code, salt ? entryMark(salt, device, Date.now()) : "1"));
    if (intent.data === "enter") return json<PhoneFormOutcome>({ intent: "enter" }, { headers });
  }
  const phone = { runId: run.row.id, device, joinedAt: joinedAtOf(run, device, cookies.enteredAt) };
  const send = (event: FormEvent, payload: unknown) => context.participate(phone, event, payload);
  const outcome = await (async (): Promise<PhoneFormOutcome> => {
    switch (intent.data) {
      case "answer":
      case "pass": {
        const promptId = String(form.get("promptId") ?? "");
        const prompt = run.plan.slides.find((slide) => slide.prompt?.id === promptId)?.prompt;
        const said = intent.data === "pass" ? { answer: { type: "pass" } as Answer } : prompt ? inputOf(prompt.type).fromForm(form, prompt) : undefined;
        if (!said) return { intent: intent.data, promptId, refusal: { code: "not-found", reason: "notInSession" } };
        if ("refusal" in said) return { intent: intent.data, promptId, refusal: { code: "invalid-answer", ...said.refusal } };
        const sent = await send("response:submit", { id: randomBytes(9).toString("base64url"), promptId, answer: said.answer });
        return { intent: intent.data, promptId, ...(sent.ok ? { answer: (sent.data as { answer: Answer }).answer } : { draft: said.answer, refusal: sent.error }) };
      }
      case "agree":
        return refusalOf("agree", await send("agreement:accept", { slideIndex: wholeNumberOf(form.get("slideIndex")) }));
      case "signal": {
        const kind = form.get("kind");
        const sent = await send("signal:send", { kind });
        // A second tap within the minute: the first one arrived, which is what the person needs to know. (Not a phone
        // refused a place: that is "too-many" too, for another reason.)
        const arrived = sent.ok || sent.error.reason === "socket.justSent";
        return { intent: "signal", ...(kind === "pause" || kind === "stepping-out" ? { kind } : {}), ...(arrived ? {} : { refusal: sent.error }) };
      }
      default:
        return { intent: intent.data };
    }
  })();
  return json(outcome, { status: outcome.refusal ? 400 : 200, headers });
}

/** A field's number, NaN when it is missing or empty (Number would read those as 0), for the payload's check to refuse. */
function wholeNumberOf(field: FormDataEntryValue | null): number {
  return typeof field === "string" && field.trim() !== "" ? Number(field) : Number.NaN;
}

function refusalOf(intent: PhoneIntent, result: Result<unknown>): PhoneFormOutcome {
  return result.ok ? { intent } : { intent, refusal: result.error };
}

/** Set-Cookie headers that forget a phone's cookies for a run that has ended. */
export function forgetPhoneCookies(code: string): Headers {
  const headers = new Headers();
  for (const name of [enteredCookieName(code), deviceCookieName(code)]) headers.append("Set-Cookie", `${name}=; Path=/j/${code}; Max-Age=0; SameSite=Lax`);
  return headers;
}
