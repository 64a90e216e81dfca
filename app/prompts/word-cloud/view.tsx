import { MAX_WORD_LENGTH } from "~/runs/rules";
import { useStrings } from "~/strings";

import type { PromptView } from "../view";

import type { WordCloudAnswer, WordCloudTally } from "./index";
import type { WordCloudPrompt } from "./plan";

export const wordCloudView: PromptView<WordCloudPrompt, WordCloudAnswer, WordCloudTally> = {
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
  written: (answer) => answer.words,
  isComplete: (answer) => answer.words.some((word) => word.trim() !== ""),
  describe: (t, _prompt, answer) => t.words(answer.words.length, answer.words.join(", ")),
  /** Sizes grow with the square root of the count and at most triple, so one repeated word can't drown the rest. */
  Results: function WordCloud({ tally }) {
    const t = useStrings().room.results;
    const most = Math.max(1, ...tally.words.map((w) => w.count));
    const words = [...tally.words].sort((a, b) => scatter(a.word) - scatter(b.word));
    return (
      <ul className="word-cloud" aria-label={t.words}>
        {words.map(({ word, count }) => (
          <li key={word} style={{ fontSize: `${1 + 2 * Math.sqrt((count - 1) / Math.max(1, most - 1))}em` }}>
            {word}
            {count > 1 ? <span className="visually-hidden">{` (${count})`}</span> : null}
          </li>
        ))}
      </ul>
    );
  },
};

/** A stable, meaningless order, so the cloud doesn't read as a ranking. */
function scatter(word: string): number {
  let hash = 2166136261;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
  return hash >>> 0;
}
