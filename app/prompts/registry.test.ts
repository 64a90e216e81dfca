import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { PROMPT_TYPES } from "~/content/plan-schema";
import { console_ as consoleEn } from "~/strings/en/console";
import { staffEn } from "~/strings/en/staff-pages";

import { promptPayloads } from "./payloads";
import { promptPlans } from "./plans";
import { promptLogic } from "./registry";
import { promptInputs } from "./inputs";
import { promptResults } from "./results";

/** The `### \`<type>\`` headings of one section of a Markdown document: the section from `start` to the next heading of its level. */
function typeHeadings(file: string, start: RegExp): string[] {
  const markdown = fs.readFileSync(path.resolve(file), "utf8");
  const begin = markdown.search(start);
  expect(begin, `${file} has no section matching ${start}`).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(markdown.slice(begin))![0];
  const rest = markdown.slice(begin + level.length);
  const end = rest.search(new RegExp(`\\n${level} `));
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^### `([a-z-]+)`/gm)].map((match) => match[1]!);
}

describe("every registered prompt type", () => {
  const registered = Object.keys(promptLogic).sort();

  it("is registered in each registry: plan fields, answer payload, logic, phone input and results view", () => {
    expect(registered.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(promptPlans).sort()).toEqual(registered);
    expect(Object.keys(promptPayloads).sort()).toEqual(registered);
    expect(Object.keys(promptInputs).sort()).toEqual(registered);
    expect(Object.keys(promptResults).sort()).toEqual(registered);
    expect([...PROMPT_TYPES].sort()).toEqual(registered);
  });

  it.each(Object.keys(promptLogic))("%s has every part: schema, payload, tally, CSV rows, phone input, results view, strings", (type) => {
    const name = type as keyof typeof promptLogic;
    const logic = promptLogic[name];
    expect(typeof promptPlans[name].schema.safeParse, "plan schema").toBe("function");
    expect(typeof promptPayloads[name].safeParse, "answer payload schema").toBe("function");
    expect(promptPayloads[name].safeParse({ type }).success, "its payload needs more than its type").toBe(false);
    for (const part of ["check", "restore", "tally", "settings", "displayHeight", "csvRows"] as const) expect(typeof logic[part], part).toBe("function");
    for (const part of ["Input", "isComplete", "describe"] as const) expect(typeof promptInputs[name][part], part).toBe("function");
    expect(typeof promptResults[name].Results, "Results").toBe("function");
    expect(consoleEn.promptTypes[name], "its name on the console").toMatch(/\S/);
    expect(staffEn.library.promptTypes[name], "its name in the library").toMatch(/\S/);
  });

  it("has its section in docs/realtime.md, and every section there is a registered type", () => {
    expect(typeHeadings("docs/realtime.md", /^## 15\. Prompt types/m).sort()).toEqual(registered);
  });

  it("has its section in content/README.md, and every section there is a registered type", () => {
    expect(typeHeadings("content/README.md", /^## Questions \(prompts\)/m).sort()).toEqual(registered);
  });
});
