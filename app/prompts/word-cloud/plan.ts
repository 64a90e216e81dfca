import { z } from "zod";

import { promptCommon } from "../shared/plan-fields";

export const wordCloudPlan = z
  .object({
    ...promptCommon,
    type: z.literal("word-cloud"),
    "max-words": z.number({ invalid_type_error: "must be 1, 2 or 3" }).int("must be 1, 2 or 3").min(1, "must be 1, 2 or 3").max(3, "must be 1, 2 or 3").default(3),
  })
  .strict()
  .transform(({ "max-words": maxWords, ...rest }) => ({ ...rest, maxWords }));

export type WordCloudPrompt = z.output<typeof wordCloudPlan>;
