import { z } from "zod/v4";

import type { ScaleAnswer } from "./index";

export const scalePayload = z.object({ type: z.literal("scale"), value: z.number().int().min(-100).max(100) }).strict() satisfies z.ZodType<ScaleAnswer, unknown>;
