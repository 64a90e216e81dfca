import { z } from "zod";

import { choiceOptions, promptCommon, standaloneIssue } from "../shared/plan-fields";

const TOP = "must be a whole number, at least 2";

export const rankingPlan = z
  .object({
    ...promptCommon,
    type: z.literal("ranking"),
    options: choiceOptions,
    /** How many of the options each participant ranks ("your top 3"); all of them when absent. */
    top: z.number({ invalid_type_error: TOP }).int(TOP).min(2, TOP).optional(),
  })
  .strict()
  .superRefine(({ options, top }, ctx) => {
    if (top !== undefined && top > options.length) {
      ctx.addIssue(standaloneIssue(`top: ${top} is more than the ${options.length} options; use at most ${options.length}, or leave it out to rank them all`, ["top"]));
    }
  })
  // Always a number once parsed: how many places a ranking has.
  .transform(({ top, ...rest }) => ({ ...rest, top: top ?? rest.options.length }));

/** Keys only a ranking prompt may have, with why, for a clearer error than "unrecognised key" on another type. */
export const rankingOnlyKeys = { top: "only a ranking prompt can say how many options to rank" };

export type RankingPrompt = z.output<typeof rankingPlan>;
