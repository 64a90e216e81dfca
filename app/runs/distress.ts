import { normaliseText } from "~/prompts/shared/text";

/**
 * The distress check: whether a written answer holds a word or phrase from the plan language's distress list
 * (content/distress/). One module for both sides: the phone checks its own answer after sending it, and tells
 * nobody; the console marks pending entries "may signal distress". No copy of this logic lives anywhere else.
 */

/** A language's distress list, as the server read it at start-up and hands to a page. */
export interface DistressList {
  /** The language whose file it is (en, en-GB, fr...). */
  language: string;
  /** Each phrase already as distressWords reads it: lower case, single spaces. */
  phrases: string[];
}

/**
 * The words of a text as the check reads them: the answer path's normalisation (normaliseText), then lower
 * case in the text's language, curly apostrophes made straight (phones type them), and every character that
 * is not a letter, a mark, a digit or an apostrophe made a word break, so "self-harm" reads as "self harm".
 */
export function distressWords(text: string, language = "en"): string[] {
  return normaliseText(text)
    .toLocaleLowerCase(language)
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ""))
    .filter((word) => word !== "");
}

/**
 * A check for one list: true when the text holds one of its phrases as whole words, in order, ignoring case
 * ("I feel HOPELESS." holds "hopeless"; "hopelessly" does not).
 */
export function distressMatcher(list: DistressList): (text: string) => boolean {
  const phrases = list.phrases.map((phrase) => ` ${distressWords(phrase, list.language).join(" ")} `).filter((phrase) => phrase.trim() !== "");
  return (text) => {
    if (phrases.length === 0) return false;
    const words = ` ${distressWords(text, list.language).join(" ")} `;
    return phrases.some((phrase) => words.includes(phrase));
  };
}
