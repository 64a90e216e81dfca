import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { retryAfterOf, tooManyCodes } from "~/runs/join-page.server";
import { normaliseJoinCode } from "~/runs/join-code";
import { useStrings } from "~/strings";
import { say } from "~/strings/refusal";
import { metaStrings } from "~/utils/page-language";
import type { PhonePageHandle } from "~/utils/phone-page";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStrings(matches).phone.join.title }];

/** Where a phone types the code: it carries a phone's styles only (app/utils/phone-page.ts). */
export const handle: PhonePageHandle = { phonePage: true };

/** A code refused for too many wrong ones from this network says when to try again. */
export const headers: HeadersFunction = ({ actionHeaders }) => retryAfterOf(actionHeaders);

export async function action({ request, context }: ActionFunctionArgs) {
  const typed = String((await request.formData()).get("code") ?? "");
  const code = normaliseJoinCode(typed);
  if (!code) {
    return json({ typed, error: { reason: "phone.join.badCode" } }, { status: 400 });
  }
  const lookup = await context.lookUpCode(code);
  if (lookup.found === "too-many") return json({ typed, error: { reason: "refusals.tooManyCodes", params: { seconds: lookup.retryAfterSeconds } } }, tooManyCodes(lookup.retryAfterSeconds));
  if (lookup.found === "none") return json({ typed, error: { reason: "phone.join.noSuchCode", params: { code } } }, { status: 404 });
  const { run } = lookup;
  if (run.row.state !== "live") return json({ typed, error: { reason: "phone.join.ended" } }, { status: 410 });
  return redirect(`/j/${code}`);
}

export default function Join() {
  const strings = useStrings();
  const t = strings.phone;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const input = useRef<HTMLInputElement>(null);
  // A refused code: back to the box, with the refused code selected, so the code can be typed again straight away.
  useEffect(() => {
    if (!actionData?.error) return;
    input.current?.focus();
    input.current?.select();
  }, [actionData]);
  return (
    <main className="phone">
      <p className="brand">Beside</p>
      <h1>{t.join.heading}</h1>
      <p>{t.join.intro}</p>
      <Form method="post" className="join-form">
        <label htmlFor="code">{t.join.code}</label>
        <input
          ref={input}
          id="code"
          name="code"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={12}
          defaultValue={actionData?.typed}
          aria-invalid={actionData?.error ? true : undefined}
          aria-describedby={actionData?.error ? "code-hint code-error" : "code-hint"}
          required
        />
        <p id="code-hint" className="join-form__hint">
          {t.join.codeHint}
        </p>
        {actionData?.error ? (
          <p id="code-error" className="error" role="alert">
            {say(strings, actionData.error) ?? strings.refusals.socket.serverError}
          </p>
        ) : null}
        <button type="submit" className="button button--primary button--wide" disabled={navigation.state !== "idle"}>
          {t.join.submit}
        </button>
      </Form>
      <p className="phone__help">
        <a href="/help">{t.getHelp}</a>
        {t.join.helpAfter}
      </p>
    </main>
  );
}
