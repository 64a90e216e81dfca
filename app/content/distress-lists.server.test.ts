import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { distressMatcher } from "~/runs/distress";

import { DistressLists, parseDistressList } from "./distress-lists.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-distress-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** A folder holding the given files. */
function folder(files: Record<string, string>): string {
  const at = path.join(dir, `lists-${++count}`);
  fs.mkdirSync(at);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(at, name), text);
  return at;
}

describe("the shipped distress lists", () => {
  it("load, and the English one holds clear signals without everyday words", () => {
    const english = DistressLists.load("content/distress").forLanguage("en");
    expect(english.phrases.length).toBeGreaterThanOrEqual(20);
    expect(english.phrases.length).toBeLessThanOrEqual(40);
    const matches = distressMatcher(english);
    for (const text of ["I thought about suicide", "I want to die", "there's no way out", "I hurt myself", "end it all"]) expect(matches(text)).toBe(true);
    for (const text of ["sad", "tired", "alone", "I asked for help", "it was hard"]) expect(matches(text)).toBe(false);
  });
});

describe("DistressLists", () => {
  it("gives a plan its own language's list, else its language's, else English; an empty file counts as none", () => {
    const lists = DistressLists.load(
      folder({ "en.txt": "# English\nhopeless\n", "fr.txt": "désespéré\n", "de.txt": "# nothing yet\n\n", "README.md": "not a list" }),
    );
    expect(lists.forLanguage("en-GB").phrases).toEqual(["hopeless"]);
    expect(lists.forLanguage("fr-CA").phrases).toEqual(["désespéré"]);
    expect(lists.forLanguage("de")).toMatchObject({ language: "en", phrases: ["hopeless"] });
    expect(lists.forLanguage("pt-BR").language).toBe("en");
  });

  it("refuses to start without an English list, or with an empty one", () => {
    expect(() => DistressLists.load(folder({ "fr.txt": "désespéré\n" }))).toThrow(/en\.txt: the English distress list is missing or empty/);
    expect(() => DistressLists.load(folder({ "en.txt": "# only comments\n" }))).toThrow(/missing or empty/);
    expect(() => DistressLists.load(path.join(dir, "nowhere"))).toThrow(/the folder does not exist.*DISTRESS_DIR/);
  });

  it("names the file and line of each entry it cannot use", () => {
    const source = ["hopeless", "!!!", "self-harm", "self harm", "x".repeat(61)].join("\n");
    let message = "";
    try {
      parseDistressList(source, "en.txt", "en");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "en.txt has problems:",
      '  line 2: "!!!" has no letters or digits to match',
      '  line 4: "self harm" matches the same words as line 3',
      "  line 5: keep each entry to 60 characters",
    ]);
  });
});
