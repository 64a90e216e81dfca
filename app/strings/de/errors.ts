type ErrorsEn = typeof import("../en/errors").errors;

/** Die Fehlerseite, für jede Seite, die scheitert. */
export const errors = {
  headings: { 403: "Nicht für dieses Konto", 404: "Nicht gefunden", 429: "Zu viele Versuche" } satisfies ErrorsEn["headings"],
  heading: "Etwas ist schiefgegangen",
  serverError: "Bei uns ist etwas schiefgegangen. Meistens hilft es, die Seite neu zu laden.",
  back: "Zurück zu Beside",
} satisfies ErrorsEn;
