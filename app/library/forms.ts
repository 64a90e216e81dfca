import { z } from "zod";

import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { MAX_K, MIN_K } from "~/domain/rules";
import { perCatalogue } from "~/forms/per-catalogue";
import type { StaffStrings } from "~/strings/staff-catalogues";

/** Said wherever a plan's text is refused for its size: the form, the import page and the library itself. */
export const planTooLong = (strings: StaffStrings) => strings.library.forms.tooLong(MAX_PLAN_BYTES / 1000);
/** Said wherever a plan's file is refused for its size. */
export const planFileTooBig = (strings: StaffStrings) => strings.library.import.tooBig(MAX_PLAN_BYTES / 1000);

/**
 * The library forms' schemas, used by the browser before sending and by the actions, their refusals in the staff
 * page's language (perCatalogue). No server-only imports.
 */
export const libraryForms = perCatalogue((strings) => {
  const t = strings.library.forms;
  const PLAN_TOO_LONG = planTooLong(strings);
  const PLAN_FILE_TOO_BIG = planFileTooBig(strings);

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

  const startRunForm = z.object({
    planId: z.string({ required_error: t.choosePlan }).min(1, t.choosePlan),
    k,
  });

  /** The plan page's buttons: start a run (facilitators), clone, archive, restore (organisers). */
  const planActionForm = z.discriminatedUnion(
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
  const courseActionForm = z.object({
    intent: z.literal("clone", {
      errorMap: () => ({ message: t.unknownButton }),
    }),
  });

  /** Plan text in an editor or a file, measured in bytes as it is stored. */
  const planSource = z
    .string({ required_error: t.writeMarkdown })
    .refine((source) => source.trim().length > 0, t.writeMarkdown)
    .refine((source) => new TextEncoder().encode(source).length <= MAX_PLAN_BYTES, PLAN_TOO_LONG);

  const savePlanForm = z.object({ source: planSource });

  /** The live check sends whatever is typed; its result, not this schema, reports what's wrong with the plan. */
  const checkPlanForm = z.object({
    source: z.string().max(MAX_PLAN_BYTES * 4, PLAN_TOO_LONG),
  });

  /** The one file an import carries, described by name and size (both known in the browser before uploading). */
  const importPlanForm = z.object({
    plan: z.object(
      {
        name: z.string().regex(/\.md$/i, strings.library.import.notMarkdown),
        size: z.number().min(1, strings.library.import.emptyFile).max(MAX_PLAN_BYTES, PLAN_FILE_TOO_BIG),
      },
      {
        required_error: strings.library.import.chooseFile,
        invalid_type_error: strings.library.import.chooseFile,
      },
    ),
  });

  return {
    startRunForm,
    planActionForm,
    courseActionForm,
    planSource,
    savePlanForm,
    checkPlanForm,
    importPlanForm,
  };
});

/** The import form's fields as importPlanForm reads them: the file's name and size, if a file was chosen. */
export function importFormValues(form: FormData): {
  plan?: { name: string; size: number };
} {
  const file = form.get("plan");
  if (!file || typeof file === "string" || (file.size === 0 && file.name === "")) return {};
  return { plan: { name: file.name, size: file.size } };
}
