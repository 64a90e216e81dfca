import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { normaliseJoinCode } from "~/runs/join-code";

export const meta: MetaFunction = () => [{ title: "Join a session · Beside" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const typed = String((await request.formData()).get("code") ?? "");
  const code = normaliseJoinCode(typed);
  if (!code) {
    return json({ typed, error: "A code is 6 letters and numbers, like K7M2QX. Check the code on the screen." }, { status: 400 });
  }
  const run = context.beside.engine.loadRunByCode(code);
  if (!run) return json({ typed, error: `No session is running with the code ${code}. Check the code on the screen.` }, { status: 404 });
  if (run.row.state !== "live") return json({ typed, error: "That session has ended. Thank you for being part of it." }, { status: 410 });
  return redirect(`/j/${code}`);
}

export default function Join() {
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
      <h1>Join a session</h1>
      <p>No name, no account. Nobody, the facilitator included, can see what you answer.</p>
      <Form method="post" className="join-form">
        <label htmlFor="code">Code on the screen</label>
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
          aria-describedby={actionData?.error ? "code-error" : undefined}
          required
        />
        {actionData?.error ? (
          <p id="code-error" className="error" role="alert">
            {actionData.error}
          </p>
        ) : null}
        <button type="submit" className="button button--primary button--wide" disabled={navigation.state !== "idle"}>
          Join
        </button>
      </Form>
      <p className="phone__help">
        <a href="/help">Get help</a>: crisis and support lines, any time.
      </p>
    </main>
  );
}
