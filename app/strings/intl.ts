/**
 * What each catalogue needs to say numbers, counts, lists and dates its language's way: the platform's Intl
 * does the work (plural rules, digits, "a, b and c"), one formatter per language and kind, made once.
 */

/** A message's forms by plural category; `other` is required, as every language has it. "#" is the count. */
export type PluralForms = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, "other">, string>>;

export interface Formats {
  readonly language: string;
  /** The form the count takes in this language, with "#" written as the count: plural(3, { one: "# phone", other: "# phones" }). */
  plural(count: number, forms: PluralForms): string;
  /** A whole or decimal number with the language's digits and grouping. */
  number(value: number): string;
  /** Items joined the language's way: "a, b and c" (or "a, b or c"). */
  list(items: readonly string[], type?: "conjunction" | "disjunction"): string;
}

const made = new Map<string, Formats>();

/** The formats of a language tag, made on first use; an unknown tag falls back to the platform's default rules. */
export function formatsFor(language: string): Formats {
  let formats = made.get(language);
  if (!formats) {
    formats = makeFormats(language);
    made.set(language, formats);
  }
  return formats;
}

function makeFormats(language: string): Formats {
  const rules = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const lists = {
    conjunction: new Intl.ListFormat(language, { type: "conjunction" }),
    disjunction: new Intl.ListFormat(language, { type: "disjunction" }),
  };
  const number = (value: number) => numbers.format(value);
  return {
    language,
    plural: (count, forms) => (forms[rules.select(count)] ?? forms.other).replaceAll("#", number(count)),
    number,
    list: (items, type = "conjunction") => lists[type].format(items),
  };
}
