import { z } from "zod";

import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { MAX_K, MIN_K } from "~/runs/rules";
import { staffEn } from "~/strings/en/staff-pages";

/** The library forms' schemas, used by the browser before sending and by the actions. No server-only imports. */

const t = staffEn.library.forms;
/** Said wherever a plan's text or file is refused for its size: the form, the import page and the library itself. */
export const PLAN_TOO_LONG = t.tooLong(MAX_PLAN_BYTES / 1000);
export const PLAN_FILE_TOO_BIG = staffEn.library.import.tooBig(MAX_PLAN_BYTES / 1000);

const k = z.coerce
  .number({ invalid_type_error: t.k(MIN_K, MAX_K) })
  .int(t.k(MIN_K, MAX_K))
  .min(MIN_K, t.k(MIN_K, MAX_K))
  .max(MAX_K, t.k(MIN_K, MAX_K));

/** A version number from a form or a query string; empty means "the newest". */
const versionNumber = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce.number().int().positive(t.chooseVersion).optional(),
);

export const startRunForm = z.object({ planId: z.string({ required_error: t.choosePlan }).min(1, t.choosePlan), k });

/** The plan page's buttons: start a run (facilitators), clone, archive, restore (organisers). */
export const planActionForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start"), k }),
    z.object({ intent: z.literal("clone"), version: versionNumber }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
  ],
  { errorMap: () => ({ message: t.unknownButton }) },
);

/** A course page's one button: clone the whole course (organisers). */
export const courseActionForm = z.object({ intent: z.literal("clone", { errorMap: () => ({ message: t.unknownButton }) }) });

/** Plan text in an editor or a file, measured in bytes as it is stored. */
export const planSource = z
  .string({ required_error: t.writeMarkdown })
  .refine((source) => source.trim().length > 0, t.writeMarkdown)
  .refine((source) => new TextEncoder().encode(source).length <= MAX_PLAN_BYTES, PLAN_TOO_LONG);

export const savePlanForm = z.object({ source: planSource });

/** The live check sends whatever is typed; its result, not this schema, reports what's wrong with the plan. */
export const checkPlanForm = z.object({ source: z.string().max(MAX_PLAN_BYTES * 4, PLAN_TOO_LONG) });

/** The one file an import carries, described by name and size (both known in the browser before uploading). */
export const importPlanForm = z.object({
  plan: z
    .object(
      {
        name: z.string().regex(/\.md$/i, staffEn.library.import.notMarkdown),
        size: z.number().min(1, staffEn.library.import.emptyFile).max(MAX_PLAN_BYTES, PLAN_FILE_TOO_BIG),
      },
      { required_error: staffEn.library.import.chooseFile, invalid_type_error: staffEn.library.import.chooseFile },
    ),
});

/** The import form's fields as importPlanForm reads them: the file's name and size, if a file was chosen. */
export function importFormValues(form: FormData): { plan?: { name: string; size: number } } {
  const file = form.get("plan");
  if (!file || typeof file === "string" || (file.size === 0 && file.name === "")) return {};
  return { plan: { name: file.name, size: file.size } };
}
