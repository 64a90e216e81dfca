import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * docs/privacy.md is a promise to participants, organisers and data-protection
 * officers. Every statement in it names the test that proves it, so the
 * promise can't drift from the code: a statement without a test, or naming a
 * test that no longer exists, fails `npm test`.
 */
const DOC = path.resolve("docs/privacy.md");
// A unit or integration test (*.test.ts), or a Playwright spec (*.spec.ts) for what only a browser can show.
const REFERENCE = /`([^`]+\.(?:test|spec)\.ts)` › "((?:[^"\\]|\\.)+)"/g;

/** The statements of the document: every paragraph and list item that isn't a heading. */
function statements(markdown: string): string[] {
  return markdown
    .split(/\n(?=- )|\n\s*\n/)
    .map((block) => block.replace(/\s*\n\s*/g, " ").trim())
    .filter((block) => block !== "" && !block.startsWith("#"));
}

/** The names of the tests a file declares: it("…") and test("…"), as written in the source. */
function testNames(file: string): Set<string> {
  const source = fs.readFileSync(path.resolve(file), "utf8");
  const names = new Set<string>();
  // it("…"), it.each(…)("…") and it.skipIf(…)("…"), whose condition may hold one call: sqliteOnly("…", "…").
  for (const match of source.matchAll(/\b(?:it|test)(?:\.(?:each|skipIf|runIf)\((?:[^()]|\([^()]*\))*\))?\(\s*"((?:[^"\\]|\\.)*)"/g)) {
    names.add(JSON.parse(`"${match[1]!}"`) as string);
  }
  return names;
}

describe("docs/privacy.md", () => {
  const blocks = statements(fs.readFileSync(DOC, "utf8"));

  it("backs every statement with a named test, one sentence per statement", () => {
    expect(blocks.length).toBeGreaterThan(15);
    for (const block of blocks) {
      const references = [...block.matchAll(REFERENCE)];
      expect(references.length, `no test named for: ${block}`).toBeGreaterThan(0);
      const claim = block.replace(REFERENCE, "").replace(/\(tested by[^)]*\)/gi, "");
      // One claim per statement: a second sentence would go unchecked.
      expect(claim.match(/[.!?]\s+[A-Z]/g) ?? [], `more than one sentence in: ${claim}`).toHaveLength(0);
    }
  });

  it("names only tests that exist, in files that exist", () => {
    for (const block of blocks) {
      for (const [, file, escapedName] of block.matchAll(REFERENCE)) {
        const name = JSON.parse(`"${escapedName!}"`) as string;
        expect(fs.existsSync(path.resolve(file!)), `${file} does not exist`).toBe(true);
        expect([...testNames(file!)], `${file} has no test called "${name}"`).toContain(name);
      }
    }
  });
});
