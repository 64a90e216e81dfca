import { z } from "zod/v4";

import type { OpenTextAnswer } from "./index";

// Plans cap open text at 1000 characters; 2000 leaves room and stays under MAX_MESSAGE_BYTES however it is escaped.
export const openTextPayload = z.object({ type: z.literal("open-text"), text: z.string().max(2000) }).strict() satisfies z.ZodType<OpenTextAnswer, unknown>;
