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
            <input type="radio" name={prompt.id} checked={chosen === option} onChange={() => onChange({ type: "single-choice", option })} />
            <span>{label}</span>
          </label>
        ))}
      </div>
    );
  },
  isComplete: () => true,
  describe: (t, prompt, answer) => (prompt.type === "single-choice" ? t.chose(prompt.options[answer.option] ?? "") : ""),
};
