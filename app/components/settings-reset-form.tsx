import { Form } from "@remix-run/react";

/**
 * A settings section's way back to the default. It deletes what the organisation saved and nothing brings that
 * back, so it asks first, in `confirm`, naming what will be lost.
 */
export function SettingsResetForm({ intent, label, confirm, busy }: { intent: string; label: string; confirm: string; busy: boolean }) {
  return (
    <Form
      method="post"
      className="settings-section__reset"
      onSubmit={(event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button button--quiet" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
