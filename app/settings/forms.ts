import { z } from "zod";

import { isIntentOf } from "~/forms/validate";
import { MAX_K, MIN_K } from "~/runs/rules";
import { staffEn } from "~/strings/en/staff-pages";

import { contrastRatio, formatRatio, HEX_COLOUR, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "./contrast";
import type { DisplayColours } from "./display-theme";

/** The settings page's forms, one per section, used by the browser before sending and by the action. */

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ORGANISATION_NAME = 80;

const t = staffEn.settings.forms;

const wholeNumber = (min: number, max: number, range: (min: number, max: number) => string) => {
  const message = range(min, max);
  return z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
};

const colour = (part: keyof DisplayColours) =>
  z
    .string({ required_error: t.chooseColour[part] })
    .trim()
    .regex(HEX_COLOUR, t.hexColour[part])
    .transform((hex) => hex.toLowerCase());

export const organisationForm = z.object({
  intent: z.literal("organisation"),
  organisationName: z.string().trim().max(MAX_ORGANISATION_NAME, t.nameTooLong(MAX_ORGANISATION_NAME)),
});

export const coloursForm = z
  .object({ intent: z.literal("colours"), background: colour("background"), text: colour("text"), accent: colour("accent") })
  .superRefine(({ background, text, accent }, check) => {
    const textRatio = contrastRatio(text, background);
    if (textRatio < MIN_TEXT_CONTRAST) {
      check.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["text"],
        message: t.textContrast(formatRatio(textRatio), MIN_TEXT_CONTRAST),
      });
    }
    const accentRatio = contrastRatio(accent, background);
    if (accentRatio < MIN_ACCENT_CONTRAST) {
      check.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["accent"],
        message: t.accentContrast(formatRatio(accentRatio), MIN_ACCENT_CONTRAST),
      });
    }
  });

export const coloursResetForm = z.object({ intent: z.literal("colours-reset") });

export const privacyForm = z.object({
  intent: z.literal("privacy"),
  defaultK: wholeNumber(MIN_K, MAX_K, t.answersRange),
});

export const retentionForm = z.object({
  intent: z.literal("retention"),
  retentionDays: wholeNumber(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, t.daysRange),
});

/** The YAML itself is checked on the server (the parser names each problem's line); the browser checks it isn't empty. */
export const helpForm = z.object({
  intent: z.literal("help"),
  source: z
    .string({ required_error: t.writeList })
    .refine((source) => source.trim() !== "", t.writeList)
    .refine((source) => source.length <= 100_000, t.listTooLong),
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
