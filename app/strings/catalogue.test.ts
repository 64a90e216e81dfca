import { describe, expect, it } from "vitest";

import { en } from "./en";
import { questionsEn } from "./en/questions";
import { staffEn } from "./en/staff-pages";

/**
 * Entries that are joined onto the text around them on the page, so a space
 * at their start or end is part of the sentence. Anything else with one is a
 * slip that would show as a double space or a word run into the next.
 */
const JOINERS = new Set([
  "console.planned",
  "console.passed",
  "console.nextAsks",
  "console.resultsShown",
  "console.signals.window",
  "console.timers.of",
  "console.shortcuts.or",
  "room.results.chose",
]);

/** Every leaf of the catalogue, with its dotted path. */
function leaves(node: unknown, path: string[] = []): Array<{ path: string; value: unknown }> {
  if (typeof node !== "object" || node === null) return [{ path: path.join("."), value: node }];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]));
}

/** What an entry can say: a string as it is, a function called with every argument 0, then 1, 2, "x" and false. */
function textsOf(value: unknown): unknown[] {
  if (typeof value !== "function") return [value];
  return [0, 1, 2, "x", false].map((sample) => value(...Array.from({ length: value.length }, () => sample)));
}

const entries = [...leaves(en), ...leaves(staffEn), ...leaves(questionsEn)];

describe("the English catalogue", () => {
  it("has entries to check", () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it("says something in every entry: a non-empty string, or a function that returns one", () => {
    // textsOf gives anything that is neither a string nor a function back as it is, so it fails here too.
    const silent = entries.filter(({ value }) => textsOf(value).some((text) => typeof text !== "string" || text.trim() === ""));
    expect(silent.map(({ path }) => path)).toEqual([]);
  });

  it("never says undefined, NaN or [object …] for sample arguments", () => {
    const garbled = entries.filter(({ value }) => textsOf(value).some((text) => /undefined|NaN|\[object /.test(String(text))));
    expect(garbled.map(({ path }) => path)).toEqual([]);
  });

  it("has no stray space at either end, except in joiners", () => {
    const padded = entries.filter(({ value }) => textsOf(value).some((text) => text !== String(text).trim()));
    expect(padded.map(({ path }) => path).sort()).toEqual([...JOINERS].sort());
  });
});
