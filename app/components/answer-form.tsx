import { useState, type FormEvent } from "react";

import type { Prompt } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";
import { toggleOption } from "~/runs/answers";
import { MAX_WORD_LENGTH } from "~/runs/rules";
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
  switch (answer.type) {
    case "multiple-choice":
      return answer.options.length > 0;
    case "word-cloud":
      return answer.words.some((word) => word.trim() !== "");
    case "open-text":
      return answer.text.trim() !== "";
    default:
      return true;
  }
}

function AnswerInput({ prompt, draft, onChange }: { prompt: Prompt; draft: Answer | null; onChange: (answer: Answer) => void }) {
  const t = useStrings().phone.answer;
  switch (prompt.type) {
    case "single-choice": {
      const chosen = draft?.type === "single-choice" ? draft.option : null;
      return (
        <div className="choices">
          {prompt.options.map((label, option) => (
            <label key={label} className="choice">
              <input
                type="radio"
                name={prompt.id}
                checked={chosen === option}
                onChange={() => onChange({ type: "single-choice", option })}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      );
    }
    case "multiple-choice": {
      const chosen = draft?.type === "multiple-choice" ? draft.options : [];
      return (
        <div className="choices">
          <p className="answer-form__hint">
            {prompt.exclusive === undefined ? t.chooseAny : t.chooseAnyOrAlone(prompt.options[prompt.exclusive] ?? "")}
          </p>
          {prompt.options.map((label, option) => (
            <label key={label} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(event) =>
                  onChange({
                    type: "multiple-choice",
                    options: toggleOption(chosen, option, event.target.checked, prompt.exclusive),
                  })
                }
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      );
    }
    case "scale": {
      const chosen = draft?.type === "scale" ? draft.value : null;
      const values = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => prompt.min + i);
      // Screen readers hear the lowest and highest values with their labels: "1 (Not at all)".
      const end = (value: number) =>
        value === prompt.min ? ` ${t.scaleEnd(prompt.minLabel)}` : value === prompt.max ? ` ${t.scaleEnd(prompt.maxLabel)}` : "";
      return (
        <div className="scale-input">
          <div className="scale-input__values">
            {values.map((value) => (
              <label key={value} className="scale-input__value">
                <input type="radio" name={prompt.id} checked={chosen === value} onChange={() => onChange({ type: "scale", value })} />
                <span>
                  {value}
                  <span className="visually-hidden">{end(value)}</span>
                </span>
              </label>
            ))}
          </div>
          <div className="scale-input__labels" aria-hidden="true">
            <span>{prompt.minLabel}</span>
            <span>{prompt.maxLabel}</span>
          </div>
        </div>
      );
    }
    case "word-cloud": {
      const words = draft?.type === "word-cloud" ? draft.words : [];
      return (
        <div className="words-input">
          <p className="answer-form__hint">{t.upToWords(prompt.maxWords)}</p>
          {Array.from({ length: prompt.maxWords }, (_, i) => (
            <input
              key={i}
              type="text"
              aria-label={t.word(i + 1)}
              maxLength={MAX_WORD_LENGTH}
              autoComplete="off"
              value={words[i] ?? ""}
              onChange={(event) => {
                const next = Array.from({ length: prompt.maxWords }, (_, j) => words[j] ?? "");
                next[i] = event.target.value;
                onChange({ type: "word-cloud", words: next });
              }}
            />
          ))}
        </div>
      );
    }
    case "open-text": {
      const text = draft?.type === "open-text" ? draft.text : "";
      return (
        <div className="text-input">
          <textarea
            aria-label={t.text}
            rows={4}
            maxLength={prompt.maxLength}
            value={text}
            onChange={(event) => onChange({ type: "open-text", text: event.target.value })}
          />
          <p className="answer-form__hint">{t.characters(text.length, prompt.maxLength)}</p>
        </div>
      );
    }
  }
}

/** A participant's own answer, in words, for the confirmation. */
export function describeAnswer(phone: Strings["phone"], prompt: Prompt, answer: Answer): string {
  const t = phone.yours;
  switch (answer.type) {
    case "pass":
      return t.passed;
    case "single-choice":
      return prompt.type === "single-choice" ? t.chose(prompt.options[answer.option] ?? "") : "";
    case "multiple-choice":
      return prompt.type === "multiple-choice" ? t.chose(answer.options.map((o) => prompt.options[o]).join("; ")) : "";
    case "scale":
      return t.scale(answer.value);
    case "word-cloud":
      return t.words(answer.words.length, answer.words.join(", "));
    case "open-text":
      return t.wrote(answer.text);
  }
}
