import { z } from "zod";

import { choiceOptions, promptCommon } from "../shared/plan-fields";

export const singleChoicePlan = z.object({ ...promptCommon, type: z.literal("single-choice"), options: choiceOptions }).strict();

export type SingleChoicePrompt = z.output<typeof singleChoicePlan>;
