import fs from "node:fs";

import { describe, expect, it } from "vitest";

import { ConfigError } from "~/config/env.server";

import { describeThrown, fuzzSeeds, fuzzTimeout, mutate, seededRandom, slowTwice, timed } from "../../tests/helpers/fuzz";

import { INTERNATIONAL, isCalendarDate, parseHelpResources } from "./help-resources.server";

/**
 * Issue 5: the help file (shipped, or an organiser's own saved in settings) with any mistake
 * gives a ConfigError naming the file and each problem's line, never another error or a hang.
 * Reproduce a failure with FUZZ_SEED=<seed> FUZZ_RUNS=1.
 */

const SHIPPED = fs.readFileSync("content/help.yaml", "utf8");
const FILE = "help resources";
const MAX_PARSE_MS = 1000;

/** Why parsing `source` did not give help resources or a clear ConfigError; undefined when it did. */
function problemWith(source: string, run = timed(() => parseHelpResources(source, FILE))): string | undefined {
  if (slowTwice(run.ms, () => parseHelpResources(source, FILE), MAX_PARSE_MS)) return `took ${Math.round(run.ms)} ms`;
  if ("thrown" in run) {
    if (!(run.thrown instanceof ConfigError)) return describeThrown(run.thrown);
    const [first, ...problems] = run.thrown.message.split("\n");
    if (first !== `${FILE} has problems:` || problems.length === 0) return `an error without its problems: ${run.thrown.message}`;
    const lines = source.split(/\r\n?|\n/).length;
    for (const problem of problems) {
      const match = /^ {2}line (\d+): (.*\S.*)$/s.exec(problem);
      if (!match) return `a problem without a line: ${JSON.stringify(problem)}`;
      if (Number(match[1]) < 1 || Number(match[1]) > lines) return `a problem at line ${match[1]} of a ${lines}-line file: ${problem}`;
      if (/\[object |\bundefined\b|\bNaN\b/.test(problem)) return `an unclear problem: ${problem}`;
    }
    return undefined;
  }
  const { sections } = run.value!;
  if (sections.filter((section) => section.locale === INTERNATIONAL).length !== 1) return "accepted without one international section";
  for (const resource of sections.flatMap((section) => section.resources)) {
    if (!resource.phone && !resource.text && !resource.url) return `accepted ${resource.name} with no way to reach it`;
    // "https:/example.org" passes too: browsers read it as https://example.org/.
    if (resource.url !== undefined && new URL(resource.url).protocol !== "https:") return `accepted the link ${resource.url}`;
    if (!isCalendarDate(resource.lastVerified)) return `accepted the date ${resource.lastVerified}`;
  }
  return undefined;
}

describe("help files with random mistakes", () => {
  it("the shipped file is valid, so each mutant starts from a valid file", () => {
    expect(() => parseHelpResources(SHIPPED, FILE)).not.toThrow();
    expect(problemWith(SHIPPED)).toBeUndefined();
  });

  it("gives help resources, or a ConfigError with each problem's line, for every mutant", () => {
    const failures: string[] = [];
    let valid = 0;
    const seeds = fuzzSeeds(500, 300_000);
    for (const seed of seeds) {
      const random = seededRandom(seed);
      const mutant = mutate(SHIPPED, random);
      const run = timed(() => parseHelpResources(mutant.text, FILE));
      const problem = problemWith(mutant.text, run);
      if (problem) failures.push(`seed ${seed} (${mutant.steps.join("; ")}): ${problem}`);
      if (run.value) valid++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // The mutations reach the checks: many are refused, and harmless ones (in comments, say) still load.
    expect(valid).toBeGreaterThan(seeds.length * 0.05);
    expect(valid).toBeLessThan(seeds.length * 0.9);
  }, fuzzTimeout(30_000));
});
