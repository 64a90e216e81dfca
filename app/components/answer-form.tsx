import { useEffect, useRef, useState, type FormEvent } from "react";

import type { Prompt } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";
import { inputOf } from "~/prompts/inputs";
import { useStrings, type Strings } from "~/strings";

/**
 * A participant's answer to one prompt, with "Pass" always beside "Send".
 * Starts from their earlier answer when they change it.
 *
 * A plain form first: until the page's scripts run (or on a phone without them) "Send" and "Pass" post it to the
 * session's page (`action`), which stores the answer as the socket would. When the scripts arrive, the form takes
 * over in place: it reads what the person already chose from its own controls, and sends by socket from then on.
 */
export function AnswerForm({
  action,
  prompt,
  initial,
  disabled,
  onSubmit,
}: {
  /** Where the form posts without scripts (the session's page); none for a preview. */
  action?: string;
  prompt: Prompt;
  initial: Answer | null;
  disabled: boolean;
  onSubmit: (answer: Answer) => void;
}) {
  const t = useStrings().phone.answer;
  const [draft, setDraft] = useState<Answer | null>(initial?.type === prompt.type ? initial : null);
  const answer = draft && isComplete(draft) ? draft : null;
  const form = useRef<HTMLFormElement>(null);
  /** False in the page the server drew (where "Send" must work as it is), true once the scripts run here. */
  const [live, setLive] = useState(false);

  useEffect(() => {
    setLive(true);
    // A choice made, or words typed, before the scripts arrived are in the controls: keep them.
    const chosen = form.current ? inputOf(prompt.type).fromForm(new FormData(form.current), prompt) : null;
    if (chosen && "answer" in chosen) setDraft(chosen.answer);
    // Once, as the form first appears: from then on the draft is the form's.
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer) onSubmit(answer);
  };

  return (
    <form className="answer-form" method={action ? "post" : undefined} action={action} onSubmit={submit} ref={form}>
      <input type="hidden" name="promptId" value={prompt.id} />
      <fieldset disabled={disabled}>
        <legend className="answer-form__question" tabIndex={-1}>
          {prompt.question}
        </legend>
        <AnswerInput prompt={prompt} draft={draft} onChange={setDraft} />
      </fieldset>
      <div className="answer-form__actions">
        <button type="submit" name="intent" value="answer" className="button button--primary button--wide" disabled={disabled || (live && !answer)}>
          {t.send}
        </button>
        <button
          type="submit"
          name="intent"
          value="pass"
          className="button button--quiet button--wide"
          disabled={disabled}
          onClick={(event) => {
            event.preventDefault();
            onSubmit({ type: "pass" });
          }}
        >
          {t.pass}
        </button>
      </div>
    </form>
  );
}

function isComplete(answer: Answer): boolean {
  return answer.type === "pass" || inputOf(answer.type).isComplete(answer);
}

/** The prompt type's own input (app/prompts/<type>/input.tsx). */
function AnswerInput({ prompt, draft, onChange }: { prompt: Prompt; draft: Answer | null; onChange: (answer: Answer) => void }) {
  const { Input } = inputOf(prompt.type);
  return <Input prompt={prompt} draft={draft?.type === prompt.type ? draft : null} onChange={onChange} />;
}

/** A participant's own answer, in words, for the confirmation. */
export function describeAnswer(phone: Strings["phone"], prompt: Prompt, answer: Answer): string {
  return answer.type === "pass" ? phone.yours.passed : inputOf(answer.type).describe(phone.yours, prompt, answer);
}
