import { describe, expect, it } from "vitest";

import { parsePlan } from "./parse-plan.server";
import type { PlanWarning } from "./plan-schema";

const fence = (kind: string, yaml: string) => "```" + kind + "\n" + yaml + "\n```\n";

/** A small plan that keeps every safety rule; each test below breaks one. */
const SAFE_PLAN = `---
id: safe-plan
title: A safe plan
summary: Used by the safety tests.
duration: 30
audience: testers
content-notes:
  - loss and grief
  - money worries
---
# Before we begin

Today touches on **loss and grief**, and money worries.

# Arriving

${fence("slide", "duration: 2")}
${fence("prompt", "id: check-in\ntype: scale\nquestion: How are you arriving today?\nmin: 1\nmax: 5\nmin-label: Heavy\nmax-label: Steady")}
# The hard part

${fence("slide", "duration: 4\nsensitive: true")}
${fence("prompt", "id: what-helps\ntype: open-text\nquestion: What helps you on a hard day?")}
# What you notice

${fence("slide", "duration: 3")}
${fence("prompt", "id: notice\ntype: multiple-choice\nquestion: Where do you notice it?\noptions:\n  - At work\n  - At home\n  - Somewhere else, or not sure")}
# A pause to breathe

${fence("slide", "duration: 2\nkind: grounding")}
# One word

${fence("slide", "duration: 3")}
${fence("prompt", "id: one-word\ntype: word-cloud\nquestion: Strength, to me now, means…")}
# A spoken round

${fence("slide", "duration: 5\nkind: round")}
# Which fits

${fence("slide", "duration: 3")}
${fence("prompt", "id: fits\ntype: single-choice\nquestion: Which fits best?\noptions:\n  - Asking for help\n  - Offering help\n  - none of these")}
# Landing

${fence("slide", "duration: 2\nkind: grounding")}
# Checking out

${fence("slide", "duration: 1")}
${fence("prompt", "id: check-out\ntype: scale\nquestion: How are you leaving?\nmin: 1\nmax: 5\nmin-label: Heavy\nmax-label: Steady\ncompare-with: check-in")}
`;

function warningsOf(source: string): PlanWarning[] {
  const result = parsePlan(source, "plan.md");
  if (!result.ok) throw new Error(`expected a valid plan, got issues: ${JSON.stringify(result.issues, null, 2)}`);
  return result.warnings;
}

/** The 1-based line on which `text` first starts a line of `source`. */
function lineOf(source: string, text: string): number {
  const index = source.split("\n").findIndex((line) => line.startsWith(text));
  if (index < 0) throw new Error(`no line starts with ${text}`);
  return index + 1;
}

/** SAFE_PLAN with one piece of text replaced; the replaced text must be there. */
function breaking(from: string, to: string, source = SAFE_PLAN): string {
  if (!source.includes(from)) throw new Error(`SAFE_PLAN has no ${from}`);
  return source.replace(from, to);
}

describe("safety warnings", () => {
  it("a plan that keeps every rule gets no warning", () => {
    expect(warningsOf(SAFE_PLAN)).toEqual([]);
  });

  it("grounding-after-sensitive: a sensitive slide with no grounding slide in the 4 slides after it, at its heading", () => {
    const pause = "# A pause to breathe\n\n" + fence("slide", "duration: 2\nkind: grounding");
    const withPauseBefore = (heading: string) => breaking(heading, pause + heading, breaking(pause, ""));
    // Before "Landing", the pause is the 5th slide after "The hard part" (and the landing the 6th).
    const source = withPauseBefore("# Landing");
    expect(warningsOf(source)).toEqual([
      {
        rule: "grounding-after-sensitive",
        line: lineOf(source, "# The hard part"),
        message:
          'slide "The hard part" is sensitive but no grounding slide follows within 4 slides: add a pause to breathe (kind: grounding) soon after it, so nobody leaves a hard moment without landing',
      },
    ]);
    // The 4th slide after is still in time.
    expect(warningsOf(withPauseBefore("# Which fits"))).toEqual([]);
  });

  it("landing: none of the last 3 slides is a grounding slide, at the last slide's heading", () => {
    const source = breaking("# Landing\n\n" + fence("slide", "duration: 2\nkind: grounding"), "");
    expect(warningsOf(source)).toEqual([
      { rule: "landing", line: lineOf(source, "# Checking out"), message: expect.stringContaining("the plan ends without a landing: none of its last 3 slides is a grounding slide") },
    ]);
  });

  it("opt-out: a choice question with no option to opt out, at its options line", () => {
    const source = breaking("  - none of these", "  - Neither, I'd rather not");
    expect(warningsOf(source)).toEqual([]);
    const without = breaking("  - none of these", "  - Nonetheless, both");
    const optionsLines = without.split("\n").flatMap((line, i) => (line === "options:" ? [i + 1] : []));
    expect(warningsOf(without)).toEqual([
      {
        rule: "opt-out",
        line: optionsLines[1],
        message: 'the question "Which fits best?" has no option to opt out: add one such as "None of these", "None of the above", "Not sure", so nobody has to pick an answer that isn\'t theirs',
      },
    ]);
    // "Other" must be a word of its own: "Otherwise" opts nobody out.
    const otherwise = breaking("  - Somewhere else, or not sure", "  - Otherwise fine");
    expect(warningsOf(otherwise)).toEqual([expect.objectContaining({ rule: "opt-out", line: optionsLines[0] })]);
  });

  it("slack: planned minutes above the duration less max(5, 10%), at the duration line", () => {
    // The slides plan 25 minutes of 30: exactly the most allowed (30 − 5).
    expect(warningsOf(SAFE_PLAN)).toEqual([]);
    const source = breaking("# Checking out\n\n" + fence("slide", "duration: 1"), "# Checking out\n\n" + fence("slide", "duration: 2"));
    expect(warningsOf(source)).toEqual([
      {
        rule: "slack",
        line: lineOf(source, "duration: 30"),
        message: expect.stringContaining("the slides plan 26 minutes of this 30-minute session, leaving less than 5 minutes free: plan at most 25 minutes"),
      },
    ]);
    // A 90-minute plan may plan 81 minutes (10% is more than 5), not 82.
    const ninety = breaking("duration: 30", "duration: 90", breaking("duration: 5\nkind: round", "duration: 61\nkind: round"));
    expect(warningsOf(ninety)).toEqual([]);
    const over = breaking("duration: 61\nkind: round", "duration: 62\nkind: round", ninety);
    expect(warningsOf(over)).toEqual([expect.objectContaining({ rule: "slack", line: lineOf(over, "duration: 90"), message: expect.stringContaining("plan at most 81 minutes") })]);
  });

  it("content-notes-first: a content note not shown word for word before the first sensitive slide, at the note's line", () => {
    const source = breaking("and money worries.", "and worries about money.");
    expect(warningsOf(source)).toEqual([
      {
        rule: "content-notes-first",
        line: lineOf(source, "  - money worries"),
        message: `content note "money worries" is not shown on any slide before the first sensitive slide ("The hard part", line ${lineOf(source, "# The hard part")}): list it word for word on an early slide, such as "Before we begin", so people know what is coming before it comes`,
      },
    ]);
    // Shown only after the sensitive slide is too late.
    const late = breaking("# Landing\n", "# Landing\n\nWe talked about money worries.\n", source);
    expect(warningsOf(late).map((w) => w.rule)).toEqual(["content-notes-first"]);
  });

  it("disclosure: a written question on a sensitive slide that invites someone's story, at its question line", () => {
    const source = breaking("question: What helps you on a hard day?", "question: Tell us about a time you had to cope alone");
    expect(warningsOf(source)).toEqual([
      {
        rule: "disclosure",
        line: lineOf(source, "question: Tell us about"),
        message: expect.stringContaining('the question "Tell us about a time you had to cope alone" on sensitive slide "The hard part" invites people to tell their story ("tell us")'),
      },
    ]);
    // The same question on a slide that is not sensitive is left to the facilitator's judgement.
    expect(warningsOf(breaking("duration: 4\nsensitive: true", "duration: 4", source)).map((w) => w.rule)).not.toContain("disclosure");
  });

  it("spoken-round: a fifth question in a row without a spoken round between, at that question's slide heading", () => {
    const source = breaking("# A spoken round\n\n" + fence("slide", "duration: 5\nkind: round"), "");
    expect(warningsOf(source)).toEqual([
      {
        rule: "spoken-round",
        line: lineOf(source, "# Which fits"),
        message: `5 questions in a row (from "Arriving", line ${lineOf(source, "# Arriving")}, to this one) without a spoken round between them: add a slide with kind: round before this one, so people in the group talk with each other, not only answer on their phones`,
      },
    ]);
  });

  /** SAFE_PLAN said in `lang`, with its two choice questions' options in that language and its written question as given. */
  function planIn(lang: string, notice: string[], fits: string[], question = "What helps you on a hard day?"): string {
    const options = (list: string[]) => list.map((option) => `  - ${option}`).join("\n");
    let source = breaking("audience: testers", `audience: testers\nlang: ${lang}`);
    source = breaking("  - At work\n  - At home\n  - Somewhere else, or not sure", options(notice), source);
    source = breaking("  - Asking for help\n  - Offering help\n  - none of these", options(fits), source);
    return breaking("question: What helps you on a hard day?", `question: ${question}`, source);
  }

  it.each([
    {
      lang: "es",
      notice: ["En el trabajo", "En casa", "En otra parte, o no estoy segura"],
      fits: ["Pedir ayuda", "Ofrecer ayuda", "Ninguna de estas"],
      without: ["Pedir ayuda", "Ofrecer ayuda", "Otras veces, las dos"],
      suggested: '"Ninguna de estas", "No lo sé", "Prefiero no decirlo"',
      story: "Cuéntanos qué pasó la última vez que te sentiste sola",
      // The first of the list's phrases it holds names the warning.
      phrase: "qué pasó",
    },
    {
      lang: "es-MX",
      notice: ["En el trabajo", "En casa", "No sé"],
      fits: ["Pedir ayuda", "Ofrecer ayuda", "Prefiero no decirlo"],
      without: ["Pedir ayuda", "Ofrecer ayuda", "Nosotros juntos"],
      suggested: '"Ninguna de estas", "No lo sé", "Prefiero no decirlo"',
      story: "¿Recuerdas cuando tuviste que arreglártelas sin nadie?",
      phrase: "recuerdas cuando",
    },
    {
      lang: "de",
      notice: ["Bei der Arbeit", "Zu Hause", "Woanders, oder ich weiß nicht"],
      fits: ["Um Hilfe bitten", "Hilfe anbieten", "Keine davon"],
      without: ["Um Hilfe bitten", "Hilfe anbieten", "Keineswegs beides"],
      suggested: '"Keine davon", "Weiß nicht", "Möchte ich nicht sagen"',
      story: "Beschreibe eine Situation, in der du alles allein schaffen musstest",
      phrase: "beschreibe eine situation",
    },
    {
      lang: "de-CH",
      notice: ["Bei der Arbeit", "Zu Hause", "Weiss nicht"],
      fits: ["Um Hilfe bitten", "Hilfe anbieten", "Sonstiges"],
      without: ["Um Hilfe bitten", "Hilfe anbieten", "Andersrum"],
      suggested: '"Keine davon", "Weiß nicht", "Möchte ich nicht sagen"',
      story: "Wer hat dich verletzt, als du klein warst?",
      phrase: "wer hat dich verletzt",
    },
  ])("a plan in $lang gets the opt-out and disclosure warnings an English one does, from its own language's words", ({ lang, notice, fits, without, suggested, story, phrase }) => {
    // Its own opt-out options and a question about the present: no warning, as for SAFE_PLAN.
    expect(warningsOf(planIn(lang, notice, fits, lang.startsWith("es") ? "¿Qué te ayuda en un día difícil?" : "Was hilft dir an einem schweren Tag?"))).toEqual([]);

    // No option to opt out: the warning, on the options line, suggesting options in the plan's language.
    const noOptOut = planIn(lang, notice, without);
    const optionsLines = noOptOut.split("\n").flatMap((line, i) => (line === "options:" ? [i + 1] : []));
    expect(warningsOf(noOptOut)).toEqual([
      {
        rule: "opt-out",
        line: optionsLines[1],
        message: `the question "Which fits best?" has no option to opt out: add one such as ${suggested}, so nobody has to pick an answer that isn't theirs`,
      },
    ]);

    // A written question on the sensitive slide that asks for someone's story: the warning, on its question line.
    const source = planIn(lang, notice, fits, story);
    expect(warningsOf(source)).toEqual([
      {
        rule: "disclosure",
        line: lineOf(source, "question: " + story.slice(0, 10)),
        message: expect.stringContaining(`the question "${story}" on sensitive slide "The hard part" invites people to tell their story ("${phrase}")`),
      },
    ]);
  });

  it("a Spanish or German plan whose options are only in English still gets the opt-out warning", () => {
    // The lists are the plan's language's: an English "None of these" in a Spanish plan is a slip worth a look.
    const source = breaking("audience: testers", "audience: testers\nlang: es");
    expect(warningsOf(source).map((w) => w.rule)).toEqual(["opt-out", "opt-out"]);
    expect(warningsOf(breaking("lang: es", "language: de", source)).map((w) => w.rule)).toEqual(["opt-out", "opt-out"]);
  });

  it("a plan in another language uses the English lists until it has its own", () => {
    const source = breaking("audience: testers", "audience: testers\nlanguage: fr-CA", breaking("  - none of these", "  - Nonetheless, both"));
    expect(warningsOf(source).map((w) => w.rule)).toEqual(["opt-out"]);
  });
});
