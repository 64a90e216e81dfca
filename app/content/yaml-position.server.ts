import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  visit,
  YAMLParseError,
  type Alias,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
} from "yaml";
import type { ZodIssue } from "zod";

/**
 * The source offset of what a validation issue is about: the key or list item
 * at `path` in a parsed YAML document, or its nearest existing parent. Plan
 * files and the help file both report problems at this line.
 */
function offsetOfPath(root: YamlNode | null, path: ReadonlyArray<string | number>): number | undefined {
  let node: unknown = root;
  let offset = root?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** An unknown key is reported at that key, not at the object holding it. */
function pathOfUnknownKey(issue: ZodIssue): Array<string | number> | undefined {
  return issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : undefined;
}

/** Why YAML nested too deeply is refused (thousands of levels make the yaml library run out of stack). */
const YAML_TOO_DEEP = "is nested too deeply to read: use fewer levels of indentation, brackets or dashes";

/**
 * Levels of nesting a YAML text may have. Plans and the help list need three (a list under a setting);
 * the count below takes each level of indentation, each "- " or "? " on a line and each open bracket as one.
 */
export const MAX_YAML_DEPTH = 20;

/**
 * Pieces of YAML (keys, values, and marks such as "-", ":", ",", brackets, anchors and comments) one
 * allowance covers: about twice what a plan of 200 slides with every setting written out needs, and
 * few enough that the yaml library reads them in a fraction of a second (ADR 025).
 */
export const MAX_YAML_PIECES = 20_000;

const YAML_TOO_LONG = `holds more YAML than Beside reads in one plan or help list (${MAX_YAML_PIECES.toLocaleString("en")} keys, values and marks such as - and :): write it shorter`;

/** The pieces of YAML that reads may still take: a plan's blocks share one; any other text gets its own. */
export class YamlAllowance {
  constructor(public pieces: number = MAX_YAML_PIECES) {}
}

/** The yaml lexer's marks that stand for no text of the source: document start, flow end, scalar start. */
const LEXER_MARKS = new Set(["\x02", "\x18", "\x1f"]);

/**
 * The line at which a YAML text goes deeper than MAX_YAML_DEPTH or past the allowance, and why, found by
 * the yaml library's lexer, before a node is built (building them is what takes the time); undefined when
 * it stays within both. Takes its pieces from the allowance.
 */
function overLimits(source: string, allowance: YamlAllowance): { line: number; message: string } | undefined {
  let line = 1;
  let flow = 0;
  let indent: number | undefined = 0;
  let onLine = 0;
  const indents: number[] = [];
  for (const token of new Lexer().lex(source)) {
    if (LEXER_MARKS.has(token)) continue;
    if (/^\s*$/.test(token)) {
      const lines = token.split("\n");
      if (lines.length > 1) {
        line += lines.length - 1;
        indent = lines.at(-1)!.length;
        onLine = 0;
      } else if (indent === 0) indent = token.length;
      continue;
    }
    allowance.pieces -= 1;
    if (allowance.pieces < 0) return { line, message: YAML_TOO_LONG };
    if (flow === 0 && indent !== undefined && !token.startsWith("#")) {
      // The first piece on a line: it closes every block indented as far or further, and opens one of its own.
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      indent = undefined;
    }
    if (flow === 0 && (token === "-" || token === "?")) onLine += 1;
    else if (token === "[" || token === "{") flow += 1;
    else if (token === "]" || token === "}") flow = Math.max(0, flow - 1);
    if (indents.length + onLine + flow > MAX_YAML_DEPTH) return { line, message: YAML_TOO_DEEP };
    line += token.split("\n").length - 1;
  }
  return undefined;
}

/**
 * The parsed document, with its errors, a repeated key among them; undefined when it is nested
 * so deeply that the yaml library runs out of stack (thousands of "- " or "[" in a row), which it
 * throws rather than reports.
 */
function parseYaml(
  source: string,
  options: Omit<ParseOptions & DocumentOptions & SchemaOptions, "uniqueKeys">,
): Document.Parsed | undefined {
  try {
    // The yaml library's uniqueKeys compares each key with every key before it: seconds for a block of thousands of keys.
    const doc = parseDocument(source, { ...options, uniqueKeys: false });
    visit(doc, {
      Map: (_key, map) => {
        const seen = new Set<unknown>();
        for (const { key } of map.items) {
          if (!isScalar(key)) continue;
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            doc.errors.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
          }
          seen.add(key.value);
        }
      },
    });
    return doc;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The document's plain value, or the alias (*name) that stops it: one whose anchor (&name) isn't
 * set before it, or one of so many that copying them out would exhaust the server (a "billion
 * laughs"). The yaml library throws for both; plan files and the help file report them instead.
 */
function yamlValue(
  doc: Document.Parsed,
): { ok: true; value: unknown } | { ok: false; offset: number | undefined; message: string } {
  try {
    return { ok: true, value: doc.toJS() };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, offset: undefined, message: YAML_TOO_DEEP };
    // One pass in document order (not Alias.resolve, which walks the whole document for each alias).
    const anchors = new Set<string>();
    let first: Alias | undefined;
    let unresolved: Alias | undefined;
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          first ??= node;
          if (!anchors.has(node.source)) unresolved ??= node;
        } else if (node.anchor) anchors.add(node.anchor);
      },
    });
    if (unresolved) {
      const name = unresolved.source;
      const message = `*${name} repeats an anchor (&${name}) that is not set before it: set the anchor first, or write the value out`;
      return { ok: false, offset: unresolved.range?.[0], message };
    }
    const message = "repeats anchors (*name) too many times: write the values out instead";
    if (first) return { ok: false, offset: first.range?.[0], message };
    throw error;
  }
}

export type YamlRead =
  | {
      ok: true;
      value: unknown;
      lineOfIssue: (issue: ZodIssue, path?: ReadonlyArray<string | number>) => number;
      /** The line of the key or list item at `path` (or of its nearest existing parent). */
      lineAt: (path: ReadonlyArray<string | number>) => number;
    }
  | { ok: false; problems: Array<{ line: number; message: string; syntax: boolean }> };

/**
 * A YAML text read for a plan block or the help file: its value, with `lineOfIssue` giving the line of `source`
 * a schema issue points at (the unknown key itself, or the value at `path`, the issue's own by default; 1 when
 * the text has no such place); or its problems by line. A problem is a nesting deeper than MAX_YAML_DEPTH,
 * more pieces than the allowance has left (both found before the text is parsed, so a hostile text costs
 * little), the parser's errors (`syntax`; a repeated key among them), or an alias the value can't be read
 * through. `schema: "failsafe"` reads every value as text.
 */
export function readYaml(source: string, options: { schema?: "failsafe"; allowance?: YamlAllowance } = {}): YamlRead {
  const { allowance = new YamlAllowance(), ...parseOptions } = options;
  const over = overLimits(source, allowance);
  if (over) return { ok: false, problems: [{ ...over, syntax: false }] };
  const lineCounter = new LineCounter();
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  // logLevel "error": a YAML warning (a list used as a key) is not printed in the server's output; the schema refuses it.
  const doc = parseYaml(source, { lineCounter, prettyErrors: false, logLevel: "error", ...parseOptions });
  if (!doc) return { ok: false, problems: [{ line: 1, message: YAML_TOO_DEEP, syntax: false }] };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      line: lineOf(error.pos[0]),
      message: `this is not valid YAML (${error.code.toLowerCase().replace(/_/g, " ")})`,
      syntax: true,
    }));
    return { ok: false, problems };
  }
  const read = yamlValue(doc);
  if (!read.ok) return { ok: false, problems: [{ line: lineOf(read.offset), message: read.message, syntax: false }] };
  return {
    ok: true,
    value: read.value,
    lineOfIssue: (issue, path = issue.path) => lineOf(offsetOfPath(doc.contents, pathOfUnknownKey(issue) ?? path)),
    lineAt: (path) => lineOf(offsetOfPath(doc.contents, path)),
  };
}
