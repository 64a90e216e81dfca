import { useStrings } from "~/strings";

import type { PromptResults } from "../view";

import type { WordCloudTally } from "./index";
import type { WordCloudPrompt } from "./plan";

export const wordCloudResults: PromptResults<WordCloudPrompt, WordCloudTally> = {
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
