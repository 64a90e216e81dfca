import { useStrings } from "~/strings";

import { fieldTexts, wholeNumber } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { MultipleChoiceAnswer } from "./index";
import type { MultipleChoicePrompt } from "./plan";
import { toggleOption } from "./toggle";

export const multipleChoiceInput: PromptInput<MultipleChoicePrompt, MultipleChoiceAnswer> = {
  Input: function MultipleChoiceInput({ prompt, draft, onChange }) {
    const t = useStrings().phone.answer;
    const chosen = draft ? draft.options : [];
    return (
      <div className="choices">
        <p className="answer-form__hint">
          {prompt.exclusive === undefined ? t.chooseAny : t.chooseAnyOrAlone(prompt.options[prompt.exclusive] ?? "")}
        </p>
        {prompt.options.map((label, option) => (
          <label key={label} className="choice">
            <input
              type="checkbox"
              name="options"
              value={option}
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
  },
  fromForm: (form) => {
    const options = fieldTexts(form, "options").map(wholeNumber);
    return options.length === 0 ? { refusal: { reason: "answers.chooseAtLeastOne" } } : { answer: { type: "multiple-choice", options } };
  },
  isComplete: (answer) => answer.options.length > 0,
  describe: (t, prompt, answer) =>
    prompt.type === "multiple-choice" ? t.chose(answer.options.map((o) => prompt.options[o]).join("; ")) : "",
};
