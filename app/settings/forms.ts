import { z } from "zod";

import { isIntentOf } from "~/forms/validate";
import { MAX_K, MIN_K } from "~/runs/rules";

import { contrastRatio, formatRatio, HEX_COLOUR, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "./contrast";

/** The settings page's forms, one per section, used by the browser before sending and by the action. */

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ORGANISATION_NAME = 80;

const wholeNumber = (what: string, min: number, max: number) => {
  const message = `Enter ${what} from ${min} to ${max}.`;
  return z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
};

const colour = (what: string) =>
  z
    .string({ required_error: `Choose a ${what} colour.` })
    .trim()
    .regex(HEX_COLOUR, `Write the ${what} colour as # and six hex digits, like #1b6560.`)
    .transform((hex) => hex.toLowerCase());

export const organisationForm = z.object({
  intent: z.literal("organisation"),
  organisationName: z.string().trim().max(MAX_ORGANISATION_NAME, `Keep the name to ${MAX_ORGANISATION_NAME} characters.`),
});

export const coloursForm = z
  .object({ intent: z.literal("colours"), background: colour("background"), text: colour("text"), accent: colour("accent") })
  .superRefine(({ background, text, accent }, check) => {
    const textRatio = contrastRatio(text, background);
    if (textRatio < MIN_TEXT_CONTRAST) {
      check.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["text"],
        message: `Text on this background is ${formatRatio(textRatio)}; a room needs at least ${MIN_TEXT_CONTRAST}:1 to read it.`,
      });
    }
    const accentRatio = contrastRatio(accent, background);
    if (accentRatio < MIN_ACCENT_CONTRAST) {
      check.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["accent"],
        message: `Bars in this accent are ${formatRatio(accentRatio)} against the background; they need at least ${MIN_ACCENT_CONTRAST}:1 to be seen.`,
      });
    }
  });

export const coloursResetForm = z.object({ intent: z.literal("colours-reset") });

export const privacyForm = z.object({
  intent: z.literal("privacy"),
  defaultK: wholeNumber("a number of answers", MIN_K, MAX_K),
});

export const retentionForm = z.object({
  intent: z.literal("retention"),
  retentionDays: wholeNumber("a number of days", MIN_RETENTION_DAYS, MAX_RETENTION_DAYS),
});

/** The YAML itself is checked on the server (the parser names each problem's line); the browser checks it isn't empty. */
export const helpForm = z.object({
  intent: z.literal("help"),
  source: z
    .string({ required_error: "Write the list of help resources." })
    .refine((source) => source.trim() !== "", "Write the list of help resources.")
    .refine((source) => source.length <= 100_000, "Keep the list under 100,000 characters."),
});

export const helpResetForm = z.object({ intent: z.literal("help-reset") });

/** Every section's form, by the intent its submit button sends. */
export const settingsForms = {
  organisation: organisationForm,
  colours: coloursForm,
  "colours-reset": coloursResetForm,
  privacy: privacyForm,
  retention: retentionForm,
  help: helpForm,
  "help-reset": helpResetForm,
} as const;

export type SettingsIntent = keyof typeof settingsForms;

export function isSettingsIntent(intent: unknown): intent is SettingsIntent {
  return isIntentOf(settingsForms, intent);
}
