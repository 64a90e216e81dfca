/**
 * Seeded random mutations of real files, for the fuzz tests of every boundary that reads an
 * organiser's text (plan files, the help file, the environment). The same seed gives the same
 * mutant on every machine, so a failure in CI is reproduced with FUZZ_SEED=<seed> FUZZ_RUNS=1.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
}

/** mulberry32: small, fast and good enough to pick mutations. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)]! };
}

/**
 * The seeds a fuzz test runs: `runs` seeds from `firstSeed`, unless FUZZ_SEED / FUZZ_RUNS
 * say otherwise (to reproduce one failure, or to explore more locally).
 */
export function fuzzSeeds(runs: number, firstSeed: number): number[] {
  const first = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : firstSeed;
  const count = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : runs;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** A fuzz test's timeout: `ms` for the fixed runs, an hour when FUZZ_RUNS asks for more. */
export function fuzzTimeout(ms: number): number {
  return process.env.FUZZ_RUNS ? 3_600_000 : ms;
}

/** What YAML and Markdown read specially, plus text that trips up parsers (NUL, lone surrogates, odd line breaks). */
const SPECIAL = [
  ":", ": ", "---", "\n---\n", ":::", "\n:::\n", "\n::: notes\n", "\t", "{", "}", "[", "]", "&anchor ", "*anchor", "*missing",
  "!!tag ", "!!binary ", "!!js/function ", "!!set ", "<<: ", "? ", "|", ">-", "#", "# ", "\n#\n", "```", "\n```prompt\n",
  "\n```slide\n", "\n```\n", "~~~", "'", '"', "\\", "%YAML 1.1\n", "\0", "\uD800", "\uDC00", "\r", "\r\n", "\uFEFF", "\u2028",
  "\u0085", "- ", "> ", "1. ", "<script>alert(1)</script>", "[link](javascript:alert(1))", "![photo](http://example.org/x.png)",
  "<img src=x>", "`", "@", "%", ",", "…", "\u202E", "😀",
];

/** The same, where a line starts: most YAML and Markdown structure is decided there. */
const LINE_STARTS = [
  "---", ":::", "::: notes", "# ", "#", "## ", "```", "```prompt", "```slide", "  ", "\t", "- ", "> ", "? ", "...", "%TAG ! x",
  "&a ", "*a", "<<: *a", "| ", "    ", "1) ",
];

const NUMBERS = [
  "1e309", "-1", "0", "-0", "99999999999999999999", "1.5", ".nan", ".inf", "-.inf", "NaN", "0x1F", "0o17", "1_000", "", "~",
  "null", "2.", "1e-400", "Infinity", "9007199254740993", "-2147483649", "3.0", "+5", "0.0000001", "1,5",
];

const KEYS = [
  "id", "title", "summary", "duration", "audience", "content-notes", "language", "kind", "agreements", "breathing", "sensitive",
  "type", "options", "min", "max", "min-label", "max-label", "compare-with", "max-words", "max-length", "question", "inhale",
  "hold", "exhale", "label", "note", "resources", "name", "description", "phone", "text", "url", "hours", "last-verified",
  "international", "en-GB", "", "__proto__", "constructor", "toString", "hasOwnProperty", "ID", "title ", "?", "x".repeat(200),
];

const VALUES = [
  "", "~", "null", "[]", "{}", "[a, b]", "{a: 1}", "true", "false", "yes", "no", "on", "*x", "&x", "!!str", "!!int x",
  "'unterminated", '"unterminated', "|", ">", "- a", "x".repeat(1000), "0", "-5", "1e9", ".nan", "2001-01-01", '"\\u0000"',
  '"\\uD800"', "@x", "`x`", "%", "check", "import", ":", "a: b", "# comment", "[", "{", "scale", "agreement", "grounding",
  "single-choice", "2026-02-30", "https://", "javascript:alert(1)", "+44", "\u0000", "\uDBFF", "!!binary aGk=",
];

/** Anchors that each alias the one before nine times: 9^depth nodes if expanded (a "billion laughs"). */
function aliasBomb(depth: number): string {
  const lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= depth; i++) lines.push(`lol${i}: &lol${i} [${Array(9).fill(`*lol${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

function deepNesting(random: Random): string {
  const n = 10 + random.int(3000);
  switch (random.int(6)) {
    case 0: return "[".repeat(n);
    case 1: return "{a: ".repeat(n);
    case 2: return "- ".repeat(n) + "x";
    case 3: return ">".repeat(n) + " x";
    case 4: return Array.from({ length: Math.min(n, 400) }, (_, i) => " ".repeat(i) + "- x").join("\n");
    default: return Array.from({ length: Math.min(n, 400) }, (_, i) => " ".repeat(i) + `k${i}:`).join("\n");
  }
}

function longLine(random: Random): string {
  const n = 1000 + random.int(20_000);
  const runs = ["x", " ", "/", "b", "-", "#", "`"].map((c) => c.repeat(n));
  return random.pick([...runs, `${" ".repeat(n)}x`, `a: ${"b".repeat(n)}`]);
}

type Mutation = (text: string, random: Random) => { text: string; note: string };

/** A place in the text, or a line index; both cope with an empty text. */
const at = (text: string, random: Random) => random.int(text.length + 1);
const lineAt = (lines: string[], random: Random) => random.int(lines.length);
/** `text` with `length` characters at `start` replaced by `value`. */
const splice = (text: string, start: number, length: number, value: string) => text.slice(0, start) + value + text.slice(start + length);
const show = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length} chars)` : value);

const MUTATIONS: Record<string, Mutation> = {
  "change a character": (text, random) => {
    const p = random.int(Math.max(text.length, 1));
    const c = random.int(2) ? random.pick(SPECIAL) : String.fromCharCode(random.int(0x10000));
    return { text: splice(text, p, 1, c), note: `at ${p} put ${show(c)}` };
  },
  "delete a line": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    lines.splice(i, 1);
    return { text: lines.join("\n"), note: `line ${i + 1}` };
  },
  "repeat a line": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    const times = random.int(3) ? 1 : 1 + random.int(500);
    lines.splice(i, 0, ...Array<string>(times).fill(lines[i] ?? ""));
    return { text: lines.join("\n"), note: `line ${i + 1} ${times} more times` };
  },
  "swap two lines": (text, random) => {
    const lines = text.split("\n");
    const [i, j] = [lineAt(lines, random), lineAt(lines, random)];
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return { text: lines.join("\n"), note: `lines ${i + 1} and ${j + 1}` };
  },
  "cut the end off": (text, random) => {
    const p = at(text, random);
    return { text: text.slice(0, p), note: `at ${p}` };
  },
  "insert a special character": (text, random) => {
    const p = at(text, random);
    const c = random.pick(SPECIAL);
    return { text: splice(text, p, 0, c), note: `at ${p} insert ${show(c)}` };
  },
  "start a line with something special": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    const start = random.pick(LINE_STARTS);
    lines[i] = start + lines[i];
    return { text: lines.join("\n"), note: `line ${i + 1} starts with ${show(start)}` };
  },
  "insert a very long line": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    const line = longLine(random);
    lines.splice(i, 0, line);
    return { text: lines.join("\n"), note: `before line ${i + 1}: ${show(line)}` };
  },
  "insert deep nesting": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    const nesting = deepNesting(random);
    lines.splice(i, 0, nesting);
    return { text: lines.join("\n"), note: `before line ${i + 1}: ${show(nesting)}` };
  },
  "insert an alias bomb": (text, random) => {
    const lines = text.split("\n");
    const i = lineAt(lines, random);
    const depth = 3 + random.int(8);
    lines.splice(i, 0, aliasBomb(depth));
    return { text: lines.join("\n"), note: `depth ${depth} before line ${i + 1}` };
  },
  "change the line endings": (text, random) => {
    const ending = random.pick(["\r\n", "\r", "\n\n", "\u2028"]);
    return { text: text.replace(/\n/g, ending), note: show(ending) };
  },
  "start with a byte order mark": (text) => ({ text: `\uFEFF${text}`, note: "" }),
  "change a number": (text, random) => {
    const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
    if (numbers.length === 0) return { text, note: "no number" };
    const match = random.pick(numbers);
    const value = random.pick(NUMBERS);
    return { text: splice(text, match.index, match[0].length, value), note: `${show(match[0])} at ${match.index} to ${show(value)}` };
  },
  "change a key": (text, random) => {
    const keys = [...text.matchAll(/^([ \t-]*)([\w-]+):/gm)];
    if (keys.length === 0) return { text, note: "no key" };
    const match = random.pick(keys);
    const key = random.pick(KEYS);
    const start = match.index + match[1]!.length;
    return { text: splice(text, start, match[2]!.length, key), note: `${show(match[2]!)} to ${show(key)}` };
  },
  "change a value": (text, random) => {
    const values = [...text.matchAll(/^([ \t-]*[\w-]+:[ \t]*)(.*)$/gm)];
    if (values.length === 0) return { text, note: "no value" };
    const match = random.pick(values);
    const value = random.pick(VALUES);
    const start = match.index + match[1]!.length;
    return { text: splice(text, start, match[2]!.length, value), note: `${show(match[0])} gets ${show(value)}` };
  },
};

const NAMES = Object.keys(MUTATIONS);

/** One to four random mutations of `text`, and what they were (to print with a failure). */
export function mutate(text: string, random: Random): { text: string; steps: string[] } {
  const count = 1 + Math.min(random.int(4), random.int(4));
  const steps: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = random.pick(NAMES);
    const result = MUTATIONS[name]!(text, random);
    text = result.text;
    steps.push(result.note ? `${name}: ${result.note}` : name);
  }
  return { text, steps };
}

/** Up to `maxLength` random UTF-16 code units, lone surrogates and control characters included. */
export function randomText(random: Random, maxLength: number): string {
  return Array.from({ length: random.int(maxLength) }, () => String.fromCharCode(random.int(0x10000))).join("");
}

/** What a fuzz failure prints for something thrown: the stack of an Error, anything else as text. */
export function describeThrown(thrown: unknown): string {
  return `threw ${thrown instanceof Error ? thrown.stack : String(thrown)}`;
}

/** Milliseconds `run` took, and what it returned or threw. */
export function timed<T>(run: () => T): { ms: number; value?: T; thrown?: unknown } {
  const start = performance.now();
  try {
    const value = run();
    return { ms: performance.now() - start, value };
  } catch (thrown) {
    return { ms: performance.now() - start, thrown };
  }
}

/**
 * Whether `run` is slow: over `limitMs` twice running. A scheduling pause on a busy machine
 * makes one run slow; a hang or a blow-up makes both.
 */
export function slowTwice(firstMs: number, run: () => unknown, limitMs: number): boolean {
  return firstMs > limitMs && timed(run).ms > limitMs;
}
