import { z } from "zod/v4";

import type { WordCloudAnswer } from "./index";

export const wordCloudPayload = z
  .object({ type: z.literal("word-cloud"), words: z.array(z.string().max(100)).min(1).max(3) })
  .strict() satisfies z.ZodType<WordCloudAnswer, unknown>;
