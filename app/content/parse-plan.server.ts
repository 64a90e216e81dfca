import MarkdownIt, { type PluginWithParams } from "markdown-it";
import markdownItContainer from "markdown-it-container";
import markdownItFrontMatter from "markdown-it-front-matter";
import type Token from "markdown-it/lib/token.mjs";
import type { ZodIssue, ZodTypeAny, z } from "zod";

import {
  DEFAULT_SENSITIVE_NOTE,
  frontMatterSchema,
  promptSchema,
  slideSettingsSchema,
  type Plan,
  type PlanIssue,
  type PlanWarning,
  type Prompt,
  type Slide,
} from "./plan-schema";
import { safetyWarnings, type PlanPlaces } from "./plan-safety.server";
import { slideOverflow } from "./slide-fit.server";
import { serverCatalogue } from "~/strings/catalogues.server";
import { readYaml, YamlAllowance } from "./yaml-position.server";

/** A plan without errors may still carry safety warnings (plan-safety.server.ts): they never stop a run. */
export type ParseResult = { ok: true; plan: Plan; warnings: PlanWarning[] } | { ok: false; issues: PlanIssue[] };

/** The file line of the YAML key or item at a path in one block. */
type LineOfPath = (path: ReadonlyArray<string | number>) => number;

const MAX_SLIDES = 200;

/**
 * Raw HTML is off: plan Markdown becomes safe HTML for the console, display and phones.
 * Images are off too: a picture from another server would hand every phone's address
 * to that server (an imported plan could carry one). An image is left as its text.
 * `::: notes` (as in Pandoc's speaker notes) marks what only the facilitator sees.
 * The facilitator guide's pages are rendered with the same settings (guide.server.ts).
 */
export function createMarkdown() {
  return new MarkdownIt({ html: false, linkify: true, typographer: true })
    .disable("image")
    .use(markdownItFrontMatter, () => {})
    .use(markdownItContainer as unknown as PluginWithParams, "notes", {
      validate: (params: string) => params.trim().toLowerCase() === "notes",
    });
}

const markdown = createMarkdown();

interface SlideDraft {
  title: string;
  line: number;
  body: Token[];
  notes: Token[];
  settings?: z.output<typeof slideSettingsSchema>;
  prompt?: Prompt;
  /** The line of the slide's prompt block, even when the block has mistakes. */
  promptLine?: number;
  /** Lines inside the slide's prompt block, for safety warnings. */
  promptLineOf?: LineOfPath;
}

/** Parses and validates one plan file. Every issue names the file and a 1-based line. */
export function parsePlan(source: string, file: string): ParseResult {
  // Lines as markdown-it counts them: it also ends a line at a lone \r.
  const sourceLines = source.split(/\r\n?|\n/);
  const issues: PlanIssue[] = [];
  // A set, not a search of the list: a file of thousands of broken lines must still be checked in moments.
  const reported = new Set<string>();
  // One allowance for all the plan's YAML blocks: many small blocks cost as much to read as one big one.
  const allowance = new YamlAllowance();
  const readBlock = <S extends ZodTypeAny>(yamlSource: string, firstLine: number, schema: S, what: string, lines?: (lineOf: LineOfPath) => void) =>
    parseYamlBlock(yamlSource, firstLine, schema, what, report, allowance, lines);
  const report = (reportedLine: number, message: string) => {
    // A block cut off by the end of the file is reported on its last line, not the line after it.
    const line = Math.min(reportedLine, sourceLines.length);
    const key = `${line}\n${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    issues.push({ file, line, message });
  };

  let tokens: Token[];
  try {
    tokens = markdown.parse(source, {});
  } catch (error) {
    return { ok: false, issues: [{ file, line: 1, message: `could not read the Markdown: ${String(error)}` }] };
  }

  const frontMatterToken = tokens[0]?.type === "front_matter" ? tokens[0] : undefined;
  let frontMatter: z.output<typeof frontMatterSchema> | undefined;
  let frontMatterLineOf: LineOfPath | undefined;
  if (!frontMatterToken) {
    report(1, "a plan starts with front matter: a line of ---, the plan's settings (id, title, …), and another ---");
  } else if (!/^-{3,}\s*$/.test(sourceLines[(frontMatterToken.map?.[1] ?? 0) - 1] ?? "")) {
    report(1, "the front matter that starts here is never closed: end it with a line of ---");
  } else {
    // The YAML starts on line 2, after the opening ---.
    frontMatter = readBlock(frontMatterToken.meta as string, 2, frontMatterSchema, "front matter", (lineOf) => (frontMatterLineOf = lineOf));
  }

  const slides: SlideDraft[] = [];
  let somePromptInvalid = false;
  let notesDepth = 0;
  for (let i = frontMatterToken ? 1 : 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    const slide = slides.at(-1);

    if (token.level === 0 && token.type === "heading_open" && token.tag === "h1") {
      const title = (tokens[i + 1]?.content ?? "").trim();
      if (!title) report(line, "a slide heading (# …) needs a title");
      else if (title.length > 120) report(line, "a slide title must be at most 120 characters");
      slides.push({ title, line, body: [], notes: [] });
      i += 2; // the title is taken; its inline and closing tokens are not body
      continue;
    }

    if (!slide) {
      if (token.type === "inline" || token.level > 0 || token.type.endsWith("_close")) continue;
      report(line, "everything after the front matter belongs to a slide: start the first slide with a line like # Welcome");
      // Skip to the next heading so a stray paragraph is reported once.
      while (i + 1 < tokens.length && !(tokens[i + 1]!.type === "heading_open" && tokens[i + 1]!.tag === "h1")) i++;
      continue;
    }

    if (token.type === "container_notes_open") {
      notesDepth++;
      if (notesDepth === 1) {
        // markdown-it closes an unterminated block at the end of the file; the organiser meant to close it sooner.
        if (!/^(?:>\s*)*:::/.test(sourceLines[token.map?.[1] ?? -1]?.trim() ?? "")) {
          report(line, "the notes that start here are never closed: end them with a line of three colons (:::)");
        }
        continue;
      }
    } else if (token.type === "container_notes_close") {
      notesDepth--;
      if (notesDepth === 0) continue;
    }
    if (notesDepth > 0) {
      if (token.type === "fence" && ["prompt", "slide"].includes(token.info.trim())) {
        report(line, `a ${token.info.trim()} block inside notes is ignored: move it out of the ::: notes … ::: block`);
      }
      slide.notes.push(token);
      continue;
    }

    if (token.type === "fence" && (token.info.trim() === "prompt" || token.info.trim() === "slide")) {
      const kind = token.info.trim();
      // The YAML starts on the line after the opening fence.
      const firstLine = line + 1;
      if (kind === "prompt") {
        if (slide.prompt) report(line, `slide "${slide.title}" already has a prompt; a slide can have one`);
        else {
          slide.prompt = readBlock(token.content, firstLine, promptSchema, "prompt", (lineOf) => (slide.promptLineOf = lineOf));
          slide.promptLine = line;
          if (!slide.prompt) somePromptInvalid = true;
        }
      } else {
        if (slide.settings) report(line, `slide "${slide.title}" already has a slide block; a slide can have one`);
        else slide.settings = readBlock(token.content, firstLine, slideSettingsSchema, "slide block");
      }
      continue;
    }

    // A mistyped notes marker would put the facilitator's notes on the projector: refuse it.
    if (token.type === "inline" && token.content.startsWith(":::")) {
      report(line, `"${token.content.split("\n")[0]}" is not a notes block: facilitator notes start with a line of ::: notes and end with :::`);
    }
    if (token.type === "inline" && /^#{1,6}\p{L}/u.test(token.content)) {
      report(line, `"${token.content.split("\n")[0]}" looks like a heading: put a space after the #, like # ${token.content.replace(/^#+/, "").split("\n")[0]}`);
    }

    slide.body.push(token);
  }


  if (slides.length === 0 && issues.length === 0) report(1, "a plan needs at least one slide: a line like # Welcome");
  if (slides.length > MAX_SLIDES) report(slides[MAX_SLIDES]!.line, `a plan can have at most ${MAX_SLIDES} slides`);

  // Agreement, grounding and round slides ask nothing, whichever order the blocks come in.
  for (const slide of slides) {
    if (slide.promptLine === undefined) continue;
    if (slide.settings?.kind === "agreement") {
      report(slide.promptLine, `an agreement slide only asks each person whether they're in, so it can't have a prompt: put the question on a slide of its own`);
    } else if (slide.settings?.kind === "grounding") {
      report(slide.promptLine, "a grounding slide collects nothing, so it can't have a prompt: put the question on a slide of its own");
    } else if (slide.settings?.kind === "round") {
      report(slide.promptLine, "a spoken round (kind: round) is for talking, so it can't have a prompt: put the question on a slide of its own");
    }
  }

  const firstPrompts = new Map<string, { prompt: Prompt; line: number; index: number }>();
  slides.forEach((slide, index) => {
    if (!slide.prompt) return;
    const seen = firstPrompts.get(slide.prompt.id);
    const line = slide.promptLine ?? slide.line;
    if (seen) report(line, `prompt id "${slide.prompt.id}" is already used by the prompt on line ${seen.line}; each prompt needs its own id`);
    else firstPrompts.set(slide.prompt.id, { prompt: slide.prompt, line, index });
  });

  // A scale compared with another (a check-out with its check-in) needs an earlier scale on the same numbers.
  slides.forEach((slide, index) => {
    const prompt = slide.prompt;
    if (prompt?.type !== "scale" || prompt.compareWith === undefined) return;
    const target = firstPrompts.get(prompt.compareWith);
    // A prompt block with mistakes has no id yet: its own issue is reported, and this check waits for the fix.
    if (!target && somePromptInvalid) return;
    let why: string | undefined;
    if (!target) why = "there is no prompt with that id in this plan";
    else if (target.prompt === prompt) why = "a prompt can't be compared with itself";
    else if (target.index >= index) why = `that prompt comes later, on line ${target.line}`;
    else if (target.prompt.type !== "scale") why = `that prompt (line ${target.line}) is a ${target.prompt.type} prompt`;
    else if (target.prompt.min !== prompt.min || target.prompt.max !== prompt.max) {
      why = `that prompt (line ${target.line}) goes from ${target.prompt.min} to ${target.prompt.max}`;
    }
    if (why) {
      report(
        slide.promptLine ?? slide.line,
        `compare-with: "${prompt.compareWith}" must be a scale prompt on an earlier slide with the same min and max (${prompt.min} to ${prompt.max}); ${why}`,
      );
    }
  });

  if (issues.length > 0 || !frontMatter) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  // What the room's screens say around the plan's words, in the plan's language: defaults, and the text slide fit measures.
  const room = serverCatalogue(frontMatter.language).strings;

  const plan: Plan = {
    ...frontMatter,
    slides: slides.map((draft, index): Slide => ({
        index,
        title: draft.title,
        line: draft.line,
        bodyHtml: markdown.renderer.render(draft.body, markdown.options, {}),
        notesHtml: markdown.renderer.render(draft.notes, markdown.options, {}),
        durationMinutes: draft.settings?.durationMinutes,
        kind: draft.settings?.kind ?? "content",
        ...(draft.settings?.agreements ? { agreements: draft.settings.agreements } : {}),
        ...(draft.settings?.breathing ? { breathing: draft.settings.breathing } : {}),
        // `sensitive: true` says the default note, in the plan's own language.
        ...(draft.settings?.sensitive !== undefined
          ? { sensitive: draft.settings.sensitive === DEFAULT_SENSITIVE_NOTE ? room.room.sensitiveNote : draft.settings.sensitive }
          : {}),
        ...(draft.settings?.questions ? { questions: draft.settings.questions } : {}),
        prompt: draft.prompt,
      })),
  };
  // A slide that can't show in full on the room's screen at a readable size is found here, not in front of a group.
  for (const slide of plan.slides) {
    const overflow = slideOverflow(slide, room);
    if (overflow) report(slide.line, overflow);
  }
  if (issues.length > 0) return { ok: false, issues };
  const places: PlanPlaces = {
    duration: frontMatterLineOf?.(["duration"]),
    contentNotes: plan.contentNotes.map((_, i) => frontMatterLineOf?.(["content-notes", i]) ?? 1),
    prompts: new Map(
      slides.map((draft, index) => [index, { question: draft.promptLineOf?.(["question"]), options: draft.promptLineOf?.(["options"]) }]),
    ),
  };
  return { ok: true, plan, warnings: safetyWarnings(plan, places) };
}

/**
 * Parses a YAML block and validates it, mapping each problem to the line of the
 * YAML node it concerns. `firstLine` is the file line of the block's first line.
 * Once the plan's blocks have used up their allowance (which is reported where it
 * ran out), the blocks after are not read.
 */
function parseYamlBlock<S extends ZodTypeAny>(
  yamlSource: string,
  firstLine: number,
  schema: S,
  what: string,
  report: (line: number, message: string) => void,
  allowance: YamlAllowance,
  lines?: (lineOf: LineOfPath) => void,
): z.output<S> | undefined {
  if (allowance.pieces < 0) return undefined;
  const read = readYaml(yamlSource, { allowance });
  const fileLine = (line: number) => firstLine + line - 1;
  if (!read.ok) {
    for (const { line, message, syntax } of read.problems) {
      report(fileLine(line), `${what}: ${message}${syntax ? `. Put text containing ": " or "#" in quotes` : ""}`);
    }
    return undefined;
  }
  const value = read.value;
  lines?.((path) => fileLine(read.lineOfPath(path)));
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    report(firstLine, `${what}: expected settings written as "name: value" lines`);
    return undefined;
  }

  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    report(fileLine(read.lineOfIssue(issue, pathOfIssue(issue))), `${what}: ${describeIssue(issue)}`);
  }
  return undefined;
}

/** The YAML path an issue points at: its own path, or `params.at` for a rule about several settings. */
function pathOfIssue(issue: ZodIssue): Array<string | number> {
  const at: unknown = issue.code === "custom" ? issue.params?.at : undefined;
  return Array.isArray(at) ? [...issue.path, ...(at as Array<string | number>)] : issue.path;
}

/** A schema issue as an organiser reads it, naming the setting ("sessions", item 3) it is about. Courses word theirs the same way. */
export function describeIssue(issue: ZodIssue): string {
  // A rule about several settings words its whole message itself.
  if (issue.code === "custom" && Array.isArray(issue.params?.at)) return issue.message;
  const where = describePath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return `unknown setting${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${where ? ` in ${where}` : ""}`;
  }
  if (issue.code === "invalid_type" && issue.received === "undefined") return `${where} is missing`;
  if (issue.code === "invalid_type" && issue.received === "null" && where) {
    if (typeof issue.path.at(-1) === "number") return `${where} is empty: write the item after the "- ", or remove that line`;
    if (issue.expected === "array") return `${where} is empty: list its items under it, one "- item" per line`;
    return `${where} is empty: write a value after the colon`;
  }
  if (issue.code === "invalid_type" && issue.expected === "string") {
    return `${where} must be text (put it in "quotes" if it contains ": " or starts with a special character)`;
  }
  if (issue.code === "invalid_type" && issue.expected === "array") return `${where} must be a list, one "- item" per line`;
  return where ? `${where} ${issue.message}` : issue.message;
}

/** A YAML path as an organiser reads it: "options" item 2 rather than options.1. */
function describePath(path: Array<string | number>): string {
  return path
    .map((segment) => (typeof segment === "number" ? `item ${segment + 1}` : `"${segment}"`))
    .join(", ");
}

