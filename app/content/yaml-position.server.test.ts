import { describe, expect, it } from "vitest";

import { MAX_YAML_DEPTH, MAX_YAML_PIECES, readYaml, YamlAllowance } from "./yaml-position.server";

const tooLong = (line: number) => ({ ok: false, problems: [{ line, message: expect.stringContaining("holds more YAML than Beside reads"), syntax: false }] });
const tooDeep = (line: number) => ({ ok: false, problems: [{ line, message: expect.stringContaining("is nested too deeply to read"), syntax: false }] });

describe("readYaml's limits, checked before the text is parsed", () => {
  it("stops at the first piece past its allowance, and says so at that piece's line", () => {
    // 30,000 pieces (key, colon, value on each line) in 108 KB: the 20,001st is on line 6,667.
    const keys = Array.from({ length: 10_000 }, (_, i) => `k${i}: x`).join("\n");
    const allowance = new YamlAllowance();
    expect(MAX_YAML_PIECES).toBe(20_000);
    expect(readYaml(keys, { allowance })).toEqual(tooLong(6_667));
    // It read one piece past the allowance and no further.
    expect(allowance.pieces).toBe(-1);
  });

  it("shares one allowance between texts, so many small ones cost no more than one big one", () => {
    const allowance = new YamlAllowance(10);
    expect(readYaml("a: b\nc: d", { allowance })).toMatchObject({ ok: true, value: { a: "b", c: "d" } });
    expect(allowance.pieces).toBe(4);
    expect(readYaml("e: f\ng: h", { allowance })).toEqual(tooLong(2));
    // Without one, each text gets its own.
    expect(readYaml("e: f\ng: h")).toMatchObject({ ok: true });
  });

  it("reads 20 levels of nesting and refuses 21, in brackets, dashes, question marks or indentation, at the line that goes too deep", () => {
    const depth = (levels: number) => ({
      brackets: `x: ${"[".repeat(levels - 1)}a${"]".repeat(levels - 1)}`,
      dashes: `x:\n${"- ".repeat(levels - 1)}a`,
      keys: `x:\n${"? ".repeat(levels - 1)}a`,
      indentation: Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"),
      mixed: `x:\n  - ${"- ".repeat(levels - 5)}{a: [b]}`,
    });
    expect(MAX_YAML_DEPTH).toBe(20);
    for (const [how, source] of Object.entries(depth(MAX_YAML_DEPTH))) expect(readYaml(source), how).toMatchObject({ ok: true });
    const lines = { brackets: 1, dashes: 2, keys: 2, indentation: 21, mixed: 2 };
    for (const [how, source] of Object.entries(depth(MAX_YAML_DEPTH + 1))) expect(readYaml(source), how).toEqual(tooDeep(lines[how as keyof typeof lines]));
  });

  it("takes levels closed by a shallower line, or by closing brackets, off again", () => {
    const wide = Array.from({ length: 50 }, (_, i) => `k${i}:\n  - [a, [b, {c: d}]]\n  - e`).join("\n");
    expect(readYaml(wide)).toMatchObject({ ok: true });
  });

  it("counts lines through text spread over several lines, so a refusal names the right one", () => {
    const source = `a: |\n  one\n  two\nb: "three\n  four"\nc: ${"[".repeat(MAX_YAML_DEPTH)}`;
    expect(readYaml(source)).toEqual(tooDeep(6));
  });
});
