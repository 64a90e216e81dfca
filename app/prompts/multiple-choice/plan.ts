import { z } from "zod";

import { choiceOptions, promptCommon, standaloneIssue, text } from "../shared/plan-fields";

export const multipleChoicePlan = z
  .object({
    ...promptCommon,
    type: z.literal("multiple-choice"),
    options: choiceOptions,
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

export type MultipleChoicePrompt = z.output<typeof multipleChoicePlan>;
