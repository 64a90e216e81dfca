import { describe, expect, it } from "vitest";

import { distressMatcher, distressWords } from "./distress";

const matches = distressMatcher({ language: "en", phrases: ["hopeless", "kill myself", "self harm", "can't go on"] });

describe("the distress check", () => {
  it("finds a listed word or phrase whatever its case, spacing or punctuation", () => {
    expect(matches("I feel HOPELESS.")).toBe(true);
    expect(matches("sometimes i want to\tkill   myself")).toBe(true);
    expect(matches("thinking about self-harm again")).toBe(true);
    expect(matches("I can\u2019t go on like this")).toBe(true);
    expect(matches("“Hopeless”")).toBe(true);
  });

  it("matches whole words only, and phrases only with their words in order", () => {
    expect(matches("hopelessly romantic")).toBe(false);
    expect(matches("myself, I'd kill for a coffee")).toBe(false);
    expect(matches("self-harmony")).toBe(false);
    expect(matches("I can go on")).toBe(false);
    expect(matches("")).toBe(false);
  });

  it("reads text as the answer path does: control characters gone, lines joined by spaces", () => {
    expect(matches("kill\nmyself")).toBe(true);
    expect(matches("hope\u200Bless")).toBe(true);
    expect(distressWords("  Self-Harm,\tAND   can\u2019t ")).toEqual(["self", "harm", "and", "can't"]);
  });

  it("finds nothing with an empty list", () => {
    expect(distressMatcher({ language: "en", phrases: [] })("suicide")).toBe(false);
  });
});
