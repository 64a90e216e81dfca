import { z } from "zod";

import { MAX_PLAN_BYTES, PLAN_FILE_TOO_BIG, PLAN_TOO_LONG } from "~/content/plan-schema";
import { MAX_K, MIN_K } from "~/runs/rules";

/** The library forms' schemas, used by the browser before sending and by the actions. No server-only imports. */

const k = z.coerce
  .number({ invalid_type_error: `Choose a privacy threshold from ${MIN_K} to ${MAX_K}.` })
  .int(`Choose a privacy threshold from ${MIN_K} to ${MAX_K}.`)
  .min(MIN_K, `Choose a privacy threshold from ${MIN_K} to ${MAX_K}.`)
  .max(MAX_K, `Choose a privacy threshold from ${MIN_K} to ${MAX_K}.`);

/** A version number from a form or a query string; empty means "the newest". */
const versionNumber = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce.number().int().positive("Choose a version.").optional(),
);

export const startRunForm = z.object({ planId: z.string({ required_error: "Choose a plan." }).min(1, "Choose a plan."), k });

/** The plan page's buttons: start a run (facilitators), clone, archive, restore (organisers). */
export const planActionForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start"), k }),
    z.object({ intent: z.literal("clone"), version: versionNumber }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
  ],
  { errorMap: () => ({ message: "That button isn't one this page knows." }) },
);


/** Plan text in an editor or a file, measured in bytes as it is stored. */
export const planSource = z
  .string({ required_error: "Write the plan's Markdown." })
  .refine((source) => source.trim().length > 0, "Write the plan's Markdown.")
  .refine((source) => new TextEncoder().encode(source).length <= MAX_PLAN_BYTES, PLAN_TOO_LONG);

export const savePlanForm = z.object({ source: planSource });

/** The live check sends whatever is typed; its result, not this schema, reports what's wrong with the plan. */
export const checkPlanForm = z.object({ source: z.string().max(MAX_PLAN_BYTES * 4, PLAN_TOO_LONG) });

/** The one file an import carries, described by name and size (both known in the browser before uploading). */
export const importPlanForm = z.object({
  plan: z
    .object(
      {
        name: z.string().regex(/\.md$/i, "Choose a Markdown file: its name ends in .md."),
        size: z.number().min(1, "That file is empty.").max(MAX_PLAN_BYTES, PLAN_FILE_TOO_BIG),
      },
      { required_error: "Choose a .md file to import.", invalid_type_error: "Choose a .md file to import." },
    ),
});

/** The import form's fields as importPlanForm reads them: the file's name and size, if a file was chosen. */
export function importFormValues(form: FormData): { plan?: { name: string; size: number } } {
  const file = form.get("plan");
  if (!file || typeof file === "string" || (file.size === 0 && file.name === "")) return {};
  return { plan: { name: file.name, size: file.size } };
}
