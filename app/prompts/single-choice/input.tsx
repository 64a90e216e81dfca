import { fieldText, wholeNumber } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { SingleChoiceAnswer } from "./index";
import type { SingleChoicePrompt } from "./plan";

export const singleChoiceInput: PromptInput<SingleChoicePrompt, SingleChoiceAnswer> = {
  Input: ({ prompt, draft, onChange }) => {
    const chosen = draft ? draft.option : null;
    return (
      <div className="choices">
        {prompt.options.map((label, option) => (
          <label key={label} className="choice">
            <input type="radio" name="option" value={option} checked={chosen === option} onChange={() => onChange({ type: "single-choice", option })} />
            <span>{label}</span>
          </label>
        ))}
      </div>
    );
  },
  fromForm: (form) => {
    const option = fieldText(form, "option");
    return option === "" ? { refusal: { reason: "answers.chooseOne" } } : { answer: { type: "single-choice", option: wholeNumber(option) } };
  },
  isComplete: () => true,
  describe: (t, prompt, answer) => (prompt.type === "single-choice" ? t.chose(prompt.options[answer.option] ?? "") : ""),
};
