type GuideEn = typeof import("../en/guide").guide;

/** Die Seiten des Leitfadens für die Moderation (ihr Text steht in content/guide; hier die Worte drumherum). */
export const guide = {
  title: "Leitfaden für die Moderation · Beside",
  pageTitle: (pageTitle: string) => `${pageTitle} · Leitfaden für die Moderation · Beside`,
  nav: "Leitfaden",
  contents: "Die Seiten des Leitfadens",
  index: "Alle Seiten des Leitfadens",
  library: "Bibliothek",
  signIn: "Anmelden",
  previous: (title: string) => `Zurück: ${title}`,
  next: (title: string) => `Weiter: ${title}`,
  pager: "Seiten vor und nach dieser",
  notFound: "Unter dieser Adresse gibt es keine Seite des Leitfadens.",
} satisfies GuideEn;
