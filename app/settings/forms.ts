import { z } from "zod";

import { perCatalogue } from "~/forms/per-catalogue";
import { isIntentOf } from "~/forms/validate";
import { MAX_K, MIN_K } from "~/domain/rules";

import { contrastRatio, formatRatio, HEX_COLOUR, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "./contrast";
import type { DisplayColours } from "./display-theme";

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ORGANISATION_NAME = 80;

/** The names of the region fields, in order. */
export const REGION_FIELDS = ["region1", "region2", "region3"] as const;

/**
 * The settings page's forms, one per section, used by the browser before sending and by the action, their
 * refusals in the staff page's language (perCatalogue).
 */
export const settingsForms = perCatalogue((strings) => {
  const t = strings.settings.forms;

  const wholeNumber = (min: number, max: number, range: (min: number, max: number) => string) => {
    const message = range(min, max);
    return z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).min(min, message).max(max, message);
  };

  const colour = (part: keyof DisplayColours) =>
    z
      .string({ required_error: t.chooseColour[part] })
      .trim()
      .regex(HEX_COLOUR, t.hexColour[part])
      .transform((hex) => hex.toLowerCase());

  const organisationForm = z.object({
    intent: z.literal("organisation"),
    organisationName: z.string().trim().max(MAX_ORGANISATION_NAME, t.nameTooLong(MAX_ORGANISATION_NAME)),
  });

  const coloursForm = z
    .object({
      intent: z.literal("colours"),
      background: colour("background"),
      text: colour("text"),
      accent: colour("accent"),
    })
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

  const coloursResetForm = z.object({ intent: z.literal("colours-reset") });

  const privacyForm = z.object({
    intent: z.literal("privacy"),
    defaultK: wholeNumber(MIN_K, MAX_K, t.answersRange),
  });

  const retentionForm = z.object({
    intent: z.literal("retention"),
    retentionDays: wholeNumber(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, t.daysRange),
  });

  /** The YAML itself is checked on the server (the parser names each problem's line); the browser checks it isn't empty. */
  const helpForm = z.object({
    intent: z.literal("help"),
    source: z
      .string({ required_error: t.writeList })
      .refine((source) => source.trim() !== "", t.writeList)
      .refine((source) => source.length <= 100_000, t.listTooLong),
  });

  const helpResetForm = z.object({ intent: z.literal("help-reset") });

  const regionField = z
    .string()
    .trim()
    .max(40, t.regionUnknown)
    .regex(/^(?:[a-z]{2,3}(?:-[a-z0-9]{2,8})*)?$/i, t.regionUnknown)
    .optional()
    .transform((value) => value ?? "");

  /**
   * The organisation's regions, in order; "" is "none". Whether each is a section of the help list in use is
   * checked on the server (Settings), against the list as it is then.
   */
  const regionsForm = z
    .object({
      intent: z.literal("regions"),
      region1: regionField,
      region2: regionField,
      region3: regionField,
    })
    .superRefine((form, check) => {
      const seen = new Set<string>();
      for (const field of REGION_FIELDS) {
        const region = form[field].toLowerCase();
        if (region === "") continue;
        if (seen.has(region))
          check.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["regions"],
            message: t.regionTwice,
          });
        seen.add(region);
      }
    })
    .transform((form) => ({
      intent: form.intent,
      regions: REGION_FIELDS.map((field) => form[field]).filter((region) => region !== ""),
    }));

  /** Every section's form, by the intent its submit button sends. */
  return {
    organisation: organisationForm,
    colours: coloursForm,
    "colours-reset": coloursResetForm,
    privacy: privacyForm,
    retention: retentionForm,
    help: helpForm,
    "help-reset": helpResetForm,
    regions: regionsForm,
  } as const;
});

export type SettingsIntent = keyof ReturnType<typeof settingsForms>;

const SETTINGS_INTENTS: Record<SettingsIntent, true> = {
  organisation: true,
  colours: true,
  "colours-reset": true,
  privacy: true,
  retention: true,
  help: true,
  "help-reset": true,
  regions: true,
};

export function isSettingsIntent(intent: unknown): intent is SettingsIntent {
  return isIntentOf(SETTINGS_INTENTS, intent);
}
