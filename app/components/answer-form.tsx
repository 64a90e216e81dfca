import { useState, type FormEvent } from "react";

import type { Prompt } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";
import { inputOf } from "~/prompts/inputs";
import { useStrings, type Strings } from "~/strings";

/**
 * A participant's answer to one prompt, with "Pass" always beside "Send".
 * Starts from their earlier answer when they change it.
 */
export function AnswerForm({
  prompt,
  initial,
  disabled,
  onSubmit,
}: {
  prompt: Prompt;
  initial: Answer | null;
  disabled: boolean;
  onSubmit: (answer: Answer) => void;
}) {
  const t = useStrings().phone.answer;
  const [draft, setDraft] = useState<Answer | null>(initial?.type === prompt.type ? initial : null);
  const answer = draft && isComplete(draft) ? draft : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer) onSubmit(answer);
  };

  return (
    <form className="answer-form" onSubmit={submit}>
      <fieldset disabled={disabled}>
        <legend className="answer-form__question" tabIndex={-1}>
          {prompt.question}
        </legend>
        <AnswerInput prompt={prompt} draft={draft} onChange={setDraft} />
      </fieldset>
      <div className="answer-form__actions">
        <button type="submit" className="button button--primary button--wide" disabled={disabled || !answer}>
          {t.send}
        </button>
        <button type="button" className="button button--quiet button--wide" disabled={disabled} onClick={() => onSubmit({ type: "pass" })}>
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
