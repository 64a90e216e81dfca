import type { DisplayMeasure } from "~/prompts/module";
import { logicOf } from "~/prompts/registry";
import type { Strings } from "~/strings";
import { en } from "~/strings/en";

import type { Prompt, Slide } from "./plan-schema";

/**
 * Whether a slide can show on the audience display, all of it, at a size the back of a room can read.
 *
 * The display (app/routes/display.$code.tsx, the `.display` rules of app/styles/app.css) sizes type from
 * the screen and shrinks it when a slide has more than fits, but never below DISPLAY_MIN_TEXT of the
 * screen's height. This is the same layout worked out on paper, at that minimum, on the smallest screen
 * Beside supports, for every phase a slide goes through (its question open, its results shown, an answer
 * read aloud). It counts generously (wide letters, every line wrapped early), so a slide it passes fits;
 * results whose size only the room decides (how many words, how many approved answers) are counted at a
 * small share of them. See docs/decisions/026-display-fit.md.
 */

/** The smallest screen the display lays a slide out for: an old 4:3 projector. */
export const SMALLEST_DISPLAY = { width: 1024, height: 768 } as const;

/** The smallest text on the display, as a share of the screen's height: a fortieth (the stylesheet's `--min-text`). */
export const DISPLAY_MIN_TEXT = 0.025;

const TEXT = SMALLEST_DISPLAY.height * DISPLAY_MIN_TEXT;
const LINE = TEXT * 1.35;
/** An average letter, generously: system fonts set English at about half an em. */
const LETTER = TEXT * 0.55;
/** The 16:9 canvas inside the screen (the stylesheet's `--canvas`). */
const CANVAS = Math.min(SMALLEST_DISPLAY.height, (SMALLEST_DISPLAY.width * 9) / 16);
const WIDTH = SMALLEST_DISPLAY.width - 2 * 0.07 * CANVAS;
/** The thin join line along the bottom: its QR code and padding. */
const JOIN_LINE = 0.11 * CANVAS + 0.016 * CANVAS + 0.03 * CANVAS + 2;
const HEIGHT = SMALLEST_DISPLAY.height - 0.045 * CANVAS - 0.02 * CANVAS - JOIN_LINE;

/** Lines a text takes in a column `width` pixels wide, at `scale` times the minimum text. */
function linesOf(text: string, width: number, scale = 1): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const perLine = Math.max(1, Math.floor(width / (LETTER * scale)));
  // Word by word, as a browser wraps: a long word starts a new line.
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const length = word.length;
    if (used > 0 && used + 1 + length > perLine) {
      lines += 1;
      used = 0;
    }
    if (length > perLine) {
      lines += Math.floor((used + length) / perLine);
      used = (used + length) % perLine;
    } else used += (used > 0 ? 1 : 0) + length;
  }
  return lines;
}

/** The height of a text at `scale` times the minimum, with its line height. */
function textHeight(text: string, width: number, scale = 1, lineHeight = 1.35): number {
  return linesOf(text, width, scale) * TEXT * scale * lineHeight;
}

/** The slide's Markdown blocks as text: paragraphs, list items, headings (bigger), each with its indent. */
function blocksOf(html: string): Array<{ text: string; scale: number; indent: number }> {
  const blocks: Array<{ text: string; scale: number; indent: number }> = [];
  const pattern = /<(p|li|h[1-6]|pre|blockquote|td|th)\b[^>]*>([\s\S]*?)<\/\1>/g;
  // A loose list's item holds its text in a paragraph: count it as the item.
  const tight = html.replace(/<li>\s*<p>/g, "<li>").replace(/<\/p>\s*<\/li>/g, "</li>");
  for (const match of tight.matchAll(pattern)) {
    const tag = match[1]!;
    const inner = match[2]!;
    const text = decode(inner.replace(/<[^>]+>/g, ""));
    const scale = tag.startsWith("h") ? 1.5 : 1;
    const indent = tag === "li" || tag === "blockquote" ? 2.5 * TEXT : 0;
    if (tag === "pre") for (const line of text.split("\n")) blocks.push({ text: line || " ", scale: 0.9, indent: 0 });
    else blocks.push({ text, scale, indent });
  }
  return blocks;
}

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, "x");
}

function bodyHeight(html: string, width: number): number {
  return blocksOf(html).reduce((sum, block) => sum + textHeight(block.text, width - block.indent, block.scale) + 0.4 * TEXT * block.scale, 0);
}

/** Items in a grid of columns at least `minColumn` wide: the sum of each row's tallest. */
function gridHeight(items: string[], minColumn: number, gap: number, inner: (text: string, width: number) => number): number {
  const columns = Math.max(1, Math.min(items.length, Math.floor((WIDTH + gap) / (minColumn + gap))));
  const width = (WIDTH - (columns - 1) * gap) / columns;
  let height = 0;
  for (let row = 0; row < items.length; row += columns) {
    height += Math.max(...items.slice(row, row + columns).map((item) => inner(item, width))) + gap;
  }
  return height;
}

/** The measures a prompt type works out its own height with (its displayHeight, app/prompts/module.ts). */
const measure = (strings: Strings): DisplayMeasure => ({ text: TEXT, line: LINE, width: WIDTH, canvas: CANVAS, textHeight, gridHeight, strings });

const hint = (t: Strings) => Math.max(textHeight(t.display.answerHidden, WIDTH), textHeight(t.display.answerShown, WIDTH));
const withheld = (t: Strings) => textHeight(t.room.results.withheld(10), WIDTH) + 0.8 * TEXT;

/** The prompt's question, and the tallest of what shows under it in any phase. */
function promptHeight(prompt: Prompt, bodyHtml: string, t: Strings): { asking: number; results: number } {
  const question = textHeight(prompt.question, WIDTH, 1.15, 1.25) + 0.8 * TEXT;
  const { choices, results } = logicOf(prompt.type).displayHeight(prompt, measure(t));
  const asking = bodyHeight(bodyHtml, WIDTH) + question + choices + hint(t);
  return { asking, results: question + hint(t) + Math.max(results, withheld(t)) };
}

/** How tall the slide is at the minimum text size on the smallest screen, in its tallest phase, with the room's words in `t`. */
export function slideHeight(slide: Slide, t: Strings = en): number {
  // The title shares its row with a countdown, when one runs.
  const title = textHeight(slide.title, WIDTH - 5 * TEXT, 1.6, 1.2) + 0.5 * TEXT;
  const note = slide.sensitive ? LINE + textHeight(slide.sensitive, WIDTH - 1.5 * TEXT) + 1.6 * TEXT : 0;
  let content: number;
  if (slide.prompt) {
    const { asking, results } = promptHeight(slide.prompt, slide.bodyHtml, t);
    content = Math.max(asking, results);
  } else if (slide.kind === "grounding") {
    const circle = 0.4 * CANVAS;
    const guide = circle + textHeight(t.room.breathing.inhale, circle, 1.2) + textHeight(t.room.breathing.note, WIDTH) + TEXT;
    // The words beside the circle when there is room for 12 ems of them; under it when not.
    const beside = WIDTH - circle - 1.5 * TEXT;
    content = beside >= 12 * TEXT ? Math.max(bodyHeight(slide.bodyHtml, beside), guide) : bodyHeight(slide.bodyHtml, WIDTH) + guide;
  } else {
    content = bodyHeight(slide.bodyHtml, WIDTH);
    if (slide.kind === "round") content += textHeight(t.room.round, WIDTH) + 0.5 * TEXT;
    if (slide.kind === "agreement" && slide.agreements) {
      content += gridHeight(slide.agreements, 13 * TEXT, 0.8 * TEXT, (text, width) => textHeight(text, width - 1.4 * TEXT - 6, 1, 1.25) + 0.7 * TEXT + 2);
      content += LINE + 0.5 * TEXT;
    }
  }
  return title + note + content;
}

/** How many lines of the minimum text the smallest screen has room for, under the title and above the join line. */
export const DISPLAY_LINES = Math.floor(HEIGHT / LINE);

/** Why a slide cannot show in full on the smallest screen at the minimum text size, or undefined when it can. */
export function slideOverflow(slide: Slide, t: Strings = en): string | undefined {
  const height = slideHeight(slide, t);
  if (height <= HEIGHT) return undefined;
  const what = slide.prompt ? "with its question and results" : slide.kind === "agreement" ? "with its agreements" : "";
  return (
    `slide "${slide.title}" has more than the display can show at a size the room can read: ` +
    `${what ? `${what}, ` : ""}it needs about ${Math.ceil(height / LINE)} lines on a ${SMALLEST_DISPLAY.width}×${SMALLEST_DISPLAY.height} screen, ` +
    `where ${DISPLAY_LINES} fit. Shorten its text, or split it over two slides`
  );
}
