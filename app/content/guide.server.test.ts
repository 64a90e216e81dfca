import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { ConfigError } from "~/config/env.server";

import { Guides, loadGuide, parseGuide, type GuidePage } from "./guide.server";

const SHIPPED = path.resolve("content/guide");

/** The shipped guide's files, to change one at a time. */
function shippedFiles(): Record<string, string> {
  const names = fs.readdirSync(SHIPPED).filter((name) => name.endsWith(".md"));
  return Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(SHIPPED, name), "utf8")]));
}

/** The message parseGuide throws for these files, or fails the test. */
function problemsOf(files: Record<string, string>): string {
  try {
    parseGuide(files, "guide");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the guide to be refused");
}

const INDEX = "# Guide\n\nRead these.\n\n1. [One](one.md)\n2. [Two](two.md)\n";

describe("the facilitator guide", () => {
  it("ships seven pages in the README's order, each with one title and text short enough to read in five minutes", () => {
    const guide = loadGuide(SHIPPED);
    expect(guide.title).toBe("A guide for peer facilitators");
    expect(guide.pages.map((page) => page.slug)).toEqual([
      "your-role",
      "before-a-session",
      "when-someone-is-distressed",
      "pause-signals",
      "written-answers",
      "safeguarding",
      "afterwards",
    ]);
    for (const page of guide.pages) {
      // The route draws the page's one h1 from its title; the text holds none of its own.
      expect(page.html, page.slug).not.toContain("<h1");
      // About 200 words a minute: five minutes is at most 1,000 words.
      const words = page.html.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length;
      expect(words, page.slug).toBeLessThanOrEqual(1000);
    }
    // Links between pages open the page in the app, and the index's own text keeps its introduction.
    const role = guide.pages.find((page) => page.slug === "your-role")!;
    expect(role.html).toContain('href="/guide/safeguarding"');
    expect(guide.introHtml).toContain("five minutes");
    expect(guide.introHtml).not.toContain("your-role.md");
  });

  it("takes a page's title from its first line and renders its Markdown without raw HTML", () => {
    const guide = parseGuide(
      { "README.md": INDEX, "one.md": "# One\n\nSee [two](two.md#end) and <b>this</b>.", "two.md": "# Two\n\n## Part\n\nBack to [the guide](README.md)." },
      "guide",
    );
    expect(guide.pages.map(({ slug, title }) => ({ slug, title }))).toEqual([
      { slug: "one", title: "One" },
      { slug: "two", title: "Two" },
    ]);
    expect(guide.pages[0]!.html).toContain('<a href="/guide/two#end">two</a>');
    expect(guide.pages[0]!.html).toContain("&lt;b&gt;this&lt;/b&gt;");
    expect(guide.pages[1]!.html).toContain('<a href="/guide">the guide</a>');
    expect(guide.introHtml).toContain("<p>Read these.</p>");
  });

  it("refuses a missing page, an unlisted one, a page without a title, a second title, a mismatched title and a link to nowhere, each with its file and line", () => {
    const message = problemsOf({
      "README.md": `${INDEX}3. [Three](three.md)\n4. [Four](four.md)\n`,
      "one.md": "Just text, no title.",
      "two.md": "# Two\n\nText.\n\n# Another title\n\nSee [this](elsewhere.md).",
      "three.md": "# Not three\n\nText.",
      "stray.md": "# Stray\n\nText.",
    });
    expect(message.split("\n").slice(1)).toEqual([
      "  guide/one.md:1: a page starts with its title, on a first line like # Before a session",
      "  guide/README.md:7: the list calls three.md \"Three\", but its title is \"Not three\": use the same words",
      "  guide/README.md:8: four.md is listed but there is no such file in guide",
      "  guide/stray.md:1: this page is not in README.md's list, so nobody could find it: add it to the list, or remove the file",
      "  guide/two.md:5: a page has one title, its first line: make this a ## heading",
      "  guide/two.md:7: the link to \"elsewhere.md\" leads nowhere in the app: link to a page of the guide (like your-role.md) or a full https:// address",
    ]);
  });

  it("refuses a guide without its README, and a folder that isn't there, naming what to set", () => {
    expect(problemsOf({ "one.md": "# One\n\nText." })).toContain("guide/README.md: the facilitator guide needs this file");
    expect(() => loadGuide(path.join(SHIPPED, "no-such-folder"))).toThrow(/cannot read the facilitator guide \(the folder does not exist\)\. Set GUIDE_DIR/);
  });
});

/** Folders made by a test, taken away after it. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A guide folder on disk: file paths (es/one.md) → text. */
function guideDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-guide-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Loads a guide folder, keeping its warnings. */
function load(dir: string): { guides: Guides; warnings: string[] } {
  const warnings: string[] = [];
  const guides = Guides.load(dir, (message) => warnings.push(message));
  return { guides, warnings };
}

/** What a page's text is built of, whatever its language: its ## headings, list items and links to other pages. */
function shapeOf(page: GuidePage) {
  return {
    headings: page.html.match(/<h2>/g)?.length ?? 0,
    items: page.html.match(/<li>/g)?.length ?? 0,
    links: [...page.html.matchAll(/href="(\/guide[^"]*)"/g)].map((match) => match[1]),
  };
}

const ENGLISH = { "README.md": INDEX, "one.md": "# One\n\nSee [two](two.md).", "two.md": "# Two\n\nText." };
const SPANISH_INDEX = "# Guía\n\nLéelas.\n\n1. [Uno](one.md)\n";

describe("the facilitator guide in other languages", () => {
  it("ships Spanish and German with every English page, in its language, with the same headings, lists and links", () => {
    const { guides, warnings } = load(SHIPPED);
    expect(warnings).toEqual([]);
    expect(guides.languages.sort()).toEqual(["de", "es"]);
    const english = guides.english;
    for (const tag of ["es", "de"]) {
      const guide = guides.forLanguage(tag);
      expect(guide.lang).toBe(tag);
      expect(guide.title).not.toBe(english.title);
      expect(guide.introHtml).not.toContain(".md");
      expect(guide.pages.map((page) => page.slug)).toEqual(english.pages.map((page) => page.slug));
      english.pages.forEach((englishPage, i) => {
        const page = guide.pages[i]!;
        expect(page.lang, `${tag}/${page.slug}`).toBe(tag);
        expect(page.title, `${tag}/${page.slug}`).not.toBe(englishPage.title);
        expect(shapeOf(page), `${tag}/${page.slug}`).toEqual(shapeOf(englishPage));
      });
    }
  });

  it("gives a language's own pages, English for a page it lacks, and English for a language without a folder", () => {
    const dir = guideDir({ ...ENGLISH, "es/README.md": SPANISH_INDEX, "es/one.md": "# Uno\n\nMira [dos](two.md)." });
    const { guides, warnings } = load(dir);
    expect(warnings).toEqual([`${dir}/es: no two.md, which the English guide has: its readers get the English page until it is translated`]);

    const spanish = guides.forLanguage("es-MX");
    expect({ title: spanish.title, lang: spanish.lang }).toEqual({ title: "Guía", lang: "es" });
    expect(spanish.introHtml).toContain("Léelas.");
    expect(spanish.pages.map(({ slug, title, lang }) => ({ slug, title, lang }))).toEqual([
      { slug: "one", title: "Uno", lang: "es" },
      { slug: "two", title: "Two", lang: "en" },
    ]);
    // A link to a page the language lacks still opens it in the app, in English.
    expect(spanish.pages[0]!.html).toContain('<a href="/guide/two">dos</a>');
    expect(guides.page("ES", "two")).toBe(guides.english.pages[1]);
    expect(guides.page("es", "three")).toBeUndefined();

    for (const language of ["fr", "de-AT", "en"]) expect(guides.forLanguage(language), language).toBe(guides.english);
  });

  it("warns of a translated page English doesn't have, a list in another order, and folders that aren't a translation", () => {
    const dir = guideDir({
      ...ENGLISH,
      "de/README.md": "# Leitfaden\n\nLest sie.\n\n1. [Zwei](two.md)\n2. [Eins](one.md)\n3. [Drei](three.md)\n",
      "de/one.md": "# Eins\n\nText.",
      "de/two.md": "# Zwei\n\nText.",
      "de/three.md": "# Drei\n\nText.",
      "en/README.md": "not read",
      "pictures/README.md": "not read",
    });
    const { guides, warnings } = load(dir);
    expect(warnings).toEqual([
      `${dir}/de/three.md: the English guide has no such page, so nobody is shown it: add it to ${dir} too, or remove it`,
      `${dir}/de/README.md: lists its pages in another order than the English guide, whose order is shown: use the same order`,
      `${dir}/en: not read, as the English guide is the files at the top of ${dir}`,
      `${dir}/pictures: not read, as its name is not a language tag: name a translation of the guide by its language, like es or pt-BR`,
    ]);
    expect(guides.languages).toEqual(["de"]);
    expect(guides.forLanguage("de").pages.map((page) => page.title)).toEqual(["Eins", "Zwei"]);
    expect(guides.page("de", "three")).toBeUndefined();
  });

  it("refuses to start with a translated page that has problems, naming its file and line", () => {
    const dir = guideDir({
      ...ENGLISH,
      "es/README.md": `${SPANISH_INDEX}2. [Dos](two.md)\n3. [Tres](three.md)\n`,
      "es/one.md": "Sin título.",
      // three.md is listed by the Spanish guide, but the app has no such page: a link to it would lead nowhere.
      "es/two.md": "# Dos\n\nMira [tres](three.md).",
      "es/three.md": "# Tres\n\nTexto.",
    });
    expect(() => load(dir)).toThrow(ConfigError);
    expect(() => load(dir)).toThrow(`${dir}/es/one.md:1: a page starts with its title`);
    expect(() => load(dir)).toThrow(`${dir}/es/two.md:3: the link to "three.md" leads nowhere in the app`);
  });
});
