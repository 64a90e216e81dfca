import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * Decision 045: a participant's pages (/j/:code, /join, /help) carry app.css only; room.css is for the console, the
 * display and the staff's pages. A rule put in room.css for something a phone shows would be lost on every phone, with
 * nothing on the console or the display to tell. This reads, from the phone pages' own code, which classes they can
 * put on an element, and finds every selector of room.css that needs none but those.
 */
const APP = path.resolve("app");
const PHONE_PAGES = ["root.tsx", "routes/j.$code.tsx", "routes/join.tsx", "routes/help.tsx"];

/**
 * Classes a phone's code names but never puts on a phone's element: the display's frame (`display`, a component's size
 * "display" in the phone's code), and the sizes the display and the console draw shared components at.
 */
const NOT_ON_A_PHONE = /^(display|[\w-]+--(display|large|console))$/;

/** Selectors of room.css whose classes a phone's modules name, each with why no phone shows them. */
const DRAWN_ELSEWHERE: Record<string, string> = {
  ".code": "the word is in the phone's code, but only the console, the display and the library draw a join code in type",
  ".display__scale": "a prompt type's `Choices` (app/prompts/scale/results.tsx): only the display draws them",
  ".display__options": "a prompt type's `Choices` (app/prompts/shared/option-list.tsx): only the display draws them",
  ".spotlight": "SpotlightView (app/components/results-view.tsx): only the display draws an answer read aloud",
  ".spotlight__text": "as .spotlight",
  ".spotlight__position": "as .spotlight",
  kbd: "the console's shortcuts and the guide: a plan's Markdown takes no HTML, so no slide has one",
};

/** Every module the phone pages load, the ones they load later (import()) too; type-only imports aside. */
function phoneModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const [statement, specifier] of source.matchAll(/(?:import|export)\s*(?:type\s)?[^"'`;]*?["']([~.][^"']*)["']/g)) {
      if (/^(import|export)\s+type\s/.test(statement)) continue;
      const base = specifier!.startsWith("~/") ? path.join(APP, specifier!.slice(2)) : path.resolve(path.dirname(file), specifier!);
      const found = ["", ".tsx", ".ts", "/index.ts", "/index.tsx"].map((ending) => base + ending).find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
      if (found && /\.tsx?$/.test(found)) visit(found);
    }
  };
  PHONE_PAGES.forEach((page) => visit(path.join(APP, page)));
  return [...seen];
}

/** The classes the phone pages' components can write: whole words of their strings, and the start of built ones (`breathing--${size}`). */
function phoneClasses(files: string[]): { names: Set<string>; prefixes: string[] } {
  const names = new Set<string>();
  const prefixes: string[] = [];
  for (const file of files.filter((name) => name.endsWith(".tsx"))) {
    const source = fs.readFileSync(file, "utf8");
    for (const [text] of source.matchAll(/"[^"\n]*"|'[^'\n]*'|`[^`]*`/g)) {
      for (const word of text.slice(1, -1).split(/[\s"'`{}]+/)) if (/^[a-z][\w-]*$/.test(word)) names.add(word);
    }
    // A name with __ or -- anywhere in the code (in a template inside a template too), and one built on with ${…}.
    for (const [word] of source.matchAll(/[a-z][a-z0-9-]*(?:__|--)[a-z0-9_-]*/g)) names.add(word);
    for (const [, start] of source.matchAll(/([a-z][a-z0-9_-]*(?:__|--|-))\$\{/g)) prefixes.push(start!);
  }
  return { names, prefixes };
}

/** The selectors of a stylesheet, each with its line. */
function selectors(css: string): Array<{ line: number; selector: string }> {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
  const found: Array<{ line: number; selector: string }> = [];
  for (const match of code.matchAll(/([^{};]+)\{[^{}]*\}/g)) {
    const line = code.slice(0, match.index + match[0].indexOf(match[1]!.trim())).split("\n").length;
    for (const selector of match[1]!.split(",")) found.push({ line, selector: selector.trim() });
  }
  return found;
}

describe("the phone's stylesheet (decision 045)", () => {
  const files = phoneModules();
  const { names, prefixes } = phoneClasses(files);
  const onAPhone = (name: string) => !NOT_ON_A_PHONE.test(name) && (names.has(name) || prefixes.some((start) => name.startsWith(start)));

  it("reads the phone pages' components, those loaded later included", () => {
    const relative = files.map((file) => path.relative(APP, file));
    expect(relative).toEqual(expect.arrayContaining(["components/safety-bar.tsx", "components/results-view.tsx", "components/question-box.tsx", "prompts/ranking/rank-list.tsx"]));
    expect(relative).not.toContain("routes/console.$code.tsx");
    expect(onAPhone("safety-bar__message--failed")).toBe(true);
    expect(onAPhone("breathing--phone")).toBe(true);
    expect(onAPhone("console__grid")).toBe(false);
  });

  it("leaves in room.css no selector that matches with the classes a phone's page writes", () => {
    const css = fs.readFileSync(path.resolve("app/styles/room.css"), "utf8");
    const all = selectors(css);
    expect(all.length).toBeGreaterThan(100);
    const phoneOnly = all.filter(({ selector }) => {
      if (selector in DRAWN_ELSEWHERE || /\[data-theme/.test(selector)) return false;
      const classes = [...selector.matchAll(/\.([\w-]+)/g)].map(([, name]) => name!);
      return classes.every(onAPhone);
    });
    expect(phoneOnly.map(({ line, selector }) => `room.css:${line}  ${selector}`), "move it to app.css, which phones get").toEqual([]);
  });
});
