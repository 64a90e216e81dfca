import type { PromptResults } from "../view";
import { ChoiceBars } from "../shared/choice-bars";
import { OptionList } from "../shared/option-list";

import type { MultipleChoiceTally } from "./index";
import type { MultipleChoicePrompt } from "./plan";

export const multipleChoiceResults: PromptResults<MultipleChoicePrompt, MultipleChoiceTally> = {
  Choices: ({ prompt }) => <OptionList options={prompt.options} />,
  Results: ({ tally }) => <ChoiceBars tally={tally} manyChoices />,
};
