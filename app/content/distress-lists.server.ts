import fs from "node:fs";
import path from "node:path";

import { ConfigError, oneLine } from "~/config/env.server";
import { distressWords, type DistressList } from "~/runs/distress";

/**
 * The distress lists in content/distress/ (DISTRESS_DIR): one file per language, named by its tag (en.txt),
 * one word or phrase per line, # for comments. Read and checked at start-up; format in content/README.md.
 */

/** The language every plan falls back to: its file must exist and hold at least one phrase. */
export const FALLBACK_LANGUAGE = "en";
export const MAX_PHRASE_LENGTH = 60;
export const MAX_PHRASE_WORDS = 8;
export const MAX_PHRASES = 300;

const FILE_NAME = /^([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.txt$/i;

/** Checks one list's text; throws a ConfigError naming the file and each problem's line. */
export function parseDistressList(source: string, file: string, language: string): DistressList {
  const problems: string[] = [];
  const phrases: string[] = [];
  const seen = new Map<string, number>();
  source.split(/\r\n?|\n/).forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    const phrase = distressWords(text, language).join(" ");
    if (phrase === "") return void problems.push(`line ${line}: "${oneLine(text)}" has no letters or digits to match`);
    if (text.length > MAX_PHRASE_LENGTH) return void problems.push(`line ${line}: keep each entry to ${MAX_PHRASE_LENGTH} characters`);
    if (phrase.split(" ").length > MAX_PHRASE_WORDS) return void problems.push(`line ${line}: keep each entry to ${MAX_PHRASE_WORDS} words`);
    const earlier = seen.get(phrase);
    if (earlier !== undefined) return void problems.push(`line ${line}: "${oneLine(text)}" matches the same words as line ${earlier}`);
    seen.set(phrase, line);
    phrases.push(phrase);
  });
  if (phrases.length > MAX_PHRASES) problems.push(`keep the list to ${MAX_PHRASES} entries (it has ${phrases.length})`);
  if (problems.length > 0) throw new ConfigError(`${file} has problems:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  return { language, phrases };
}

/** Every language's distress list, read once at start-up; a plan's language picks one. */
export class DistressLists {
  private constructor(private readonly lists: ReadonlyMap<string, DistressList>) {}

  /** Reads and checks every list in `dir`; throws a ConfigError when one has problems or the English one is missing or empty. */
  static load(dir: string): DistressLists {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the folder does not exist" : String(error);
      throw new ConfigError(`${dir}: cannot read the distress lists (${reason}). Set DISTRESS_DIR to their folder.`);
    }
    const lists = new Map<string, DistressList>();
    for (const name of names.sort()) {
      const tag = FILE_NAME.exec(name)?.[1];
      if (!tag) continue;
      const file = path.join(dir, name);
      const list = parseDistressList(fs.readFileSync(file, "utf8"), file, tag);
      // An empty list (comments only) is as good as none: that language uses English's.
      if (list.phrases.length > 0) lists.set(tag.toLowerCase(), list);
    }
    if (!lists.has(FALLBACK_LANGUAGE)) {
      throw new ConfigError(`${path.join(dir, `${FALLBACK_LANGUAGE}.txt`)}: the English distress list is missing or empty; every plan without its own list uses it.`);
    }
    return new DistressLists(lists);
  }

  /** The list for a plan's language: its own (en-GB), else its language's (en), else English. */
  forLanguage(language: string): DistressList {
    const tag = language.toLowerCase();
    return this.lists.get(tag) ?? this.lists.get(tag.split("-")[0]!) ?? this.lists.get(FALLBACK_LANGUAGE)!;
  }
}
