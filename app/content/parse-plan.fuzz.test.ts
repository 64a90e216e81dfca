import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import type { PlanCheck } from "~/components/plan-editor";
import { planCheck } from "~/library/library-view.server";
import { PlanLibrary } from "~/library/plan-library.server";
import { openDatabase } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import { staffEn } from "~/strings/en/staff-pages";

import { describeThrown, fuzzSeeds, fuzzTimeout, mutate, seededRandom, slowTwice, timed } from "../../tests/helpers/fuzz";

import { PlanFiles } from "./plan-files.server";
import { parsePlan, type ParseResult } from "./parse-plan.server";
import { MAX_PLAN_BYTES } from "./plan-schema";

/**
 * Issue 5: a plan file with any mistake, however odd, gets issues an organiser can act on
 * (a message and a line), never a crash or a hang. The mutants start from the real plans.
 * Reproduce a failure with FUZZ_SEED=<seed> FUZZ_RUNS=1; explore with a bigger FUZZ_RUNS.
 */

const PLANS = ["content/plans", "tests/fixtures/plans"].flatMap((dir) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .map((name) => ({ name, source: fs.readFileSync(path.join(dir, name), "utf8") })),
);

/** Far above a real parse (a few milliseconds); what the editor's live check can afford on every keystroke pause. */
const MAX_PARSE_MS = 1000;

/** Lines as markdown-it counts them (it reads \r\n and a lone \r as line ends). */
const lineCount = (source: string) => source.split(/\r\n?|\n/).length;

/** Why a result is not "a plan, or issues an organiser can act on"; undefined when it is. The editor's issues name no file. */
function problemWith(result: ParseResult | PlanCheck, source: string, file?: string): string | undefined {
  if (result.ok) {
    const { slides } = result.plan;
    if (slides.length === 0 || slides.length > 200) return `a valid plan with ${slides.length} slides`;
    for (const slide of slides) {
      // Raw HTML and images are off: no script, picture or javascript: link reaches a phone or the projector.
      const html = slide.bodyHtml + slide.notesHtml;
      if (/<(?:script|img|iframe)|href="javascript:/i.test(html)) return `slide ${slide.index + 1} renders unsafe HTML: ${html}`;
    }
    return undefined;
  }
  if (result.issues.length === 0) return "refused with no issues";
  const lines = lineCount(source);
  for (const issue of result.issues) {
    if ("file" in issue && issue.file !== file) return `an issue names the file ${JSON.stringify(issue.file)}`;
    if (!Number.isInteger(issue.line) || issue.line < 1 || issue.line > lines) {
      return `issue at line ${issue.line} of a ${lines}-line file: ${issue.message}`;
    }
    if (typeof issue.message !== "string" || issue.message.trim() === "") return `an empty message at line ${issue.line}`;
    if (/\[object |\bundefined\b|\bNaN\b/.test(issue.message)) return `an unclear message at line ${issue.line}: ${issue.message}`;
  }
  return undefined;
}

/** Parses `runs` mutants with `parse`; every failure names its seed and mutations. */
function fuzz(runs: number, firstSeed: number, parse: (source: string) => ParseResult | PlanCheck, file?: string) {
  const failures: string[] = [];
  let valid = 0;
  let slowest = 0;
  const seeds = fuzzSeeds(runs, firstSeed);
  for (const seed of seeds) {
    const random = seededRandom(seed);
    const original = random.pick(PLANS);
    const mutant = mutate(original.source, random);
    const run = timed(() => parse(mutant.text));
    // The library refuses a longer text before parsing it; a longer mutant (a line repeated thousands of times) must not
    // crash the parser, but may take longer.
    const inLimit = Buffer.byteLength(mutant.text) <= MAX_PLAN_BYTES;
    if (inLimit) slowest = Math.max(slowest, run.ms);
    let problem: string | undefined;
    if ("thrown" in run) problem = describeThrown(run.thrown);
    else if (inLimit && slowTwice(run.ms, () => parse(mutant.text), MAX_PARSE_MS)) problem = `took ${Math.round(run.ms)} ms`;
    else problem = problemWith(run.value!, mutant.text, file);
    if (run.value?.ok) valid++;
    if (problem) failures.push(`seed ${seed} (${original.name}; ${mutant.steps.join("; ")}): ${problem}`);
  }
  return { failures, valid, total: seeds.length, slowest };
}

describe("plan files with random mistakes", () => {
  it("the real plans parse, so each mutant starts from a valid plan", () => {
    for (const { name, source } of PLANS) expect(parsePlan(source, name), name).toMatchObject({ ok: true });
  });

  it("parsePlan gives a plan or issues with a message and a line, quickly, for every mutant", () => {
    const { failures, valid, total, slowest } = fuzz(600, 1, (source) => parsePlan(source, "plan.md"), "plan.md");
    expect(failures.slice(0, 5)).toEqual([]);
    // The mutations reach the checks: many mutants are refused, and some harmless ones still parse.
    console.log(`${total} plan mutants: ${valid} valid, slowest parse ${Math.round(slowest)} ms`);
    expect(valid).toBeGreaterThan(total * 0.05);
    expect(valid).toBeLessThan(total * 0.8);
  }, fuzzTimeout(60_000));

  it("the editor's live check answers every mutant with a plan or lines and messages", async () => {
    const handle = openDatabase(":memory:");
    try {
      const library = await PlanLibrary.load(new SqliteStorage(handle), new PlanFiles("tests/fixtures/plans"));
      // What the /library/check route sends back: it must survive the trip to the browser as JSON.
      const check = (source: string) => JSON.parse(JSON.stringify(planCheck(library.check(source, staffEn)))) as PlanCheck;
      const { failures } = fuzz(100, 100_000, check);
      expect(failures.slice(0, 5)).toEqual([]);
    } finally {
      handle.close();
    }
  }, fuzzTimeout(30_000));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-plan-fuzz-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a plans folder of mutants lists each file, broken ones with their issues", () => {
    const seeds = fuzzSeeds(20, 200_000);
    for (const seed of seeds) {
      const random = seededRandom(seed);
      fs.writeFileSync(path.join(dir, `mutant-${seed}.md`), mutate(random.pick(PLANS).source, random).text);
    }
    const entries = new PlanFiles(dir).list();
    expect(entries).toHaveLength(seeds.length);
    for (const entry of entries) {
      expect(problemWith(entry.result, entry.source, entry.file), entry.file).toBeUndefined();
    }
  }, fuzzTimeout(30_000));
});
