import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { distressMatcher } from "~/runs/distress";

import { DistressLists, parseDistressList } from "./distress-lists.server";
import { parsePlan } from "./parse-plan.server";

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

/** The language of a small valid plan whose front matter says lang: `lang`, as the plan parser reads it. */
function languageOfPlan(lang: string): string {
  const source = `---\nid: lang-plan\ntitle: Un plan\nsummary: Para la prueba.\nduration: 30\naudience: testers\nlang: ${lang}\n---\n# Hola\n\nBienvenidos.\n`;
  const result = parsePlan(source, "plan.md");
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan.language;
}

describe("the shipped Spanish and German distress lists", () => {
  const lists = DistressLists.load("content/distress");

  it("a plan in Spanish, from any Spanish-speaking region, checks answers against the Spanish list", () => {
    for (const lang of ["es", "es-MX", "es-AR"]) {
      const list = lists.forLanguage(languageOfPlan(lang));
      expect(list.language).toBe("es");
      const matches = distressMatcher(list);
      // As people type them on a phone: with or without accents, any case, with punctuation.
      for (const text of ["Ya no puedo más.", "ya no puedo mas", "A veces pienso en quitarme la vida", "No veo salida", "me hago daño cuando estoy así", "SIN ESPERANZA"]) {
        expect(matches(text), text).toBe(true);
      }
      for (const text of ["Estoy cansada", "Me siento sola a veces", "Pedir ayuda me cuesta", "Hoy fue un día difícil", "Me corto el pelo mañana", "Me siento segura en casa"]) {
        expect(matches(text), text).toBe(false);
      }
      // The English list is not used for a Spanish plan.
      expect(matches("I want to die")).toBe(false);
    }
  });

  it("a plan in German, from Germany, Austria or Switzerland, checks answers against the German list", () => {
    for (const lang of ["de", "de-AT", "de-CH"]) {
      const list = lists.forLanguage(languageOfPlan(lang));
      expect(list.language).toBe("de");
      const matches = distressMatcher(list);
      for (const text of ["Ich halte das nicht mehr aus!", "Manchmal will ich nicht mehr leben", "Alles fühlt sich hoffnungslos an.", "Ich sehe keinen Ausweg", "Ich möchte einfach nicht mehr aufwachen", "Das halte ich nicht mehr aus", "dass ich manchmal sterben will"]) {
        expect(matches(text), text).toBe(true);
      }
      for (const text of ["Ich bin müde", "Ich fühle mich allein", "Um Hilfe bitten fällt mir schwer", "Es war ein harter Tag", "Ich bin zu Hause sicher"]) {
        expect(matches(text), text).toBe(false);
      }
      expect(matches("I want to die")).toBe(false);
    }
  });

  it("each keeps to clear signals: a short list, not every hard word", () => {
    for (const language of ["es", "de"]) {
      const count = lists.forLanguage(language).phrases.length;
      expect(count).toBeGreaterThanOrEqual(20);
      expect(count).toBeLessThanOrEqual(80);
    }
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
