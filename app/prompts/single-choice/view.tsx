import type { PromptView } from "../view";
import { ChoiceBars } from "../shared/choice-bars";
import { OptionList } from "../shared/option-list";

import type { SingleChoiceAnswer, SingleChoiceTally } from "./index";
import type { SingleChoicePrompt } from "./plan";

export const singleChoiceView: PromptView<SingleChoicePrompt, SingleChoiceAnswer, SingleChoiceTally> = {
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
  Choices: ({ prompt }) => <OptionList options={prompt.options} />,
  isComplete: () => true,
  describe: (t, prompt, answer) => (prompt.type === "single-choice" ? t.chose(prompt.options[answer.option] ?? "") : ""),
  Results: ({ tally }) => <ChoiceBars tally={tally} />,
};
