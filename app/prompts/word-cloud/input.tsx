import { MAX_WORD_LENGTH } from "~/domain/rules";
import { useStrings } from "~/strings";

import { fieldTexts } from "../shared/form-fields";
import type { PromptInput } from "../view";

import type { WordCloudAnswer } from "./index";
import type { WordCloudPrompt } from "./plan";

export const wordCloudInput: PromptInput<WordCloudPrompt, WordCloudAnswer> = {
  Input: function WordsInput({ prompt, draft, onChange }) {
    const t = useStrings().phone.answer;
    const words = draft ? draft.words : [];
    return (
      <div className="words-input">
        <p className="answer-form__hint">{t.upToWords(prompt.maxWords)}</p>
        {Array.from({ length: prompt.maxWords }, (_, i) => (
          <input
            key={i}
            type="text"
            name="words"
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
  },
  fromForm: (form) => {
    const words = fieldTexts(form, "words");
    return words.every((word) => word.trim() === "") ? { refusal: { reason: "answers.writeWord" } } : { answer: { type: "word-cloud", words } };
  },
  written: (answer) => answer.words,
  isComplete: (answer) => answer.words.some((word) => word.trim() !== ""),
  describe: (t, _prompt, answer) => t.words(answer.words.length, answer.words.join(", ")),
};

