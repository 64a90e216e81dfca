import type { Prompt } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";
import { en } from "~/strings/en";

import { MAX_WORD_LENGTH } from "./rules";

/** How an answer is stored: a pass flag and a JSON array that SQL can tally with json_each. */
export interface StoredAnswer {
  passed: boolean;
  values: Array<number | string>;
}

/** Lower-case, NFC, single spaces, no surrounding punctuation: "  Feeling  SAFE! " → "feeling safe". */
export function normaliseWord(input: string, language = "en"): string {
  return (
    input
      .normalize("NFC")
      .replace(/\s+/gu, " ")
      // Control and format characters, and emoji presentation selectors, carry no meaning in a cloud.
      .replace(/[\p{Cc}\p{Cf}\uFE0E\uFE0F]/gu, "")
      .toLocaleLowerCase(language)
      .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
  );
}

/**
 * Trims, turns tabs and other spaces into one space, drops control characters (keeping line breaks) and
 * collapses runs of blank lines: "a\tb" → "a b".
 */
export function normaliseText(input: string): string {
  return (
    input
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      // Spaces first: a tab is a control character too, and removing it would glue "a\tb" into "ab".
      .replace(/[^\S\n]+/g, " ")
      .replace(/[^\P{Cc}\n]|\p{Cf}/gu, "")
      .replace(/ {2,}/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

/**
 * Whether a text holds half of a UTF-16 surrogate pair on its own. No keyboard types one, but a client can
 * send it; SQLite would read it back as U+FFFD, so what is stored would differ from what was acknowledged.
 */
export function hasLoneSurrogate(input: string): boolean {
  return /\p{Cs}/u.test(input);
}

// Outside toStoredAnswer, which runs for every answer: the server's loader names each function it makes.
const fail = (message: string) => ({ ok: false as const, message });
const stored = (values: Array<number | string>) => ({ ok: true as const, stored: { passed: false, values } });

/**
 * Checks an answer against its prompt and turns it into what is stored.
 * Returns a message a participant can act on when the answer doesn't fit.
 */
export function toStoredAnswer(
  prompt: Prompt,
  answer: Answer,
  language = "en",
): { ok: true; stored: StoredAnswer } | { ok: false; message: string } {
  if (answer.type === "pass") return { ok: true, stored: { passed: true, values: [] } };
  if (answer.type !== prompt.type) return { ok: false, message: en.refusals.answers.wrongType(prompt.type) };

  switch (prompt.type) {
    case "single-choice": {
      const { option } = answer as Extract<Answer, { type: "single-choice" }>;
      return Number.isInteger(option) && option >= 0 && option < prompt.options.length
        ? stored([option])
        : fail(en.refusals.answers.chooseOne);
    }
    case "multiple-choice": {
      const options = [...new Set((answer as Extract<Answer, { type: "multiple-choice" }>).options)].sort((a, b) => a - b);
      if (options.length === 0) return fail(en.refusals.answers.chooseAtLeastOne);
      if (options.some((o) => !Number.isInteger(o) || o < 0 || o >= prompt.options.length)) {
        return fail(en.refusals.answers.chooseShown);
      }
      if (prompt.exclusive !== undefined && options.length > 1 && options.includes(prompt.exclusive)) {
        return fail(en.refusals.answers.chooseAlone(prompt.options[prompt.exclusive]!));
      }
      return stored(options);
    }
    case "scale": {
      const { value } = answer as Extract<Answer, { type: "scale" }>;
      return Number.isInteger(value) && value >= prompt.min && value <= prompt.max
        ? stored([value])
        : fail(en.refusals.answers.scale(prompt.min, prompt.max));
    }
    case "word-cloud": {
      if ((answer as Extract<Answer, { type: "word-cloud" }>).words.some(hasLoneSurrogate)) return fail(en.refusals.answers.unreadable);
      const words = [...new Set((answer as Extract<Answer, { type: "word-cloud" }>).words.map((w) => normaliseWord(w, language)))].filter(Boolean);
      if (words.length === 0) return fail(en.refusals.answers.writeWord);
      if (words.length > prompt.maxWords) return fail(en.refusals.answers.tooManyWords(prompt.maxWords));
      if (words.some((w) => w.length > MAX_WORD_LENGTH)) return fail(en.refusals.answers.wordTooLong(MAX_WORD_LENGTH));
      return stored(words);
    }
    case "open-text": {
      if (hasLoneSurrogate((answer as Extract<Answer, { type: "open-text" }>).text)) return fail(en.refusals.answers.unreadable);
      const text = normaliseText((answer as Extract<Answer, { type: "open-text" }>).text);
      if (!text) return fail(en.refusals.answers.writeSomething);
      if (text.length > prompt.maxLength) return fail(en.refusals.answers.textTooLong(prompt.maxLength));
      return stored([text]);
    }
  }
}

/**
 * The options chosen after a participant ticks or unticks one. Ticking the
 * prompt's exclusive option ("None of these") unticks the others, and ticking
 * another unticks it: the phone never sends what the server would refuse.
 */
export function toggleOption(chosen: readonly number[], option: number, checked: boolean, exclusive?: number): number[] {
  if (!checked) return chosen.filter((o) => o !== option);
  if (option === exclusive) return [option];
  return [...new Set([...chosen.filter((o) => o !== exclusive), option])].sort((a, b) => a - b);
}

/** The answer a device sees again after a reload, rebuilt from what is stored. */
export function fromStoredAnswer(prompt: Prompt, stored: StoredAnswer): Answer {
  if (stored.passed) return { type: "pass" };
  const numbers = stored.values.filter((v): v is number => typeof v === "number");
  const strings = stored.values.filter((v): v is string => typeof v === "string");
  switch (prompt.type) {
    case "single-choice":
      return { type: "single-choice", option: numbers[0] ?? 0 };
    case "multiple-choice":
      return { type: "multiple-choice", options: numbers };
    case "scale":
      return { type: "scale", value: numbers[0] ?? prompt.min };
    case "word-cloud":
      return { type: "word-cloud", words: strings };
    case "open-text":
      return { type: "open-text", text: strings[0] ?? "" };
  }
}
