import { MAX_WORD_LENGTH } from "~/domain/rules";

import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";
import { hasLoneSurrogate, normaliseWord, textRows } from "../shared/text";

import type { WordCloudPrompt } from "./plan";

export type WordCloudAnswer = { type: "word-cloud"; words: string[] };
export type WordCloudTally = {
  type: "word-cloud";
  answers: number;
  /**
   * `hidden` and `pending` are only ever sent to the console; public screens never receive a hidden word,
   * nor, on a sensitive slide (where words wait for approval), a word not yet approved.
   */
  words: Array<{ word: string; count: number; hidden?: boolean; pending?: boolean }>;
};

/** Word clouds stay readable: only the most frequent words are shown. */
export const WORD_CLOUD_LIMIT = 50;

export const wordCloud: PromptLogic<WordCloudPrompt, WordCloudAnswer, WordCloudTally> = {
  check: (prompt, answer, language) => {
    if (answer.words.some(hasLoneSurrogate)) return refuse({ reason: "answers.unreadable" });
    const words = [...new Set(answer.words.map((w) => normaliseWord(w, language)))].filter(Boolean);
    if (words.length === 0) return refuse({ reason: "answers.writeWord" });
    if (words.length > prompt.maxWords) return refuse({ reason: "answers.tooManyWords", params: { max: prompt.maxWords } });
    if (words.some((w) => w.length > MAX_WORD_LENGTH)) return refuse({ reason: "answers.wordTooLong", params: { max: MAX_WORD_LENGTH } });
    return accept(words);
  },
  restore: (_prompt, { strings }) => ({ type: "word-cloud", words: strings }),
  tally: (_prompt, answers, rows) => ({
    type: "word-cloud",
    answers,
    words: textRows(rows)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, WORD_CLOUD_LIMIT)
      .map(({ value, count }) => ({ word: value, count })),
  }),
  settings: (t, prompt) => [t.maxWords(prompt.maxWords)],
  // A few lines of words: how many come is the room's to decide.
  displayHeight: (_prompt, m) => ({ choices: 0, results: 3 * m.line }),
  // The words shown in the room, while the run's text is kept; otherwise the counts alone.
  csvRows: (_prompt, shown) => (shown && shown.words.length > 0 ? shown.words.map(({ word, count }) => [word, count]) : [["", null]]),
  text: {
    kind: "words",
    values: (tally) => tally.words.map((word) => word.word),
    moderate: (tally, audience, decisions, _orderKey, waitForApproval) => {
      if (audience === "facilitator") {
        return {
          ...tally,
          words: tally.words.map((word) => {
            const decision = decisions.get(word.word);
            if (decision === "hidden") return { ...word, hidden: true };
            return waitForApproval && decision !== "approved" ? { ...word, pending: true } : word;
          }),
        };
      }
      const shown = (word: string) => (waitForApproval ? decisions.get(word) === "approved" : decisions.get(word) !== "hidden");
      return { ...tally, words: tally.words.filter((word) => shown(word.word)) };
    },
  },
};
