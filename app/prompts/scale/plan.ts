import { z } from "zod";

import { promptCommon, slug, text } from "../shared/plan-fields";

export const scalePlan = z
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

/** Keys only a scale prompt may have, with why, for a clearer error than "unrecognised key" on another type. */
export const scaleOnlyKeys = { "compare-with": "only a scale prompt can be compared with another" };

export type ScalePrompt = z.output<typeof scalePlan>;
