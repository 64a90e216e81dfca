import { z } from "zod/v4";

import { index } from "../shared/payload-fields";

import type { SingleChoiceAnswer } from "./index";

export const singleChoicePayload = z.object({ type: z.literal("single-choice"), option: index }).strict() satisfies z.ZodType<SingleChoiceAnswer, unknown>;
