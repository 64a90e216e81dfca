import { describe, expect, it } from "vitest";

import { de } from "./de";
import { console_ as consoleDe } from "./de/console";
import { staffDe } from "./de/staff-pages";
import { en } from "./en";
import { console_ as consoleEn } from "./en/console";
import { staffEn } from "./en/staff-pages";
import { es } from "./es";
import { console_ as consoleEs } from "./es/console";
import { staffEs } from "./es/staff-pages";
import { pseudo } from "./pseudo";

/**
 * Entries that are joined onto the text around them on the page, so a space
 * at their start or end is part of the sentence. Anything else with one is a
 * slip that would show as a double space or a word run into the next.
 */
const JOINERS = new Set([
  "run.console.planned",
  "run.console.passed",
  "run.console.nextAsks",
  "run.console.resultsShown",
  "run.console.signals.window",
  "run.console.timers.of",
  "run.console.shortcuts.or",
  "run.room.results.chose",
]);

/** Every leaf of a catalogue, with its dotted path. */
function leaves(node: unknown, path: string[] = []): Map<string, unknown> {
  if (typeof node !== "object" || node === null) return new Map([[path.join("."), node]]);
  return new Map(Object.entries(node).flatMap(([key, value]) => [...leaves(value, [...path, key])]));
}

/** A language's catalogues, as one tree: the run's pages (the question box's included), the console's, and the staff pages'. */
const whole = (run: object, console: object, staff: object) => leaves({ run: { ...run, console }, staff });

const ENGLISH = whole(en, consoleEn, staffEn);
const TRANSLATIONS = { es: whole(es, consoleEs, staffEs), de: whole(de, consoleDe, staffDe) };
const EVERY = { en: ENGLISH, ...TRANSLATIONS };

/** A message's parameters, read from its source: `(count, k) =>` or `({ min, max }) =>`. */
function parametersOf(message: (...args: unknown[]) => string): { names: string[]; object: boolean } {
  const head = /^\s*(?:function\s*\w*\s*)?\(([^)]*)\)/.exec(message.toString())?.[1] ?? "";
  const object = head.trim().startsWith("{");
  const names = head
    .replace(/[{}]/g, "")
    .split(",")
    .map((part) => part.split(/[:=]/)[0]!.trim())
    .filter(Boolean);
  return { names, object };
}

/**
 * A message said with sample values: each parameter its own two-digit prime (37, 41, 43…), which no sentence has
 * by chance and every language writes the same; or every parameter `sample` when given (0, 1, false…).
 */
function sayWith(message: (...args: unknown[]) => string, shape: { names: string[]; object: boolean }, sample?: unknown): string {
  const values = shape.names.map((_, i) => sample ?? PRIMES[i]);
  return shape.object ? message(Object.fromEntries(shape.names.map((name, i) => [name, values[i]]))) : message(...values);
}
const PRIMES = [37, 41, 43, 47, 53, 59, 61, 67];

/** Which of the sample values a text shows. */
const shown = (text: string) => PRIMES.filter((prime) => new RegExp(`(?<![\\d.,])${prime}(?![\\d])`).test(text));

/** What an entry can say: a string as it is, a function with its sample values, then with every parameter 0, 1, 2 and false. */
function textsOf(value: unknown): unknown[] {
  if (typeof value !== "function") return [value];
  const message = value as (...args: unknown[]) => string;
  const shape = parametersOf(message);
  return [undefined, 0, 1, 2, false].map((sample) => sayWith(message, shape, sample));
}

describe.each(Object.entries(TRANSLATIONS))("the %s catalogue", (_, catalogue) => {
  it("has every entry English has, and none English hasn't", () => {
    expect([...catalogue.keys()].filter((path) => !ENGLISH.has(path))).toEqual([]);
    expect([...ENGLISH.keys()].filter((path) => !catalogue.has(path))).toEqual([]);
  });

  it("says each entry the same way English does: text for text, and a message of the same parameters for a message", () => {
    const differing = [...ENGLISH].filter(([path, english]) => {
      const own = catalogue.get(path);
      if (typeof english !== "function" || typeof own !== "function") return typeof english !== typeof own;
      return JSON.stringify(parametersOf(english as never)) !== JSON.stringify(parametersOf(own as never));
    });
    expect(differing.map(([path]) => path)).toEqual([]);
  });

  it("shows in each message the values English shows: no placeholder dropped or added", () => {
    const differing = [...ENGLISH].flatMap(([path, english]) => {
      const own = catalogue.get(path);
      if (typeof english !== "function" || typeof own !== "function") return [];
      const shape = parametersOf(english as never);
      const [wanted, got] = [english, own].map((message) => shown(sayWith(message as never, shape)));
      return JSON.stringify(wanted) === JSON.stringify(got) ? [] : [`${path}: English shows ${wanted}, this ${got}`];
    });
    expect(differing).toEqual([]);
  });
});

describe.each(Object.entries(EVERY))("every entry of the %s catalogue", (_, catalogue) => {
  const entries = [...catalogue];

  it("has entries to check", () => {
    expect(entries.length).toBeGreaterThan(700);
  });

  it("says something: a non-empty string, or a message that returns one for any values", () => {
    // textsOf gives anything that is neither a string nor a function back as it is, so it fails here too.
    const silent = entries.filter(([, value]) => textsOf(value).some((text) => typeof text !== "string" || text.trim() === ""));
    expect(silent.map(([path]) => path)).toEqual([]);
  });

  it("never says undefined, NaN or [object …] for sample values", () => {
    const garbled = entries.filter(([, value]) => textsOf(value).some((text) => /undefined|NaN|\[object /.test(String(text))));
    expect(garbled.map(([path]) => path)).toEqual([]);
  });

  it("has no stray space at either end, except in joiners", () => {
    const padded = entries.filter(([, value]) => textsOf(value).some((text) => text !== String(text).trim()));
    expect(padded.map(([path]) => path).sort()).toEqual([...JOINERS].sort());
  });
});

describe("the pseudo-locale", () => {
  it("says every English entry accented, a third longer and right to left, keeping the joiners' spaces", () => {
    const said = leaves(pseudo);
    for (const [path, english] of leaves(en)) {
      // Said with English's parameters: the pseudo-locale's messages take whatever English's take.
      const shape = typeof english === "function" ? parametersOf(english as never) : undefined;
      const [plain, made] = [english, said.get(path)].map((value) => (shape ? sayWith(value as never, shape) : String(value))) as [string, string];
      expect(made, path).toMatch(/^\s*\u202e[\s\S]*\u202c\s*$/);
      expect(made.trim().length, path).toBeGreaterThanOrEqual(Math.floor(plain.trim().length * 1.3));
      expect(made.startsWith(" "), path).toBe(plain.startsWith(" "));
      expect(made.endsWith(" "), path).toBe(plain.endsWith(" "));
      if (/[a-z]{3}/.test(plain)) expect(made, path).not.toContain(plain.trim());
    }
  });
});
