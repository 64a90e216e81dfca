import { en } from "./en";
import type { Strings } from "./index";
import { pseudoOf } from "./pseudo-text";

/** The run pages' catalogue in the pseudo-locale (pseudo-text.ts): a chunk of its own, loaded only in development. */
export const pseudo: Strings = pseudoOf(en);
