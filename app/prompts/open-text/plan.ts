import { z } from "zod";

import { promptCommon } from "../shared/plan-fields";

export const openTextPlan = z
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

export type OpenTextPrompt = z.output<typeof openTextPlan>;
