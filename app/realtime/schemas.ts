import { z } from "zod/v4";

import { promptPayloads } from "~/prompts/payloads";
import { index } from "~/prompts/shared/payload-fields";
import { normaliseJoinCode } from "~/runs/join-code";
import { DEVICE_SECRET_PATTERN, MAX_COUNTDOWN_SECONDS, MIN_COUNTDOWN_SECONDS, QUESTION_ID_PATTERN } from "~/domain/rules";

import type { Answer, HandshakeAuth } from "./events";

/**
 * Runtime checks for everything that arrives over a socket. Payloads are
 * `unknown` until they pass these; a payload that doesn't is refused with an
 * `invalid-payload` ack and changes nothing.
 *
 * These use zod 4 (the `zod/v4` entry of the zod package the rest of Beside
 * uses as zod 3): they run for every answer, and zod 4 compiles each object
 * schema into its own checking function (decision 018).
 */

const joinCode = z
  .string()
  .max(20)
  .transform((input, ctx) => normaliseJoinCode(input) ?? (ctx.addIssue({ code: "custom", message: "not a join code" }), z.NEVER));

/** A device secret: 32 random bytes or more, base64url. */
export const deviceSecretSchema = z.string().regex(DEVICE_SECRET_PATTERN);

export const handshakeSchema: z.ZodType<HandshakeAuth, unknown> = z.discriminatedUnion("role", [
  z.object({ role: z.literal("participant"), code: joinCode, device: deviceSecretSchema }).strict(),
  z.object({ role: z.literal("display"), code: joinCode, preview: z.literal(true).optional() }).strict(),
  z.object({ role: z.literal("facilitator"), code: joinCode }).strict(),
]);

export const answerSchema: z.ZodType<Answer, unknown> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pass") }).strict(),
  ...Object.values(promptPayloads),
]);

const promptId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60);

/** A question's id, as the server made it (QUESTION_ID_PATTERN). */
const questionId = z.string().regex(QUESTION_ID_PATTERN);

export const payloadSchemas = {
  "response:submit": z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      promptId,
      answer: answerSchema,
    })
    .strict(),
  "run:sync": z.object({}).strict(),
  "slide:go": z.object({ index }).strict(),
  "prompt:open": z.object({ promptId }).strict(),
  "prompt:close": z.object({ promptId }).strict(),
  "prompt:reveal": z.object({ promptId }).strict(),
  "prompt:hide": z.object({ promptId }).strict(),
  "run:end": z.object({}).strict(),
  "run:pause": z.object({ paused: z.boolean() }).strict(),
  "display:blank": z.object({ blanked: z.boolean() }).strict(),
  "countdown:set": z.object({ seconds: z.number().int().min(MIN_COUNTDOWN_SECONDS).max(MAX_COUNTDOWN_SECONDS).nullable() }).strict(),
  "moderation:set": z
    .object({ promptId, text: z.string().min(1).max(2000), action: z.enum(["approve", "hide", "reset"]) })
    .strict(),
  "spotlight:set": z.object({ promptId, text: z.string().min(1).max(2000).nullable() }).strict(),
  "agreement:accept": z.object({ slideIndex: index }).strict(),
  "signal:send": z.object({ kind: z.enum(["pause", "stepping-out"]) }).strict(),
  // Longer than a question may be (MAX_QUESTION_LENGTH, checked after normalising, with its own refusal), under the message size cap.
  "question:send": z.object({ text: z.string().max(2000) }).strict(),
  "question:vote": z.object({ questionId }).strict(),
  "questions:open": z.object({ open: z.boolean(), slide: z.boolean().optional() }).strict(),
  "questions:hide-waiting": z.object({}).strict(),
  "question:set": z.object({ questionId, action: z.enum(["approve", "hide", "reset", "answering", "answered"]) }).strict(),
} as const;
