import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ConfigError } from "~/config/env.server";

import { loadGuide, parseGuide } from "./guide.server";

const SHIPPED = path.resolve("content/guide");

/** The shipped guide's files, to change one at a time. */
function shippedFiles(): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(SHIPPED).map((name) => [name, fs.readFileSync(path.join(SHIPPED, name), "utf8")]));
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
