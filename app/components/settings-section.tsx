import type { ReactNode } from "react";

import { useStaffStrings } from "~/strings/staff";

/** One section of the settings page: its heading, what the setting does, a "Saved" notice after a save, and its form. */
export function SettingsSection({ id, title, saved, children }: { id: string; title: string; saved: boolean; children: ReactNode }) {
  const t = useStaffStrings().settings;
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t.saved}
        </p>
      ) : null}
      {children}
    </section>
  );
}
