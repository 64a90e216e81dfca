import { z } from "zod";

/**
 * The plan format's schemas: front matter, slide settings and prompt blocks.
 * Keys are written the way an organiser writes them in a plan file (kebab-case);
 * the parsed model uses camelCase. Documented in content/README.md.
 */

const slug = z
  .string()
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must use only lower-case letters, digits and single hyphens, like check-in");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const minutes = z
  .number({ invalid_type_error: "must be a number of minutes" })
  .positive("must be more than 0 minutes")
  .max(600, "must be at most 600 minutes");

/** Words the library's own pages use after /library/, so a plan can't take them as its id. */
export const RESERVED_PLAN_IDS = ["check", "import"];

/** The largest plan file Beside reads, imports or saves (UTF-8 bytes). */
export const MAX_PLAN_BYTES = 200_000;

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
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language tag, like en or en-GB")
      .default("en"),
  })
  .strict()
  .transform(({ "content-notes": contentNotes, duration, ...rest }) => ({
    ...rest,
    durationMinutes: duration,
    contentNotes,
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

/** Shown on a slide marked `sensitive: true` (a plan can give its own words instead). */
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
const standaloneIssue = (message: string, at: string[]) => ({ code: z.ZodIssueCode.custom, message, params: { at } }) as const;

export const slideSettingsSchema = z
  .object({
    duration: minutes.optional(),
    kind: z
      .enum(SLIDE_KINDS, { errorMap: () => ({ message: `must be one of: ${SLIDE_KINDS.join(", ")}` }) })
      .default("content"),
    agreements: agreementsSchema.optional(),
    breathing: breathingSchema.optional(),
    sensitive: sensitiveSchema,
  })
  .strict()
  .superRefine(({ kind, agreements, breathing }, ctx) => {
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
  .transform(({ duration, kind, agreements, breathing, sensitive }) => ({
    durationMinutes: duration,
    kind,
    ...(kind === "agreement" && agreements !== undefined ? { agreements } : {}),
    ...(kind === "grounding" ? { breathing: breathing ?? { ...DEFAULT_BREATHING } } : {}),
    ...(sensitive !== undefined ? { sensitive } : {}),
  }));

const options = z
  .array(text(120))
  .min(2, "needs at least 2 options")
  .max(10, "can have at most 10 options")
  .refine((list) => new Set(list.map((o) => o.toLowerCase())).size === list.length, "must all be different");

const promptCommon = {
  id: slug,
  question: text(200),
};

const singleChoice = z
  .object({ ...promptCommon, type: z.literal("single-choice"), options })
  .strict();

const multipleChoice = z
  .object({
    ...promptCommon,
    type: z.literal("multiple-choice"),
    options,
    /** One of the options, written out again, that can't be chosen with any other ("None of these"). */
    exclusive: text(120).optional(),
  })
  .strict()
  .superRefine(({ options, exclusive }, ctx) => {
    if (exclusive !== undefined && !options.includes(exclusive)) {
      ctx.addIssue(
        standaloneIssue(`exclusive: "${exclusive}" must be one of the options, written exactly as in the list`, ["exclusive"]),
      );
    }
  })
  .transform(({ exclusive, ...rest }) => ({
    ...rest,
    // The option's place in the list, as answers name options.
    ...(exclusive !== undefined ? { exclusive: rest.options.indexOf(exclusive) } : {}),
  }));

const scale = z
  .object({
    ...promptCommon,
    type: z.literal("scale"),
    min: z.number({ invalid_type_error: "must be 0 or 1" }).int("must be 0 or 1").min(0, "must be 0 or 1").max(1, "must be 0 or 1"),
    max: z
      .number({ invalid_type_error: "must be a whole number from 2 to 10" })
      .int("must be a whole number from 2 to 10")
      .min(2, "must be a whole number from 2 to 10")
      .max(10, "must be a whole number from 2 to 10"),
    "min-label": text(60),
    "max-label": text(60),
    /** The id of a scale prompt on an earlier slide, with the same min and max, to show side by side (checked in parsePlan). */
    "compare-with": slug.optional(),
  })
  .strict()
  .transform(({ "min-label": minLabel, "max-label": maxLabel, "compare-with": compareWith, ...rest }) => ({
    ...rest,
    minLabel,
    maxLabel,
    ...(compareWith !== undefined ? { compareWith } : {}),
  }));

const wordCloud = z
  .object({
    ...promptCommon,
    type: z.literal("word-cloud"),
    "max-words": z.number({ invalid_type_error: "must be 1, 2 or 3" }).int("must be 1, 2 or 3").min(1, "must be 1, 2 or 3").max(3, "must be 1, 2 or 3").default(3),
  })
  .strict()
  .transform(({ "max-words": maxWords, ...rest }) => ({ ...rest, maxWords }));

const openText = z
  .object({
    ...promptCommon,
    type: z.literal("open-text"),
    "max-length": z
      .number({ invalid_type_error: "must be a whole number from 20 to 1000" })
      .int("must be a whole number from 20 to 1000")
      .min(20, "must be a whole number from 20 to 1000")
      .max(1000, "must be a whole number from 20 to 1000")
      .default(280),
  })
  .strict()
  .transform(({ "max-length": maxLength, ...rest }) => ({ ...rest, maxLength }));

export const PROMPT_TYPES = ["single-choice", "multiple-choice", "scale", "word-cloud", "open-text"] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

const promptSchemas = {
  "single-choice": singleChoice,
  "multiple-choice": multipleChoice,
  scale,
  "word-cloud": wordCloud,
  "open-text": openText,
} as const;

/** Picks the prompt type's schema by `type`, so each error speaks about that type's settings. */
export const promptSchema = z
  .object({
    type: z.enum(PROMPT_TYPES, { errorMap: () => ({ message: `must be one of: ${PROMPT_TYPES.join(", ")}` }) }),
  })
  .passthrough()
  .transform((value, ctx) => {
    if (value.type !== "scale" && "compare-with" in value) {
      ctx.addIssue(
        standaloneIssue(`compare-with: only a scale prompt can be compared with another; a ${value.type} prompt can't have it`, ["compare-with"]),
      );
      const { "compare-with": _ignored, ...rest } = value;
      value = rest as typeof value;
    }
    const result = promptSchemas[value.type].safeParse(value);
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
