import fs from "node:fs";
import path from "node:path";

import type Token from "markdown-it/lib/token.mjs";

import { ConfigError } from "~/config/env.server";

import { createMarkdown } from "./parse-plan.server";

/**
 * The facilitator guide: short Markdown pages in content/guide (GUIDE_DIR),
 * in the order its README.md lists them, read and checked once at start-up.
 * Who reads it: anyone, signed in or not. It holds nothing private, and a
 * volunteer may want it before they have an account.
 *
 * README.md: a `# title` line, a few lines of introduction, and a numbered
 * list of links, one per page: `1. [The page's title](page-name.md)`.
 * Each page: a first line `# Its title` (the page's only level-1 heading),
 * then its text. A link to another page (`other-page.md`) opens that page in
 * the app. Every .md file in the folder is in the list, and every listed file exists.
 *
 * Translations: a folder per language inside it, named by its tag (content/guide/es, content/guide/de),
 * holding the same files in that language, checked the same way. English's README decides which pages
 * there are and their order; a language without a folder, or a page its folder lacks, reads the English one.
 */

export interface GuidePage {
  /** The file name without .md: the page's address, /guide/<slug>. */
  slug: string;
  title: string;
  /** The page's text after its title, as safe HTML (raw HTML and images are off, as in plans). */
  html: string;
  /** The language its title and text are in: a translated guide's missing page is English's (a route can mark it with lang). */
  lang: string;
}

export interface Guide {
  title: string;
  /** The README's text between its title and its list, as safe HTML. */
  introHtml: string;
  /** In the README's order. */
  pages: GuidePage[];
  /** The language of its title and introduction. */
  lang: string;
}

export const GUIDE_INDEX = "README.md";
/** The guide's own language: the files at the top of GUIDE_DIR. */
export const GUIDE_LANGUAGE = "en";
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LIST_ITEM = /^\d+\.\s+\[([^\]]+)\]\(([^)\s]+)\)\s*$/;
const MAX_TITLE = 120;

const markdown = createMarkdown();

interface Problem {
  file: string;
  line: number;
  message: string;
}

interface GuideOptions {
  /** The language of the files (English unless said). */
  lang?: string;
  /** The pages a link may lead to: a translation links to the pages the app has, English's, whether or not it has translated them. */
  linkable?: ReadonlySet<string>;
}

/** Reads and checks the guide in `dir`; throws a ConfigError listing every problem with its file and line. */
export function loadGuide(dir: string, options: GuideOptions = {}): Guide {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".md"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the folder does not exist" : String(error);
    throw new ConfigError(`${dir}: cannot read the facilitator guide (${reason}). Set GUIDE_DIR to its folder.`);
  }
  const files = Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
  return parseGuide(files, dir, options);
}

/** Checks the guide's files (file name → text); `dir` names them in errors. */
export function parseGuide(files: Record<string, string>, dir: string, options: GuideOptions = {}): Guide {
  const lang = options.lang ?? GUIDE_LANGUAGE;
  const problems: Problem[] = [];
  const where = (file: string) => path.join(dir, file);
  const report = (file: string, line: number, message: string) => problems.push({ file: where(file), line, message });

  const index = files[GUIDE_INDEX];
  if (index === undefined) {
    throw new ConfigError(`${where(GUIDE_INDEX)}: the facilitator guide needs this file: a # title, a few lines of introduction, and a numbered list of its pages, like 1. [Your role](your-role.md)`);
  }

  // The index: its title, its list of pages, and the rest as the introduction.
  const indexLines = index.split(/\r\n?|\n/);
  const listed: Array<{ slug: string; title: string; line: number }> = [];
  const introLines: string[] = [];
  let title = "";
  indexLines.forEach((text, i) => {
    const line = i + 1;
    const heading = /^#\s+(.*)$/.exec(text);
    const item = LIST_ITEM.exec(text.trim());
    // The title and the list are drawn by the page itself; blank lines in their place keep the introduction's line numbers.
    introLines.push(heading || item ? "" : text);
    if (heading && !title) title = heading[1]!.trim();
    else if (heading) report(GUIDE_INDEX, line, "the guide has one title: make this a ## heading, or take it out");
    else if (item) {
      const [, itemTitle, href] = item as unknown as [string, string, string];
      const slug = href.replace(/\.md$/, "");
      if (!href.endsWith(".md") || !SLUG.test(slug)) {
        report(GUIDE_INDEX, line, `"${href}" is not a page of the guide: link to a file in this folder, like your-role.md (lower-case letters, digits and hyphens)`);
      } else if (listed.some((entry) => entry.slug === slug)) {
        report(GUIDE_INDEX, line, `${href} is listed twice`);
      } else {
        listed.push({ slug, title: itemTitle.trim(), line });
      }
    } else if (/^\s*\d+\.\s/.test(text)) {
      report(GUIDE_INDEX, line, "every item of the list is a link to one page, like 1. [Your role](your-role.md)");
    }
  });
  if (!title) report(GUIDE_INDEX, 1, "the guide needs a title: a first line like # A guide for facilitators");
  if (title.length > MAX_TITLE) report(GUIDE_INDEX, 1, `the title must be at most ${MAX_TITLE} characters`);
  if (listed.length === 0) report(GUIDE_INDEX, 1, "the guide lists no pages: add a numbered list of links, like 1. [Your role](your-role.md)");

  for (const name of Object.keys(files).sort()) {
    if (name !== GUIDE_INDEX && !listed.some((entry) => `${entry.slug}.md` === name)) {
      report(name, 1, `this page is not in ${GUIDE_INDEX}'s list, so nobody could find it: add it to the list, or remove the file`);
    }
  }

  const slugs = options.linkable ?? new Set(listed.map((entry) => entry.slug));
  const pages: GuidePage[] = [];
  for (const entry of listed) {
    const file = `${entry.slug}.md`;
    const source = files[file];
    if (source === undefined) {
      report(GUIDE_INDEX, entry.line, `${file} is listed but there is no such file in ${dir}`);
      continue;
    }
    const page = parsePage(source, entry.slug, lang, slugs, (line, message) => report(file, line, message));
    if (!page) continue;
    if (page.title !== entry.title) {
      report(GUIDE_INDEX, entry.line, `the list calls ${file} "${entry.title}", but its title is "${page.title}": use the same words`);
    }
    pages.push(page);
  }

  const intro = renderLinked(introLines.join("\n"), slugs, (line, message) => report(GUIDE_INDEX, line, message));

  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    throw new ConfigError(`The facilitator guide has problems:\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join("\n")}`);
  }
  return { title, introHtml: intro, pages, lang };
}

/**
 * The guide in every language it has, read and checked once at start-up: English from GUIDE_DIR, and each
 * translation from GUIDE_DIR/<tag>/. A translated folder with problems stops start-up like English; one that
 * lacks a page English has, or has one English doesn't, starts with a warning.
 */
export class Guides {
  private constructor(
    /** The guide at the top of GUIDE_DIR, which every language falls back to. */
    readonly english: Guide,
    private readonly translated: ReadonlyMap<string, Guide>,
  ) {}

  /** Reads `dir` and its language folders; `warn` hears what a translation lacks or has too much of. */
  static load(dir: string, warn: (message: string) => void): Guides {
    const english = loadGuide(dir);
    const slugs = english.pages.map((page) => page.slug);
    const linkable = new Set(slugs);
    const translated = new Map<string, Guide>();
    const folders = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of folders) {
      const folder = path.join(dir, name);
      if (!LANGUAGE_TAG.test(name)) {
        warn(`${folder}: not read, as its name is not a language tag: name a translation of the guide by its language, like es or pt-BR`);
        continue;
      }
      const tag = name.toLowerCase();
      if (tag === GUIDE_LANGUAGE) {
        warn(`${folder}: not read, as the English guide is the files at the top of ${dir}`);
        continue;
      }
      const guide = loadGuide(folder, { lang: name, linkable });
      const own = guide.pages.map((page) => page.slug);
      const missing = slugs.filter((slug) => !own.includes(slug));
      if (missing.length > 0) {
        warn(`${folder}: no ${missing.map((slug) => `${slug}.md`).join(", ")}, which the English guide has: its readers get the English page until it is translated`);
      }
      for (const slug of own.filter((slug) => !linkable.has(slug))) {
        warn(`${path.join(folder, `${slug}.md`)}: the English guide has no such page, so nobody is shown it: add it to ${dir} too, or remove it`);
      }
      const shared = own.filter((slug) => linkable.has(slug));
      if (shared.join() !== slugs.filter((slug) => shared.includes(slug)).join()) {
        warn(`${path.join(folder, GUIDE_INDEX)}: lists its pages in another order than the English guide, whose order is shown: use the same order`);
      }
      translated.set(tag, guide);
    }
    return new Guides(english, translated);
  }

  /** The languages with a translated folder, by tag. */
  get languages(): string[] {
    return [...this.translated.keys()];
  }

  /**
   * The guide for a reader of `language` (a tag like "es" or "es-MX"): its own folder's, else its primary
   * language's, else English. English's pages in English's order, each in the language when translated.
   */
  forLanguage(language: string): Guide {
    const tag = language.toLowerCase();
    const guide = this.translated.get(tag) ?? this.translated.get(tag.split("-")[0]!);
    if (!guide) return this.english;
    return {
      title: guide.title,
      introHtml: guide.introHtml,
      lang: guide.lang,
      pages: this.english.pages.map((page) => guide.pages.find((own) => own.slug === page.slug) ?? page),
    };
  }

  /** One page for a reader of `language`, as in `forLanguage`; undefined when the guide has no such page. */
  page(language: string, slug: string): GuidePage | undefined {
    return this.forLanguage(language).pages.find((page) => page.slug === slug);
  }
}

/** One page: its first line is its title, and it has no other level-1 heading. */
function parsePage(
  source: string,
  slug: string,
  lang: string,
  slugs: ReadonlySet<string>,
  report: (line: number, message: string) => void,
): GuidePage | undefined {
  const lines = source.split(/\r\n?|\n/);
  const heading = /^#\s+(.*\S)\s*$/.exec(lines[0] ?? "");
  if (!heading) {
    report(1, "a page starts with its title, on a first line like # Before a session");
    return undefined;
  }
  const title = heading[1]!;
  if (title.length > MAX_TITLE) report(1, `a page's title must be at most ${MAX_TITLE} characters`);
  const rest = lines.slice(1).join("\n");
  if (rest.trim() === "") report(1, "this page has a title but no text");
  // The rest starts on line 2.
  const html = renderLinked(rest, slugs, (line, message) => report(line + 1, message), (line) => {
    report(line + 1, "a page has one title, its first line: make this a ## heading");
  });
  return { slug, title, html, lang };
}

/**
 * Renders Markdown with links between pages made into the app's addresses:
 * other-page.md → /guide/other-page, README.md → /guide. A link to a page that
 * isn't in the guide, or to another file, is reported: in the app it would lead nowhere.
 */
function renderLinked(
  source: string,
  slugs: ReadonlySet<string>,
  report: (line: number, message: string) => void,
  onTitle?: (line: number) => void,
): string {
  const tokens = markdown.parse(source, {});
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    if (token.type === "heading_open" && token.tag === "h1") {
      if (onTitle) onTitle(line);
      else report(line, "the guide has one title: make this a ## heading");
    }
    for (const child of token.children ?? []) rewriteLink(child, line, slugs, report);
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}

function rewriteLink(token: Token, line: number, slugs: ReadonlySet<string>, report: (line: number, message: string) => void) {
  if (token.type !== "link_open") return;
  const href = token.attrGet("href") ?? "";
  if (/^(?:https?:|mailto:|tel:|\/|#)/i.test(href)) return;
  const [file = "", anchor] = href.split("#", 2);
  const hash = anchor ? `#${anchor}` : "";
  if (file === GUIDE_INDEX) token.attrSet("href", `/guide${hash}`);
  else if (file.endsWith(".md") && slugs.has(file.slice(0, -3))) token.attrSet("href", `/guide/${file.slice(0, -3)}${hash}`);
  else report(line, `the link to "${href}" leads nowhere in the app: link to a page of the guide (like your-role.md) or a full https:// address`);
}
