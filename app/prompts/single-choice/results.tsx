import type { PromptResults } from "../view";
import { ChoiceBars } from "../shared/choice-bars";
import { OptionList } from "../shared/option-list";

import type { SingleChoiceTally } from "./index";
import type { SingleChoicePrompt } from "./plan";

export const singleChoiceResults: PromptResults<SingleChoicePrompt, SingleChoiceTally> = {
  Choices: ({ prompt }) => <OptionList options={prompt.options} />,
  Results: ({ tally }) => <ChoiceBars tally={tally} />,
};
