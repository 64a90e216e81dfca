import { z } from "zod/v4";

import { index } from "../shared/payload-fields";

import type { RankingAnswer } from "./index";

/** The options' places in the plan's list, first-ranked first (the ranking's checks are in index.ts). */
export const rankingPayload = z
  .object({ type: z.literal("ranking"), order: z.array(index).min(1).max(10) })
  .strict() satisfies z.ZodType<RankingAnswer, unknown>;
