import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";

import { Field } from "~/components/field";
import type { FieldErrors } from "~/forms/validate";
import { contrastRatio, formatRatio, HEX_COLOUR, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "~/settings/contrast";
import { BESIDE_COLOURS, displayTheme, type DisplayColours } from "~/settings/display-theme";

type Part = keyof DisplayColours;

const PARTS: Array<{ part: Part; label: string }> = [
  { part: "background", label: "Background" },
  { part: "text", label: "Text" },
  { part: "accent", label: "Accent (results bars)" },
];

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
  const start = saved ?? BESIDE_COLOURS;
  const [colours, setColours] = useState<DisplayColours>({
    background: typed?.background ?? start.background,
    text: typed?.text ?? start.text,
    accent: typed?.accent ?? start.accent,
  });
  // The preview shows a colour once it is a whole #rrggbb; until then, the one it replaces.
  const shown = Object.fromEntries(
    PARTS.map(({ part }) => [part, HEX_COLOUR.test(colours[part].trim()) ? colours[part].trim().toLowerCase() : start[part]]),
  ) as unknown as DisplayColours;
  const set = (part: Part) => (value: string) => setColours((current) => ({ ...current, [part]: value }));
  const textRatio = contrastRatio(shown.text, shown.background);
  const accentRatio = contrastRatio(shown.accent, shown.background);

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="settings-colours">
      <input type="hidden" name="intent" value="colours" />
      <div className="settings-colours__fields">
        {PARTS.map(({ part, label }) => (
          <div key={part} className="settings-colour">
            <Field
              label={label}
              name={part}
              value={colours[part]}
              onChange={(event) => set(part)(event.currentTarget.value)}
              spellCheck={false}
              autoComplete="off"
              hint="# and six hex digits"
              error={errors[part]}
            />
            <input
              type="color"
              className="settings-colour__picker"
              aria-label={`${label}: pick from a palette`}
              value={shown[part]}
              onChange={(event) => set(part)(event.currentTarget.value)}
            />
          </div>
        ))}
      </div>

      <figure className="settings-preview" style={displayTheme(shown)}>
        <figcaption className="settings-preview__caption">Preview of the audience display</figcaption>
        <p className="settings-preview__question">What helps you ask for help?</p>
        <ul className="bars">
          {[
            { label: "Someone asks first", count: 6 },
            { label: "Time to think", count: 3 },
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
        <p className="settings-preview__hint">Answer on your phone, or pass.</p>
      </figure>
      <ul className="settings-contrast">
        <li className={textRatio < MIN_TEXT_CONTRAST ? "settings-contrast--low" : undefined}>
          Text on background: {formatRatio(textRatio)} (needs {MIN_TEXT_CONTRAST}:1)
        </li>
        <li className={accentRatio < MIN_ACCENT_CONTRAST ? "settings-contrast--low" : undefined}>
          Accent on background: {formatRatio(accentRatio)} (needs {MIN_ACCENT_CONTRAST}:1)
        </li>
      </ul>

      <button type="submit" className="button button--primary" disabled={busy}>
        Save colours
      </button>
    </Form>
  );
}
