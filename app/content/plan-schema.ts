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

export const frontMatterSchema = z
  .object({
    id: slug,
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

export const slideSettingsSchema = z
  .object({
    duration: minutes.optional(),
  })
  .strict()
  .transform(({ duration }) => ({ durationMinutes: duration }));

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
  .object({ ...promptCommon, type: z.literal("multiple-choice"), options })
  .strict();

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
  })
  .strict()
  .transform(({ "min-label": minLabel, "max-label": maxLabel, ...rest }) => ({ ...rest, minLabel, maxLabel }));

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
  prompt?: Prompt;
  /** 1-based line of the slide's heading in its file. */
  line: number;
}

export interface Plan extends FrontMatter {
  slides: Slide[];
}

/** One thing wrong with a plan file, at a line (1-based). */
export interface PlanIssue {
  file: string;
  line: number;
  message: string;
}
