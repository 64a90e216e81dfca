import { z } from "zod";

import { promptPlans } from "~/prompts/plans";
import { slug, standaloneIssue, text } from "~/prompts/shared/plan-fields";

/**
 * The plan format's schemas: front matter, slide settings and prompt blocks.
 * Keys are written the way an organiser writes them in a plan file (kebab-case);
 * the parsed model uses camelCase. Documented in content/README.md.
 */

const minutes = z
  .number({ invalid_type_error: "must be a number of minutes" })
  .positive("must be more than 0 minutes")
  .max(600, "must be at most 600 minutes");

/** Words the library's own pages use after /library/, so a plan can't take them as its id. */
export const RESERVED_PLAN_IDS = ["check", "import"];

/** The largest plan file Beside reads, imports or saves (UTF-8 bytes). */
export const MAX_PLAN_BYTES = 200_000;

/** A BCP 47 language tag as plans write it: en, es, de-AT, pt-BR. */
const languageTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language tag, like en, es or de-AT");

export const frontMatterSchema = z
  .object({
    id: slug.refine((id) => !RESERVED_PLAN_IDS.includes(id), {
      message: `must not be ${RESERVED_PLAN_IDS.map((id) => `"${id}"`).join(" or ")}: Beside's library pages use those words`,
    }),
    title: text(120),
    summary: text(600),
    duration: minutes,
    audience: text(300),
    "content-notes": z.array(text(200)).max(20).default([]),
    lang: languageTag.optional(),
    /** The older spelling of `lang`, still read so that plans saved before it keep working. */
    language: languageTag.optional(),
  })
  .strict()
  .refine((front) => front.lang === undefined || front.language === undefined, {
    message: "has both lang and language: keep lang, the language the room speaks",
    path: ["language"],
  })
  .transform(({ "content-notes": contentNotes, duration, lang, language, ...rest }) => ({
    ...rest,
    durationMinutes: duration,
    contentNotes,
    language: lang ?? language ?? "en",
  }));

/** `round` is a spoken round: anyone may speak and anyone may pass; it collects nothing. */
export const SLIDE_KINDS = ["content", "agreement", "grounding", "round"] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

/** Seconds for each phase of one breath on a grounding slide. */
export interface Breathing {
  inhale: number;
  hold: number;
  exhale: number;
}

/** The breathing guide's timing when a grounding slide doesn't give its own. */
export const DEFAULT_BREATHING: Breathing = { inhale: 4, hold: 2, exhale: 6 };

/** What `sensitive: true` reads as, until the plan is whole: then it becomes the note in the plan's language (room.sensitiveNote). */
export const DEFAULT_SENSITIVE_NOTE = "This part may bring up difficult feelings. You can pass on any question, and step out whenever you need to.";

const seconds = (min: number, max: number) => {
  const message = `must be a whole number of seconds from ${min} to ${max}`;
  return z.number({ invalid_type_error: message, required_error: "is missing" }).int(message).min(min, message).max(max, message);
};

const breathingSchema = z
  .object(
    { inhale: seconds(2, 10), hold: seconds(0, 10), exhale: seconds(2, 12) },
    { invalid_type_error: "must be three settings, inhale, hold and exhale, each on its own indented line" },
  )
  .strict();

const agreementsSchema = z
  .array(text(200))
  .min(1, "needs at least 1 agreement")
  .max(12, "can have at most 12 agreements");

const sensitiveNote = text(200);
/** YAML 1.2 reads these as text, so `sensitive: yes` would become a note that says "yes". */
const YES_NO_WORDS = new Set(["yes", "no", "y", "n", "on", "off", "true", "false"]);

/** `true` gives the default note, a text gives the plan's own note, `false` (or nothing) means not sensitive. */
const sensitiveSchema = z.unknown().transform((value, ctx): string | undefined => {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_SENSITIVE_NOTE;
  if (typeof value === "string" && !YES_NO_WORDS.has(value.trim().toLowerCase())) {
    const result = sensitiveNote.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  const yesNo = typeof value === "string" ? " (for yes or no, write true or false, without quotes)" : "";
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be true, false, or a short note of your own in words${yesNo}` });
  return z.NEVER;
});

/**
 * An issue whose message reads on its own; `params.at` is the YAML path of the
 * line it points at (see describeIssue and offsetOfIssue in parse-plan.server.ts).
 */

export const slideSettingsSchema = z
  .object({
    duration: minutes.optional(),
    kind: z
      .enum(SLIDE_KINDS, { errorMap: () => ({ message: `must be one of: ${SLIDE_KINDS.join(", ")}` }) })
      .default("content"),
    agreements: agreementsSchema.optional(),
    breathing: breathingSchema.optional(),
    sensitive: sensitiveSchema,
    questions: z
      .enum(["open"], { errorMap: () => ({ message: 'must be open (the question box is open while this slide is on screen), or left out' }) })
      .optional(),
  })
  .strict()
  .superRefine(({ kind, agreements, breathing, questions }, ctx) => {
    if (kind === "grounding" && questions !== undefined) {
      ctx.addIssue(standaloneIssue("questions: a grounding slide collects nothing, so it can't open the question box", ["questions"]));
    }
    if (kind === "agreement" && agreements === undefined) {
      ctx.addIssue(
        standaloneIssue('"agreements" is missing: an agreement slide (kind: agreement) lists the group\'s agreements, one "- item" per line', ["kind"]),
      );
    }
    if (kind !== "agreement" && agreements !== undefined) {
      ctx.addIssue(standaloneIssue('agreements: only an agreement slide (kind: agreement) can list agreements', ["agreements"]));
    }
    if (kind !== "grounding" && breathing !== undefined) {
      ctx.addIssue(standaloneIssue("breathing: only a grounding slide (kind: grounding) has a breathing guide", ["breathing"]));
    }
  })
  .transform(({ duration, kind, agreements, breathing, sensitive, questions }) => ({
    durationMinutes: duration,
    kind,
    ...(kind === "agreement" && agreements !== undefined ? { agreements } : {}),
    ...(kind === "grounding" ? { breathing: breathing ?? { ...DEFAULT_BREATHING } } : {}),
    ...(sensitive !== undefined ? { sensitive } : {}),
    ...(questions !== undefined ? { questions } : {}),
  }));

/** The prompt types, in the plan format's words: one folder each in app/prompts/ (registered in app/prompts/plans.ts). */
export type PromptType = keyof typeof promptPlans;
export const PROMPT_TYPES = Object.keys(promptPlans) as [PromptType, ...PromptType[]];

/** Picks the prompt type's schema by `type`, so each error speaks about that type's settings. */
export const promptSchema = z
  .object({
    type: z.enum(PROMPT_TYPES, { errorMap: () => ({ message: `must be one of: ${PROMPT_TYPES.join(", ")}` }) }),
  })
  .passthrough()
  .transform((value, ctx) => {
    for (const [type, plan] of Object.entries(promptPlans)) {
      for (const [key, why] of Object.entries("onlyKeys" in plan ? plan.onlyKeys : {})) {
        if (value.type === type || !(key in value)) continue;
        ctx.addIssue(standaloneIssue(`${key}: ${why}; a ${value.type} prompt can't have it`, [key]));
        const { [key]: _ignored, ...rest } = value;
        value = rest as typeof value;
      }
    }
    const result = promptPlans[value.type].schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  });

export type Prompt = z.output<typeof promptSchema>;
export type FrontMatter = z.output<typeof frontMatterSchema>;

/** A slide as the run engine and the console see it. */
export interface Slide {
  index: number;
  title: string;
  /** Rendered from the plan's Markdown with raw HTML disabled, so safe to insert. */
  bodyHtml: string;
  /** Facilitator-only; never sent to a display or a phone. */
  notesHtml: string;
  durationMinutes?: number;
  /** "content" unless the plan's slide block says otherwise. Agreement and grounding slides never have a prompt. */
  kind: SlideKind;
  /** The group's agreements, on an agreement slide (1 to 12 of them). */
  agreements?: string[];
  /** The breathing guide's timing, on a grounding slide. */
  breathing?: Breathing;
  /** Set on a sensitive slide: the note every screen shows with it. */
  sensitive?: string;
  /** "open": the question box is open while this slide is on screen (`questions: open`). */
  questions?: "open";
  prompt?: Prompt;
  /** 1-based line of the slide's heading in its file. */
  line: number;
}

export interface Plan extends FrontMatter {
  slides: Slide[];
}

/** The plan's prompts, in slide order. */
export function promptsOf(plan: Plan): Prompt[] {
  return plan.slides.flatMap((slide) => (slide.prompt ? [slide.prompt] : []));
}

export function findPrompt(plan: Plan, promptId: string): Prompt | undefined {
  return findPromptSlide(plan, promptId)?.prompt;
}

/** The slide that asks a prompt. */
export function findPromptSlide(plan: Plan, promptId: string): Slide | undefined {
  return plan.slides.find((slide) => slide.prompt?.id === promptId);
}

/** One thing wrong with a plan file, at a line (1-based). */
export interface PlanIssue {
  file: string;
  line: number;
  message: string;
}

/**
 * A safety warning about a plan that has no errors, at a line (1-based): it never stops a run.
 * `rule` is one of the rules in plan-safety.server.ts (SAFETY_RULES), documented in content/README.md.
 */
export interface PlanWarning {
  rule: string;
  line: number;
  message: string;
}
