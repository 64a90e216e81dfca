import { errors } from "./errors";
import { phone } from "./phone";
import { questionsEn } from "./questions";
import { refusals } from "./refusals";
import { display, room } from "./room";

/**
 * Beside's interface text in English for the pages of a run and what every
 * page may show (errors, refusals), the question box's included: the source
 * catalogue every translation follows. The organisers' pages have their own (staff-pages.ts), which a
 * participant's phone never downloads.
 */
export const en = {
  display,
  room,
  phone,
  refusals,
  errors,
  questions: questionsEn,
};
