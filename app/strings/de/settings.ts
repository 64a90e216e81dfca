import { formatsFor } from "../intl";

type SettingsEn = typeof import("../en/settings").settings;

const de = formatsFor("de");

/** Die Einstellungen der Organisation: ein Abschnitt pro Einstellung, mit Formular und Prüfungen. */
export const settings = {
  title: "Einstellungen · Beside",
  heading: "Einstellungen",
  saved: "Gespeichert.",
  save: "Speichern",
  saving: "Wird gespeichert…",
  unknownForm: "Dieses Formular gehört nicht zu dieser Seite. Lade die Seite neu und versuch es noch einmal.",
  organisation: {
    title: "Organisation",
    name: "Name der Organisation",
    hint: (max: number) =>
      `Steht oben auf den Seiten für Organisator:innen und Moderation und klein auf der Leinwand. Bis zu ${max} Zeichen; leer lassen für keinen.`,
  } satisfies SettingsEn["organisation"],
  colours: {
    title: "Farben der Leinwand",
    intro:
      "Hintergrund-, Text- und Ergebnisfarben der Leinwand. Text muss sich mindestens 4,5 zu 1 vom Hintergrund abheben und " +
      "Balken mindestens 3 zu 1 (WCAG 2.2 AA), damit man sie auch hinten im Raum lesen kann.",
    yours: "Die Leinwand nutzt eure Farben.",
    besides: "Die Leinwand nutzt die Farben von Beside.",
    reset: "Farben von Beside nutzen",
    resetConfirm: (background: string, text: string, accent: string) =>
      `Eure eigenen Farben für die Leinwand (Hintergrund ${background}, Text ${text}, Ergebnisse ${accent}) werden gelöscht, ` +
      "und die Leinwand nutzt die Farben von Beside.",
    parts: {
      background: "Hintergrund",
      text: "Text",
      accent: "Akzent (Ergebnisbalken)",
    } satisfies SettingsEn["colours"]["parts"],
    hexHint: "# und sechs Hexadezimalziffern",
    picker: (part: string) => `${part}: aus einer Palette wählen`,
    preview: "Vorschau der Leinwand",
    sample: {
      question: "Was hilft dir, um Hilfe zu bitten?",
      first: "Jemand anderes fragt zuerst",
      second: "Zeit zum Nachdenken",
      hint: "Antwortet auf dem Handy oder passt.",
    } satisfies SettingsEn["colours"]["sample"],
    textContrast: (ratio: string, min: number) => `Text auf Hintergrund: ${ratio} (nötig: ${de.number(min)}:1)`,
    accentContrast: (ratio: string, min: number) => `Akzent auf Hintergrund: ${ratio} (nötig: ${de.number(min)}:1)`,
    submit: "Farben speichern",
  } satisfies SettingsEn["colours"],
  privacy: {
    title: "Anonymitätsschwelle",
    intro:
      "Die Ergebnisse einer Frage bleiben für alle verborgen, auch für die Moderation, bis mindestens so viele Menschen " +
      "geantwortet haben, damit in einer kleinen Gruppe niemand an der eigenen Antwort erkannt werden kann.",
    label: "Ergebnisse erst ab so vielen Antworten zeigen",
    hint: (min: number, max: number) =>
      `Von ${min} bis ${max}. Neue Durchläufe beginnen mit diesem Wert; die Moderation kann beim Start einen anderen wählen.`,
  } satisfies SettingsEn["privacy"],
  retention: {
    title: "Aufbewahrung von Freitext",
    intro:
      "Freitext-Antworten und Wörter aus Wortwolken werden so viele Tage nach dem Ende eines Durchlaufs endgültig gelöscht. Die Zahlen bleiben: " +
      "wie viele geantwortet, gepasst oder eine Option gewählt haben, damit vergangene Durchläufe ihre Ergebnisse behalten.",
    label: "Freitext nach dem Ende eines Durchlaufs aufbewahren (Tage)",
    hint: (min: number, max: number) => `Von ${min} bis ${max}.`,
  } satisfies SettingsEn["retention"],
  help: {
    title: "Angebote unter „Hilfe finden“",
    intro: "Die Krisen- und Beratungsangebote auf der Seite „Hilfe finden“, verlinkt auf dem Bildschirm aller Teilnehmenden.",
    own: "In Gebrauch: die eigene Liste eurer Organisation.",
    shipped: "In Gebrauch: die Liste, die mit diesem Server kommt.",
    stale: (count: number) =>
      `${de.plural(count, { one: "# Eintrag wurde", other: "# Einträge wurden" })} zuletzt vor mehr als einem Jahr geprüft.`,
    staleAdvice: "Prüf, ob die Nummern noch stimmen, und aktualisiere das Datum.",
    toVerify: (count: number) =>
      `${de.plural(count, { one: "# Eintrag trägt", other: "# Einträge tragen" })} die Markierung verify: vom Beside-Projekt eingetragen, von deiner Organisation noch nicht geprüft.`,
    toVerifyAdvice: "Ruf jede Nummer an oder öffne jede Seite, aktualisiere das Datum und lösch die Zeile verify.",
    verifyMark: "von dir noch nicht geprüft",
    caption: "Einträge in Gebrauch",
    columns: { place: "Ort", service: "Angebot", contact: "Kontakt", lastVerified: "Zuletzt geprüft" } satisfies SettingsEn["help"]["columns"],
    staleMark: "vor mehr als einem Jahr",
    call: (phone: string) => `Anruf: ${phone}`,
    text: (number: string) => `SMS: ${number}`,
    source: "Die Liste, in YAML",
    hint: {
      text:
        "Nach Ort gruppiert (ein Sprach-Tag wie de-DE), mit einem Abschnitt \u201Einternational\u201C, den alle sehen. " +
        "Jeder Eintrag braucht einen Namen, eine Beschreibung, eine Telefonnummer, SMS oder URL, und",
      end: ": den Tag, an dem jemand ihn geprüft hat (JJJJ-MM-TT). Die Kommentare oben erklären den Rest.",
    } satisfies SettingsEn["help"]["hint"],
    problems: "Probleme in der Liste",
    refused: "Diese Liste hat die Probleme unten, deshalb wurde nichts gespeichert. Behebe sie und speichere noch einmal.",
    saveList: "Liste speichern",
    reset: "Zurück zur mitgelieferten Liste",
    resetConfirm: (count: number) =>
      `Die eigene Liste eurer Organisation mit ${de.plural(count, { one: "# Eintrag", other: "# Einträgen" })} wird gelöscht, ` +
      "und die Seite „Hilfe finden“ zeigt die Liste, die mit Beside kommt.",
  } satisfies SettingsEn["help"],
  regions: {
    title: "Die Region eurer Gruppe",
    intro:
      "Die Orte, deren Angebote die Seite „Hilfe finden“ auf jedem Handy zuerst zeigt, in dieser Reihenfolge. Danach kommt " +
      "der Ort, der zur Sprache und Region des Handys passt, falls es einen gibt, dann die übrigen.",
    legend: "Regionen, die zuerst erscheinen",
    slots: ["Erste Region", "Zweite Region", "Dritte Region"],
    none: "Keine",
    notInList: (region: string) => `${region} (nicht in der Liste)`,
    hint: "Wähle aus den Orten in der Liste unten. Ist keiner gewählt, sieht ein Handy, dessen Sprache zu keinem Ort passt, zuerst den internationalen Abschnitt.",
    save: "Regionen speichern",
  } satisfies SettingsEn["regions"],
  forms: {
    answersRange: (min: number, max: number) => `Gib als Anzahl der Antworten eine Zahl von ${min} bis ${max} ein.`,
    daysRange: (min: number, max: number) => `Gib als Anzahl der Tage eine Zahl von ${min} bis ${max} ein.`,
    chooseColour: {
      background: "Wähle eine Hintergrundfarbe.",
      text: "Wähle eine Textfarbe.",
      accent: "Wähle eine Akzentfarbe.",
    } satisfies SettingsEn["forms"]["chooseColour"],
    hexColour: {
      background: "Schreib die Hintergrundfarbe als # und sechs Hexadezimalziffern, etwa #1b6560.",
      text: "Schreib die Textfarbe als # und sechs Hexadezimalziffern, etwa #1b6560.",
      accent: "Schreib die Akzentfarbe als # und sechs Hexadezimalziffern, etwa #1b6560.",
    } satisfies SettingsEn["forms"]["hexColour"],
    textContrast: (ratio: string, min: number) =>
      `Text auf diesem Hintergrund hat ${ratio}; damit ein Raum ihn lesen kann, braucht es mindestens ${de.number(min)}:1.`,
    accentContrast: (ratio: string, min: number) =>
      `Balken in diesem Akzent haben ${ratio} zum Hintergrund; damit man sie sieht, braucht es mindestens ${de.number(min)}:1.`,
    nameTooLong: (max: number) => `Der Name darf höchstens ${max} Zeichen lang sein.`,
    writeList: "Schreib die Liste der Hilfsangebote.",
    regionUnknown: "Wähle eine Region aus der Liste.",
    regionTwice: "Wähle jede Region nur einmal.",
    regionNotInList: (regions: string, count: number) =>
      `${regions} ${de.plural(count, { one: "ist kein Abschnitt", other: "sind keine Abschnitte" })} der Liste unter „Hilfe finden“, die gerade gilt, deshalb wurde nichts gespeichert. Wähle aus der Liste.`,
    listTooLong: "Die Liste muss unter 100.000 Zeichen bleiben.",
  } satisfies SettingsEn["forms"],
} satisfies SettingsEn;
