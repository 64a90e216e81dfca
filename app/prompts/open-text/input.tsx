import { useStrings } from "~/strings";

import { fieldText } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { OpenTextAnswer } from "./index";
import type { OpenTextPrompt } from "./plan";

export const openTextInput: PromptInput<OpenTextPrompt, OpenTextAnswer> = {
  Input: function TextInput({ prompt, draft, onChange }) {
    const t = useStrings().phone.answer;
    const text = draft ? draft.text : "";
    return (
      <div className="text-input">
        <textarea
          name="text"
          aria-label={t.text}
          rows={4}
          maxLength={prompt.maxLength}
          value={text}
          onChange={(event) => onChange({ type: "open-text", text: event.target.value })}
        />
        <p className="answer-form__hint">{t.characters(text.length, prompt.maxLength)}</p>
      </div>
    );
  },
  fromForm: (form) => {
    const text = fieldText(form, "text");
    return text.trim() === "" ? { refusal: { reason: "answers.writeSomething" } } : { answer: { type: "open-text", text } };
  },
  written: (answer) => [answer.text],
  isComplete: (answer) => answer.text.trim() !== "",
  describe: (t, _prompt, answer) => t.wrote(answer.text),
};
