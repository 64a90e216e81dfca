import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";

import { Field } from "~/components/field";
import type { FieldErrors } from "~/forms/validate";
import { contrastRatio, formatRatio, HEX_COLOUR, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "~/settings/contrast";
import { BESIDE_COLOURS, displayTheme, type DisplayColours } from "~/settings/display-theme";
import { useStaffStrings } from "~/strings/staff";

type Part = keyof DisplayColours;

const PARTS: Part[] = ["background", "text", "accent"];

/**
 * The display colours form: each colour as a hex value with a colour picker
 * beside it, and a preview of the display's text and a results bar that
 * follows every change with the contrast the room will get.
 */
export function SettingsColoursForm({
  saved,
  typed,
  errors,
  onSubmit,
  busy,
}: {
  saved: DisplayColours | null;
  /** What was sent and refused, to show again. */
  typed: Partial<Record<string, string>> | undefined;
  errors: FieldErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
}) {
  const t = useStaffStrings().settings.colours;
  const start = saved ?? BESIDE_COLOURS;
  const [colours, setColours] = useState<DisplayColours>({
    background: typed?.background ?? start.background,
    text: typed?.text ?? start.text,
    accent: typed?.accent ?? start.accent,
  });
  // The preview shows a colour once it is a whole #rrggbb; until then, the one it replaces.
  const shown = Object.fromEntries(
    PARTS.map((part) => [part, HEX_COLOUR.test(colours[part].trim()) ? colours[part].trim().toLowerCase() : start[part]]),
  ) as unknown as DisplayColours;
  const set = (part: Part) => (value: string) => setColours((current) => ({ ...current, [part]: value }));
  const textRatio = contrastRatio(shown.text, shown.background);
  const accentRatio = contrastRatio(shown.accent, shown.background);

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="settings-colours">
      <input type="hidden" name="intent" value="colours" />
      <div className="settings-colours__fields">
        {PARTS.map((part) => (
          <div key={part} className="settings-colour">
            <Field
              label={t.parts[part]}
              name={part}
              value={colours[part]}
              onChange={(event) => set(part)(event.currentTarget.value)}
              spellCheck={false}
              autoComplete="off"
              hint={t.hexHint}
              error={errors[part]}
            />
            <input
              type="color"
              className="settings-colour__picker"
              aria-label={t.picker(t.parts[part])}
              value={shown[part]}
              onChange={(event) => set(part)(event.currentTarget.value)}
            />
          </div>
        ))}
      </div>

      <figure className="settings-preview" style={displayTheme(shown)}>
        <figcaption className="settings-preview__caption">{t.preview}</figcaption>
        <p className="settings-preview__question">{t.sample.question}</p>
        <ul className="bars">
          {[
            { label: t.sample.first, count: 6 },
            { label: t.sample.second, count: 3 },
          ].map((row) => (
            <li key={row.label} className="bars__row">
              <span className="bars__label">{row.label}</span>
              <span className="bars__track" aria-hidden="true">
                <span className="bars__fill" style={{ width: `${(row.count / 6) * 100}%` }} />
              </span>
              <span className="bars__value">{row.count}</span>
            </li>
          ))}
        </ul>
        <p className="settings-preview__hint">{t.sample.hint}</p>
      </figure>
      <ul className="settings-contrast">
        <li className={textRatio < MIN_TEXT_CONTRAST ? "settings-contrast--low" : undefined}>
          {t.textContrast(formatRatio(textRatio), MIN_TEXT_CONTRAST)}
        </li>
        <li className={accentRatio < MIN_ACCENT_CONTRAST ? "settings-contrast--low" : undefined}>
          {t.accentContrast(formatRatio(accentRatio), MIN_ACCENT_CONTRAST)}
        </li>
      </ul>

      <button type="submit" className="button button--primary" disabled={busy}>
        {t.submit}
      </button>
    </Form>
  );
}
