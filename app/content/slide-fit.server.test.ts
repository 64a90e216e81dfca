import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { parsePlan } from "./parse-plan.server";
import { DISPLAY_LINES, slideOverflow } from "./slide-fit.server";

/**
 * Issue 15: a slide that can't show in full on the room's screen at a readable size is reported when the plan is
 * checked (plans:check, the library, the editor), at its heading's line, instead of being cut off in front of a group.
 */

const FRONT_MATTER = `---
id: fit-plan
title: A plan to fit
summary: Used by the tests.
duration: 30
audience: testers
---
`;

const fence = (kind: string, yaml: string) => "```" + kind + "\n" + yaml + "\n```\n";
const list = (items: string[]) => items.map((item) => `  - "${item}"`).join("\n");
/** A sentence of `words` ordinary words, about six letters each. */
const sentence = (words: number) => Array.from({ length: words }, (_, i) => ["gentle", "support", "room", "breath", "kindness", "trust"][i % 6]).join(" ");

function check(source: string) {
  return parsePlan(source, "fit.md");
}

describe("a slide too full for the display", () => {
  it("every built-in plan and the test fixture fit, on every slide", () => {
    const files = ["content/plans", "tests/fixtures/plans"].flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".md") && name !== "README.md")
        .map((name) => path.join(dir, name)),
    );
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const result = parsePlan(readFileSync(file, "utf8"), file);
      expect(result.ok ? [] : result.issues, file).toEqual([]);
    }
  });

  it("reports twelve agreements of 200 characters at the slide's heading, with what fits", () => {
    const agreements = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${sentence(28)}`.slice(0, 200));
    const source = `${FRONT_MATTER}\n# Welcome\n\nHello.\n\n# Our agreement\n\n${fence("slide", `kind: agreement\nagreements:\n${list(agreements)}`)}`;
    const result = check(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        file: "fit.md",
        line: 13,
        message: expect.stringMatching(
          new RegExp(`^slide "Our agreement" has more than the display can show at a size the room can read: with its agreements, it needs about \\d+ lines on a 1024×768 screen, where ${DISPLAY_LINES} fit`),
        ),
      },
    ]);
  });

  it("lets five short agreements through, and the same slide with twelve long ones not", () => {
    const slide = (agreements: string[]) => `${FRONT_MATTER}\n# Agreement\n\n${fence("slide", `kind: agreement\nagreements:\n${list(agreements)}`)}`;
    expect(check(slide(Array.from({ length: 5 }, () => sentence(12)))).ok).toBe(true);
    expect(check(slide(Array.from({ length: 12 }, () => sentence(25)))).ok).toBe(false);
  });

  it("reports a question whose ten long options can't all show as bars, and passes six ordinary ones", () => {
    const question = (options: string[]) =>
      `${FRONT_MATTER}\n# Signs\n\n${fence("prompt", `id: signs\ntype: multiple-choice\nquestion: Which of these fit?\noptions:\n${list(options)}`)}`;
    const ten = Array.from({ length: 10 }, (_, i) => `${i} ${sentence(17)}`.slice(0, 120));
    const tooMany = check(question(ten));
    expect(tooMany.ok ? [] : tooMany.issues.map((issue) => [issue.line, issue.message.split(":")[0]])).toEqual([
      [9, 'slide "Signs" has more than the display can show at a size the room can read'],
    ]);
    expect(check(question(Array.from({ length: 6 }, (_, i) => `${i} ${sentence(9)}`))).ok).toBe(true);
  });

  it("counts a ranking's results as taller than a single choice's: wider figures beside each bar, and the legend under them", () => {
    const question = (type: string, options: string[]) =>
      `${FRONT_MATTER}\n# What helps\n\n${fence("prompt", `id: helps\ntype: ${type}\nquestion: Which of these fit?\noptions:\n${list(options)}`)}`;
    const seven = Array.from({ length: 7 }, (_, i) => `${i} ${sentence(12)}`.slice(0, 120));
    expect(check(question("single-choice", seven)).ok).toBe(true);
    const ranking = check(question("ranking", seven));
    expect(ranking.ok ? [] : ranking.issues.map((issue) => [issue.line, issue.message.split(":")[0]])).toEqual([
      [9, 'slide "What helps" has more than the display can show at a size the room can read'],
    ]);
    expect(check(question("ranking", seven.slice(0, 5))).ok).toBe(true);
  });

  it("reports a slide of long text, and the same text split over two slides passes", () => {
    const paragraphs = Array.from({ length: 14 }, () => sentence(20)).join("\n\n");
    const long = check(`${FRONT_MATTER}\n# Too much\n\n${paragraphs}\n`);
    expect(long.ok ? [] : long.issues.map((issue) => issue.line)).toEqual([9]);
    const half = Array.from({ length: 7 }, () => sentence(20)).join("\n\n");
    expect(check(`${FRONT_MATTER}\n# Part one\n\n${half}\n\n# Part two\n\n${half}\n`).ok).toBe(true);
  });

  it("counts a grounding slide's words beside its breathing circle, and an open question's longest answer read aloud", () => {
    const grounding = (paragraphs: number) =>
      `${FRONT_MATTER}\n# Breathe\n\n${Array.from({ length: paragraphs }, () => sentence(8)).join("\n\n")}\n\n${fence("slide", "kind: grounding")}`;
    expect(check(grounding(4)).ok).toBe(true);
    expect(check(grounding(30)).ok).toBe(false);
    const ask = (maxLength: number) =>
      `${FRONT_MATTER}\n# Ask\n\n${fence("prompt", `id: ask\ntype: open-text\nquestion: ${sentence(30).slice(0, 200)}\nmax-length: ${maxLength}`)}`;
    expect(check(ask(280)).ok).toBe(true);
    expect(check(ask(1000)).ok).toBe(true);
  });

  it("a slide that fits gives no reason; one that doesn't says why in the organiser's words", () => {
    const plan = parsePlan(`${FRONT_MATTER}\n# Hello\n\nWelcome.\n`, "ok.md");
    expect(plan.ok && slideOverflow(plan.plan.slides[0]!)).toBeUndefined();
    expect(DISPLAY_LINES).toBeGreaterThan(15);
  });
});

describe("npm run plans:check", () => {
  it("fails on a plan with a slide too full for the display, naming the file and the slide's line", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "beside-fit-"));
    try {
      const paragraphs = Array.from({ length: 14 }, () => sentence(20)).join("\n\n");
      writeFileSync(path.join(dir, "full.md"), `${FRONT_MATTER}\n# Welcome\n\nHello.\n\n# Too much\n\n${paragraphs}\n`);
      const failed = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", dir]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toMatch(
        /^error .*full\.md:13: slide "Too much" has more than the display can show at a size the room can read: it needs about \d+ lines on a 1024×768 screen, where \d+ fit\. Shorten its text, or split it over two slides\n1 problem found\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

