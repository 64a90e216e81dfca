import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * Issue 18: a right-to-left page mirrors by itself only if no rule names a side. Every stylesheet says
 * "inline start/end" (margin-inline-start, inset-inline-end, text-align: start…), never left or right. A rule that
 * must stay physical says why on its own line: `/* physical: the reason *\/` (decision 039).
 */
const STYLES = path.resolve("app/styles");
const ALLOWED = /\/\*\s*physical:\s*[^\s*][^*]*\*\//;

/** Shorthands whose four values run top, right, bottom, left: a side is named when the 2nd and 4th differ. */
const BOX_SHORTHANDS = new Set([
  "margin",
  "padding",
  "inset",
  "border-width",
  "border-style",
  "border-color",
  "scroll-margin",
  "scroll-padding",
]);

/** A declaration that names a side, where it starts. */
interface PhysicalDeclaration {
  line: number;
  declaration: string;
}

/** Splits a value on spaces outside brackets: "calc(1px + 2px) 0" → ["calc(1px + 2px)", "0"]. */
function words(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let word = "";
  for (const char of value) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (/\s/.test(char) && depth === 0) {
      if (word) out.push(word);
      word = "";
    } else word += char;
  }
  if (word) out.push(word);
  return out;
}

/** Splits on commas outside brackets: the layers of a shadow, a background or a transition. */
function layers(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let layer = "";
  for (const char of value) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      out.push(layer.trim());
      layer = "";
    } else layer += char;
  }
  out.push(layer.trim());
  return out;
}

/** Whether corner radii ("a b c d" / "a b c" / "a b", each side of a "/") differ between left and right. */
function lopsidedRadius(value: string): boolean {
  return value.split("/").some((half) => {
    const [a, b = a, c = a, d = b] = words(half.trim());
    return a !== b || c !== d;
  });
}

/** Why a declaration names a side, or null when it doesn't. */
function sideNamed(property: string, value: string): string | null {
  if (/(^|-)(left|right)(-|$)/.test(property)) return "a property with a side in its name";
  // left, right as a value: text-align, float, clear, justify-*, background-position, gradients "to right"…
  if (/(^|[^-\w])(left|right)([^-\w]|$)/.test(value)) return "a value naming a side";
  if (BOX_SHORTHANDS.has(property)) {
    const parts = words(value.replace(/!important/, ""));
    if (parts.length === 4 && parts[1] !== parts[3]) return "four values with different left and right";
  }
  if (property === "border-radius" && lopsidedRadius(value.replace(/!important/, ""))) {
    return "corner radii that differ left and right";
  }
  if (property === "box-shadow" || property === "text-shadow") {
    const shifted = layers(value).some((layer) => {
      const offset = words(layer).find((word) => word !== "inset" && /^-?[\d.]/.test(word));
      return offset !== undefined && !/^-?0+(\.0*)?[a-z%]*$/.test(offset);
    });
    if (shifted) return "a shadow pushed to one side";
  }
  if (property === "transform-origin") {
    const [x] = words(value);
    if (x !== undefined && !["center", "50%", "top", "bottom"].includes(x)) return "a transform that hangs from one side";
  }
  if (/^(transform|translate)$/.test(property) && /translate(X|3d)?\(\s*-?[1-9.]/.test(value)) {
    return "a move along a side";
  }
  if (property === "translate" && !/^-?0+[a-z%]*(\s|$)/.test(value.trim())) return "a move along a side";
  return null;
}

/**
 * The declarations of a stylesheet that name a physical side (left or right), with their line, leaving out those
 * whose line carries a `/* physical: reason *\/` comment.
 */
function physicalDeclarations(css: string): PhysicalDeclaration[] {
  const lines = css.split("\n");
  // Comments become spaces (newlines kept), so line numbers stay true and nothing commented out counts.
  const code = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
  const found: PhysicalDeclaration[] = [];
  for (const match of code.matchAll(/(?<=^|[{;\s])(-?[a-z][a-z-]*)\s*:\s*([^;{}]*?)\s*(?=[;}])/g)) {
    const [, property, value] = match as unknown as [string, string, string];
    if (property.startsWith("--")) continue;
    if (!sideNamed(property, value)) continue;
    const start = code.slice(0, match.index).split("\n").length;
    const end = start + match[0].split("\n").length - 1;
    if (lines.slice(start - 1, end).some((line) => ALLOWED.test(line))) continue;
    found.push({ line: start, declaration: `${property}: ${value.replace(/\s+/g, " ")}` });
  }
  return found;
}

/**
 * The inline style objects of a component (`style={{ … }}`) that name a side: marginLeft, paddingRight, left:,
 * right:, textAlign: "left", borderTopLeftRadius… Returns the lines.
 */
function physicalInlineStyles(tsx: string): PhysicalDeclaration[] {
  const found: PhysicalDeclaration[] = [];
  for (const match of tsx.matchAll(/style=\{\{([\s\S]*?)\}\}/g)) {
    const body = match[1]!;
    const side =
      /\b\w*(Left|Right)\w*\s*:/.test(body) ||
      /(^|[,{\s])(left|right)\s*:/.test(body) ||
      /:\s*["'`](left|right)["'`]/.test(body) ||
      /translate(X)?\(\s*-?[1-9.]/.test(body);
    if (side) {
      found.push({ line: tsx.slice(0, match.index).split("\n").length, declaration: match[0].replace(/\s+/g, " ") });
    }
  }
  return found;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(file) && !file.endsWith(".test.tsx"))
    .map((file) => path.join(dir, file))
    .sort();
}

describe("physicalDeclarations", () => {
  it.each([
    ["margin-left: 1rem;"],
    ["padding-right: 0;"],
    ["left: 0.75rem;"],
    ["right: 0;"],
    ["text-align: left;"],
    ["text-align: right !important;"],
    ["float: right;"],
    ["clear: left;"],
    ["border-left: 4px solid var(--accent);"],
    ["border-right-color: red;"],
    ["border-top-left-radius: 6px;"],
    ["scroll-margin-left: 1rem;"],
    ["inset: 0 auto auto 0;"],
    ["padding: 0 0 0 calc(var(--canvas) * 0.05);"],
    ["margin: 1px 2px 3px 4px;"],
    ["border-radius: 6px 0 0 6px;"],
    ["border-radius: 6px 0;"],
    ["box-shadow: inset 4px 0 0 var(--accent);"],
    ["background: linear-gradient(to right, red, blue);"],
    ["background-position: right 1rem top;"],
    ["justify-content: left;"],
    ["transform-origin: 0 0;"],
    ["transform: translateX(10px);"],
  ])("finds %s", (declaration) => {
    const found = physicalDeclarations(`.x {\n  color: red;\n  ${declaration}\n}\n`);
    expect(found).toEqual([{ line: 3, declaration: expect.any(String) as string }]);
  });

  it.each([
    ["margin-inline-start: 1rem;"],
    ["padding-inline: 1rem 0;"],
    ["inset-inline-end: 0.75rem;"],
    ["inset: 0;"],
    ["text-align: start;"],
    ["text-align: center;"],
    ["float: inline-start;"],
    ["border-inline-start: 4px solid var(--accent);"],
    ["border-start-start-radius: 6px;"],
    ["border-radius: 6px 6px 0 0;"],
    ["border-radius: 50%;"],
    ["margin: 0 auto;"],
    ["padding: 1rem 1.25rem 2rem;"],
    ["padding: 0.6rem 0.75rem calc(0.4rem + env(safe-area-inset-bottom, 0px));"],
    ["box-shadow: 0 -4px 16px rgba(31, 42, 48, 0.06);"],
    ["box-shadow: inset 0 0 0 1px var(--accent);"],
    ["transform: scale(0.55);"],
    ["--safety-bar-height: 2rem;"],
    ["padding-bottom: 1rem;"],
    ["border-top: 1px solid var(--line);"],
    ["grid-template-columns: 44px auto 1fr 44px 44px;"],
  ])("lets %s through", (declaration) => {
    expect(physicalDeclarations(`.x {\n  ${declaration}\n}\n`)).toEqual([]);
  });

  it("lets a side through when its line says why, and only that line", () => {
    const css = [
      ".x {",
      "  inset: 0 auto auto 0; /* physical: pairs with the transform's origin */",
      "  margin-left: 1rem;",
      "  right: 0; /* physical: */",
      "}",
    ].join("\n");
    expect(physicalDeclarations(css).map((found) => found.line)).toEqual([3, 4]);
  });

  it("ignores what is commented out and reads selectors as selectors", () => {
    const css = "/* margin-left: 1rem; */\n.a:hover,\n.b:dir(rtl) {\n  color: red;\n}\n@media (max-width: 50rem) {\n  .c { margin: 0; }\n}\n";
    expect(physicalDeclarations(css)).toEqual([]);
  });
});

describe("physicalInlineStyles", () => {
  it("finds a side in a style object and leaves sizes alone", () => {
    const tsx = [
      '<span style={{ width: "50%" }} />',
      '<span style={{ marginLeft: 4 }} />',
      '<span style={{ left: 0, top: 0 }} />',
      '<p style={{ textAlign: "right" }} />',
      "<i style={{ transform: `scale(${scale})` }} />",
    ].join("\n");
    expect(physicalInlineStyles(tsx).map((found) => found.line)).toEqual([2, 3, 4]);
  });
});

describe("the app's styles are right-to-left ready", () => {
  it("names no physical side in any stylesheet in app/styles, unless the line says why", () => {
    const files = listFiles(STYLES, /\.css$/);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const found = files.flatMap((file) =>
      physicalDeclarations(fs.readFileSync(file, "utf8")).map(
        ({ line, declaration }) => `${path.relative(process.cwd(), file)}:${line}  ${declaration}`,
      ),
    );
    expect(found, "use the logical property (decision 039), or add /* physical: why */").toEqual([]);
  });

  it("names no physical side in any component's inline style", () => {
    const files = ["app/components", "app/routes", "app/prompts"].flatMap((dir) => listFiles(path.resolve(dir), /\.tsx$/));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      physicalInlineStyles(fs.readFileSync(file, "utf8")).map(
        ({ line, declaration }) => `${path.relative(process.cwd(), file)}:${line}  ${declaration}`,
      ),
    );
    expect(found, "use the logical property (decision 039)").toEqual([]);
  });
});
