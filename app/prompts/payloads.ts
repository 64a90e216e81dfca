import type { z } from "zod/v4";

import type { PromptType } from "~/content/plan-schema";

import { multipleChoicePayload } from "./multiple-choice/payload";
import { openTextPayload } from "./open-text/payload";
import { rankingPayload } from "./ranking/payload";
import { scalePayload } from "./scale/payload";
import { singleChoicePayload } from "./single-choice/payload";
import { wordCloudPayload } from "./word-cloud/payload";

/** Each prompt type's answer payload, as it arrives over a socket (zod 4: see app/realtime/schemas.ts). */
export const promptPayloads = {
  "single-choice": singleChoicePayload,
  "multiple-choice": multipleChoicePayload,
  scale: scalePayload,
  ranking: rankingPayload,
  "word-cloud": wordCloudPayload,
  "open-text": openTextPayload,
} satisfies { [T in PromptType]: z.ZodType<{ type: T }, unknown> };
