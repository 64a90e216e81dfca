import type { Refusal } from "~/strings/refusal";

/**
 * A plain form's fields, as a phone without its scripts posts them (FormData, on the server or in a browser): each
 * prompt type's input names its controls, and reads them back with `fromForm` (view.ts).
 */
export interface FormFields {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

/** What a form's fields say as an answer, or why they say none: the type's own refusal for an empty answer. */
export type FormAnswer<A> = { answer: A } | { refusal: Refusal };

/** A field's text; "" when it is missing (or a file). */
export function fieldText(form: FormFields, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Every value of a repeated field (checkboxes, one box per word, one list per place), in the page's order. */
export function fieldTexts(form: FormFields, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string");
}

/**
 * A whole number as a form sends it ("3", "-2"); NaN for anything else, which the answer's own checks refuse with
 * the socket's refusal for a malformed answer.
 */
export function wholeNumber(text: string): number {
  return /^-?\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}
