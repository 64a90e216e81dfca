import { logicOf } from "~/prompts/registry";

import type { Plan, PlanWarning, Slide } from "./plan-schema";

/**
 * The plan check's safety warnings: what a trauma-informed reviewer would
 * otherwise have to find by hand. A warning never stops a run (errors do);
 * each names its rule and the line to look at. The rules are documented, with
 * why each exists, in content/README.md ("Safety warnings").
 */

/** Slides after a sensitive slide within which a grounding slide must come. */
export const GROUNDING_WITHIN_SLIDES = 4;
/** How many of the last slides must include a grounding slide (the landing). */
export const LANDING_WITHIN_LAST_SLIDES = 3;
/** Questions in a row that may come without a spoken round between them. */
export const MAX_PROMPTS_WITHOUT_ROUND = 4;
/** The least slack a plan leaves, in minutes, and as a share of its duration (the larger wins). */
export const MIN_SLACK_MINUTES = 5;
export const MIN_SLACK_SHARE = 0.1;

/**
 * Word lists, by the plan's `lang` (its full tag, then its main language, then English).
 * Phrases are compared in lower case, with curly apostrophes read as straight ones; accents, umlauts and ß
 * count, so a word written both ways in plans (Swiss German's ss) is listed both ways.
 */
type WordLists = Readonly<Record<string, readonly string[]>>;

/** How an option that lets someone opt out of a choice question starts. */
export const OPT_OUT_OPTION_STARTS: WordLists = {
  en: [
    "None of these",
    "None of the above",
    "Not sure",
    "Something else",
    "Somewhere else",
    "Other",
    "Prefer not to say",
    "I don't know",
    "It depends",
    "Neither",
    "I'd rather not say",
  ],
  es: [
    "Ninguna de estas",
    "No lo sé",
    "Prefiero no decirlo",
    "Ninguna",
    "Ninguno",
    "Ningún",
    "Nada de esto",
    "No sé",
    "No estoy seguro",
    "No estoy segura",
    "Otra",
    "Otro",
    "Algo distinto",
    "Algo diferente",
    "En otro lugar",
    "En otra parte",
    "Prefiero no responder",
    "Prefiero no contestar",
    "Depende",
    "Ni una ni otra",
    "Ni uno ni otro",
  ],
  de: [
    "Keine davon",
    "Weiß nicht",
    "Möchte ich nicht sagen",
    "Keins davon",
    "Keines davon",
    "Keine der",
    "Keine dieser",
    "Nichts davon",
    "Weder noch",
    "Weiss nicht",
    "Ich weiß nicht",
    "Ich weiss nicht",
    "Ich weiß es nicht",
    "Ich weiss es nicht",
    "Nicht sicher",
    "Ich bin mir nicht sicher",
    "Bin mir nicht sicher",
    "Etwas anderes",
    "Anderes",
    "Sonstiges",
    "Woanders",
    "Anderswo",
    "Ich möchte nicht antworten",
    "Lieber nicht sagen",
    "Sage ich lieber nicht",
    "Keine Angabe",
    "Kommt darauf an",
    "Kommt drauf an",
    "Es kommt darauf an",
  ],
};

/** Words in a question that invite someone to tell their story (on a sensitive slide, a written answer). */
export const DISCLOSURE_PHRASES: WordLists = {
  en: [
    "what happened",
    "tell us",
    "tell me",
    "describe a time",
    "a time when",
    "your story",
    "when did",
    "remember a time",
    "share a memory",
    "who hurt",
    "what was it like when",
    "what did they",
  ],
  es: [
    "qué pasó",
    "qué te pasó",
    "qué le pasó",
    "qué ocurrió",
    "qué sucedió",
    "cuéntanos",
    "cuéntame",
    "cuéntenos",
    "cuénteme",
    "describe una vez",
    "describe un momento",
    "describa un momento",
    "una vez en que",
    "una vez en la que",
    "un momento en que",
    "un momento en el que",
    "una ocasión en que",
    "una ocasión en la que",
    "tu historia",
    "su historia",
    "cuándo fue",
    "recuerda una vez",
    "recuerda un momento",
    "recuerdas cuando",
    "recuerda cuando",
    "comparte un recuerdo",
    "comparta un recuerdo",
    "quién te hizo daño",
    "quién le hizo daño",
    "quién te lastimó",
    "cómo fue cuando",
    "qué te hicieron",
    "qué le hicieron",
  ],
  de: [
    "was ist passiert",
    "was passiert ist",
    "was ist geschehen",
    "was geschehen ist",
    "erzähl uns",
    "erzähle uns",
    "erzählt uns",
    "erzählen sie uns",
    "erzähl mir",
    "erzähle mir",
    "erzählen sie mir",
    "beschreib eine situation",
    "beschreibe eine situation",
    "beschreiben sie eine situation",
    "eine situation, in der",
    "eine situation in der",
    "einen moment, in dem",
    "eine zeit, in der",
    "deine geschichte",
    "ihre geschichte",
    "eure geschichte",
    "wann hast du",
    "wann haben sie",
    "erinnere dich an eine",
    "erinnern sie sich an eine",
    "erinnerst du dich an",
    "teile eine erinnerung",
    "teilen sie eine erinnerung",
    "wer hat dich verletzt",
    "wer hat sie verletzt",
    "wer hat dir wehgetan",
    "wer hat ihnen wehgetan",
    "wie war es, als",
    "wie war es als",
    "was haben sie dir",
    "was hat er dir",
    "was hat sie dir",
  ],
};

export const SAFETY_RULES = [
  "grounding-after-sensitive",
  "landing",
  "opt-out",
  "slack",
  "content-notes-first",
  "disclosure",
  "spoken-round",
] as const;
export type SafetyRule = (typeof SAFETY_RULES)[number];

/** Lines in the plan file that point closer than a slide's heading. */
export interface PlanPlaces {
  /** The front matter's `duration:` line. */
  duration?: number;
  /** The line of each content note, in order. */
  contentNotes: number[];
  /** By slide index: the prompt block's `question:` and `options:` lines. */
  prompts: Map<number, { question?: number; options?: number }>;
}

/** The plan's safety warnings, in line order. */
export function safetyWarnings(plan: Plan, places: PlanPlaces): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const warn = (rule: SafetyRule, line: number, message: string) => warnings.push({ rule, line, message });
  const { slides } = plan;
  const promptPlace = (slide: Slide) => places.prompts.get(slide.index) ?? {};

  // 1. grounding-after-sensitive
  for (const slide of slides) {
    if (!slide.sensitive) continue;
    const after = slides.slice(slide.index + 1, slide.index + 1 + GROUNDING_WITHIN_SLIDES);
    if (after.some((next) => next.kind === "grounding")) continue;
    warn(
      "grounding-after-sensitive",
      slide.line,
      `slide "${slide.title}" is sensitive but no grounding slide follows within ${GROUNDING_WITHIN_SLIDES} slides: add a pause to breathe (kind: grounding) soon after it, so nobody leaves a hard moment without landing`,
    );
  }

  // 2. landing
  const last = slides.slice(-LANDING_WITHIN_LAST_SLIDES);
  if (last.length > 0 && !last.some((slide) => slide.kind === "grounding")) {
    const end = slides.at(-1)!;
    warn(
      "landing",
      end.line,
      `the plan ends without a landing: none of its last ${LANDING_WITHIN_LAST_SLIDES} slides is a grounding slide (kind: grounding). Add a short calm close near the end (the closing words and the check-out may follow it), so people don't go straight from heavy material back to their day`,
    );
  }

  // 3. opt-out
  const optOuts = wordsFor(OPT_OUT_OPTION_STARTS, plan.language);
  for (const slide of slides) {
    const prompt = slide.prompt;
    if (prompt?.type !== "single-choice" && prompt?.type !== "multiple-choice") continue;
    if (prompt.options.some((option) => optOuts.some((start) => startsWithWords(option, start)))) continue;
    warn(
      "opt-out",
      promptPlace(slide).options ?? slide.line,
      `the question "${prompt.question}" has no option to opt out: add one such as "${optOuts.slice(0, 3).join('", "')}", so nobody has to pick an answer that isn't theirs`,
    );
  }

  // 4. slack
  const planned = slides.reduce((sum, slide) => sum + (slide.durationMinutes ?? 0), 0);
  const slack = Math.max(MIN_SLACK_MINUTES, plan.durationMinutes * MIN_SLACK_SHARE);
  const allowed = plan.durationMinutes - slack;
  if (planned > allowed) {
    warn(
      "slack",
      places.duration ?? 1,
      `the slides plan ${minutes(planned)} minutes of this ${minutes(plan.durationMinutes)}-minute session, leaving less than ${minutes(slack)} minutes free: plan at most ${minutes(allowed)} minutes (shorten or drop a slide, or lengthen the session), so there is room to stay with a hard moment, take a break or start late without rushing anyone`,
    );
  }

  // 5. content-notes-first
  const firstSensitive = slides.find((slide) => slide.sensitive);
  const before = firstSensitive ? slides.slice(0, firstSensitive.index) : slides;
  const shownText = before.map(visibleText);
  plan.contentNotes.forEach((note, i) => {
    const wanted = normalise(note);
    if (shownText.some((text) => text.includes(wanted))) return;
    const where = firstSensitive ? `any slide before the first sensitive slide ("${firstSensitive.title}", line ${firstSensitive.line})` : "any slide";
    warn(
      "content-notes-first",
      places.contentNotes[i] ?? 1,
      `content note "${note}" is not shown on ${where}: list it word for word on an early slide, such as "Before we begin", so people know what is coming before it comes`,
    );
  });

  // 6. disclosure
  const invitations = wordsFor(DISCLOSURE_PHRASES, plan.language);
  for (const slide of slides) {
    const prompt = slide.prompt;
    // A question the room answers in its own words (open text, a word cloud): the type's module says so.
    if (!slide.sensitive || !prompt || !logicOf(prompt.type).text) continue;
    const question = normalise(prompt.question);
    const phrase = invitations.find((each) => question.includes(normalise(each)));
    if (!phrase) continue;
    warn(
      "disclosure",
      promptPlace(slide).question ?? slide.line,
      `the question "${prompt.question}" on sensitive slide "${slide.title}" invites people to tell their story ("${phrase}"): ask about the present instead (what they notice now, what helps), so nobody writes more than is safe to share with a group`,
    );
  }

  // 7. spoken-round
  let inARow: Slide[] = [];
  for (const slide of slides) {
    if (slide.kind === "round") inARow = [];
    if (!slide.prompt) continue;
    inARow.push(slide);
    if (inARow.length !== MAX_PROMPTS_WITHOUT_ROUND + 1) continue;
    const first = inARow[0]!;
    warn(
      "spoken-round",
      slide.line,
      `${MAX_PROMPTS_WITHOUT_ROUND + 1} questions in a row (from "${first.title}", line ${first.line}, to this one) without a spoken round between them: add a slide with kind: round before this one, so people in the group talk with each other, not only answer on their phones`,
    );
  }

  return warnings.sort((a, b) => a.line - b.line);
}

/** The list for a language tag: its own, its main language's, or English. */
function wordsFor(lists: WordLists, language: string): readonly string[] {
  return lists[language] ?? lists[language.split("-")[0]!] ?? lists.en!;
}

/** Lower case, straight quotes, "..." for "…", single spaces: text as the rules compare it. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, "...")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether `option` starts with the words `start`, as whole words ("Other" is not "Otherwise"). */
function startsWithWords(option: string, start: string): boolean {
  const text = normalise(option);
  const words = normalise(start);
  return text.startsWith(words) && !/[\p{L}\p{N}]/u.test(text.charAt(words.length));
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** What the room sees of a slide: its title, its text and its agreements (not the facilitator's notes). */
function visibleText(slide: Slide): string {
  const body = slide.bodyHtml
    // Inline marks (bold, a link) sit inside words; a block's end is a break between them.
    .replace(/<\/?(?:strong|em|code|a|s)(?:\s[^>]*)?>/g, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
  return normalise([slide.title, body, ...(slide.agreements ?? [])].join(" "));
}

function minutes(value: number): string {
  return String(Math.round(value * 10) / 10);
}
