import { z } from "zod/v4";

import { index } from "../shared/payload-fields";

import type { MultipleChoiceAnswer } from "./index";

export const multipleChoicePayload = z
  .object({ type: z.literal("multiple-choice"), options: z.array(index).min(1).max(10) })
  .strict() satisfies z.ZodType<MultipleChoiceAnswer, unknown>;
