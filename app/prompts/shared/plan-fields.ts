import { z } from "zod";

/**
 * Plan-format fields that more than one part of a plan uses: the prompt types'
 * plan schemas (app/prompts/<type>/plan.ts) and the plan's own (app/content/plan-schema.ts).
 */

export const slug = z
  .string()
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must use only lower-case letters, digits and single hyphens, like check-in");

export const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** An issue about one field, reported at that field's line. */
export const standaloneIssue = (message: string, at: string[]) => ({ code: z.ZodIssueCode.custom, message, params: { at } }) as const;

/** What every prompt has, whatever its type. */
export const promptCommon = {
  id: slug,
  question: text(200),
};

/** The options of a choice prompt (single or multiple). */
export const choiceOptions = z
  .array(text(120))
  .min(2, "needs at least 2 options")
  .max(10, "can have at most 10 options")
  .refine((list) => new Set(list.map((o) => o.toLowerCase())).size === list.length, "must all be different");
