import type { Strings } from "~/strings";
import type { Refusal } from "~/strings/refusal";
import type { StaffStrings } from "~/strings/staff";

/**
 * What every prompt type provides, whatever it asks (docs/decisions/033-prompt-types-as-modules.md).
 * A type's folder, app/prompts/<type>/, holds: plan.ts (its plan fields, zod), payload.ts (its answer
 * payload, zod 4), index.ts (this: no zod, no React), input.tsx (what a phone
 * shows to answer) and results.tsx (its results view). The registries in app/prompts/ list each type once per part.
 *
 * P is the type's prompt as parsed from a plan, A its answer, T its tally.
 */
export interface PromptLogic<P, A, T> {
  /**
   * Checks an answer against its prompt and normalises it into the values stored (numbers or
   * strings, tallied by SQL); or a message a participant can act on.
   */
  check(prompt: P, answer: A, language: string): Checked;
  /** The answer a device sees again after a reload, rebuilt from what is stored. */
  restore(prompt: P, stored: { numbers: number[]; strings: string[] }): A;
  /**
   * The tally from the grouped stored values. `answers` is what counts towards k: every response
   * but passes (answersOf), the same for every type.
   */
  tally(prompt: P, answers: number, rows: ValueCount[]): T;
  /** The prompt's settings in words, for the library's plan preview (neither screen spells them out). */
  settings(t: StaffStrings["library"]["preview"], prompt: P): string[];
  /**
   * How tall what the prompt adds to a slide is on the smallest display at the minimum text size (slide fit,
   * app/content/slide-fit.server.ts): `choices` under the question while it is asked (0 when nothing), `results`
   * its results at their tallest (those whose size only the room decides counted at a small share).
   */
  displayHeight(prompt: P, measure: DisplayMeasure): { choices: number; results: number };
  /** The report CSV's rows for the prompt: an option and its count (null when withheld or not counted). */
  csvRows(prompt: P, shown: T | null): Array<[option: string, count: number | null]>;
  /**
   * Participants' own words, which the facilitator moderates: "entries" are free text (each waits for
   * approval and can be read aloud), "words" a cloud's words (shown unless hidden, or waiting for approval
   * on a sensitive slide). Absent for a type whose answers are choices.
   */
  text?: {
    kind: "entries" | "words";
    /** The texts a tally holds: what the console can act on. */
    values(tally: T): string[];
    /** Applies the facilitator's decisions for an audience (see moderateTally). */
    moderate(tally: T, audience: "facilitator" | "public", decisions: Decisions, orderKey: (text: string) => string, waitForApproval: boolean): T;
  };
  /**
   * How the history compares runs of a plan on a prompt of this type; absent for a type whose answers
   * don't split into shares. "options" are labels in plan order (an older version's extra ones after),
   * "values" numbers in numeric order; prompts compare only with prompts of the same kind.
   */
  comparison?: {
    kind: "options" | "values";
    /** Whether one answer can hold several options, so the counts add up to more than the answers (multiple choice). */
    manyPerAnswer?: boolean;
    /** The prompt's own options, as counts() names them. */
    options(prompt: P): string[];
    /** The tally as option → count. */
    counts(tally: T): Map<string, number>;
  };
}

/** Slide fit's measures (app/content/slide-fit.server.ts), in pixels on the smallest display at the minimum text. */
export interface DisplayMeasure {
  /** The minimum text's size. */
  text: number;
  /** A line of it. */
  line: number;
  /** The slide's column. */
  width: number;
  /** The 16:9 canvas's height. */
  canvas: number;
  /** The height of a text in a column `width` wide, at `scale` times the minimum, with its line height. */
  textHeight(text: string, width: number, scale?: number, lineHeight?: number): number;
  /** Items in a grid of columns at least `minColumn` wide: the sum of each row's tallest. */
  gridHeight(items: string[], minColumn: number, gap: number, inner: (text: string, width: number) => number): number;
  /** What the room's screens say, in the plan's language. */
  strings: Strings;
}

/** A value from the stored answers and how many responses chose it (from SQL: json_each + GROUP BY). */
export interface ValueCount {
  value: number | string;
  count: number;
}

export type Decisions = ReadonlyMap<string, "approved" | "hidden">;

export type Checked = { ok: true; values: Array<number | string> } | { ok: false; refusal: Refusal };

// Outside the checks, which run for every answer: the server's loader names each function it makes.
export const refuse = (refusal: Refusal): Checked => ({ ok: false, refusal });
export const accept = (values: Array<number | string>): Checked => ({ ok: true, values });
