/**
 * The product's fixed rules, shared by the server and the pages (no runtime dependencies).
 */

/** The privacy threshold k: results of a prompt appear only from this many answers (passes excluded). */
export const MIN_K = 3;
export const MAX_K = 50;

/** The k values the library offers: 3 to 10, and the configured default if it is higher. */
export function kChoices(defaultK: number): number[] {
  const choices = Array.from({ length: 8 }, (_, i) => MIN_K + i);
  return choices.includes(defaultK) ? choices : [...choices, defaultK];
}

/** A phone's secret: at least 32 random bytes, base64url. */
export const DEVICE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;

/** Longest word or short phrase in a word cloud. */
export const MAX_WORD_LENGTH = 30;

/**
 * Whether a slide's word-cloud words wait for the facilitator's approval, like free text: on a slide
 * marked sensitive they do; elsewhere they are shown unless hidden (docs/decisions/022-words-on-sensitive-slides.md).
 */
export function wordsNeedApproval(slide: { sensitive?: string }): boolean {
  return slide.sensitive !== undefined;
}

/** A countdown on the display, for an exercise: 10 seconds to an hour. */
export const MIN_COUNTDOWN_SECONDS = 10;
export const MAX_COUNTDOWN_SECONDS = 3600;

/** A question to the facilitator: at most this long after normalising, like open text's default limit. */
export const MAX_QUESTION_LENGTH = 280;

/** A question's id: 16 random bytes, base64url, made by the server. */
export const QUESTION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * A phone back on an earlier prompt (or on an agreement) asks for its own answer there (`run:sync`) after a random
 * wait of up to this long, so that a room of 10,000 phones doesn't ask in the same instant: their requests, all at
 * once, would hold the server for half a second (docs/performance.md, decision 040).
 */
export const SYNC_SPREAD_MS = 2000;
