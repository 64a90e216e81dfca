import { useStrings } from "~/strings";

import { fieldText, wholeNumber } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { ScaleAnswer } from "./index";
import type { ScalePrompt } from "./plan";

export const scaleInput: PromptInput<ScalePrompt, ScaleAnswer> = {
  Input: function ScaleInput({ prompt, draft, onChange }) {
    const t = useStrings().phone.answer;
    const chosen = draft ? draft.value : null;
    const values = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => prompt.min + i);
    // Screen readers hear the lowest and highest values with their labels: "1 (Not at all)".
    const end = (value: number) =>
      value === prompt.min ? ` ${t.scaleEnd(prompt.minLabel)}` : value === prompt.max ? ` ${t.scaleEnd(prompt.maxLabel)}` : "";
    return (
      <div className="scale-input">
        <div className="scale-input__values">
          {values.map((value) => (
            <label key={value} className="scale-input__value">
              <input type="radio" name="value" value={value} checked={chosen === value} onChange={() => onChange({ type: "scale", value })} />
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
  },
  fromForm: (form, prompt) => {
    const value = fieldText(form, "value");
    return value === ""
      ? { refusal: { reason: "answers.scale", params: { min: prompt.min, max: prompt.max } } }
      : { answer: { type: "scale", value: wholeNumber(value) } };
  },
  isComplete: () => true,
  describe: (t, _prompt, answer) => t.scale(answer.value),
};
