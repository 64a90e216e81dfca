import { formatsFor } from "../intl";

type RoomEn = typeof import("../en/room").room;
type DisplayEn = typeof import("../en/room").display;

const de = formatsFor("de");

/** Was der Raum sieht, auf der Leinwand und auf den Handys: Ergebnisse, Pausen, Vereinbarungen, Hinweise, die Verbindung. */
export const room = {
  connection: {
    connecting: "Verbindung wird aufgebaut…",
    online: "Verbunden",
    offline: "Offline – Verbindung wird wieder aufgebaut",
    refused: "Nicht verbunden",
  } satisfies RoomEn["connection"],
  join: {
    qr: (url: string) => `QR-Code zum Mitmachen: ${url}`,
    at: "Mitmachen unter",
    withCode: "mit dem Code",
  } satisfies RoomEn["join"],
  contentNote: "Inhaltshinweis",
  round: "Eine Gesprächsrunde: Alle dürfen etwas sagen, und alle dürfen passen.",
  sensitiveNote: "Dieser Teil kann schwierige Gefühle wecken. Du kannst bei jeder Frage passen und jederzeit kurz rausgehen, wenn du es brauchst.",
  agreement: {
    label: "Gruppenvereinbarung",
    waiting: "Wir warten auf das erste „Ich bin dabei“",
    inCount: (count: number) => de.plural(count, { one: "# ist dabei", other: "# sind dabei" }),
  } satisfies RoomEn["agreement"],
  break: {
    title: "Wir machen eine kurze Pause",
    rest: "Zeit zum Strecken, für ein Glas Wasser oder einfach zum Sitzenbleiben. Gerade gibt es nichts zu tun.",
    carryOn: "Das Treffen geht hier weiter, sobald alle so weit sind.",
    phoneHint: "Du kannst diese Seite offen lassen: Sie aktualisiert sich von selbst.",
  } satisfies RoomEn["break"],
  breathing: {
    label: "Atemanleitung",
    inhale: "Einatmen",
    hold: "Halten",
    exhale: "Ausatmen",
    note: "Mitmachen, wenn es guttut. Es wird nichts gespeichert.",
  } satisfies RoomEn["breathing"],
  results: {
    withheld: (k: number) =>
      `Ergebnisse erscheinen, sobald mindestens ${de.plural(k, { one: "# Person", other: "# Personen" })} geantwortet haben. Passen zählt dabei nicht mit, damit niemand erkennbar wird.`,
    earlier: "Vorher",
    earlierHeading: (question: string) => `Vorher: ${question}`,
    now: "Jetzt",
    compareNote: "Zwei Bilder der Gruppe nebeneinander. Wie sich die Antwort einer einzelnen Person verändert hat, wird weder gezeigt noch gespeichert.",
    atStart: "Zu Beginn",
    atStartOf: (question: string) => `Zu Beginn: ${question}`,
    startAndEndCaption: (startMedian: number, endMedian: number, startAnswers: number, endAnswers: number) =>
      `Mittlere Antwort (Median): ${de.number(startMedian)} zu Beginn, ${de.number(endMedian)} jetzt · ` +
      `${de.plural(startAnswers, { one: "# Antwort", other: "# Antworten" })} zu Beginn, ${de.number(endAnswers)} jetzt`,
    either: (values: readonly number[] | number) => de.list([values].flat().map(String), "disjunction"),
    changes: {
      "more-high": (high: string) => `Am Ende haben mehr aus der Gruppe ${high} gewählt als zu Beginn.`,
      "more-low": (_high: string, low: string) => `Am Ende haben mehr aus der Gruppe ${low} gewählt als zu Beginn.`,
      "more-ends": (high: string, low: string) =>
        `Am Ende haben mehr aus der Gruppe ${low} gewählt als zu Beginn, und auch mehr ${high}.`,
      "more-middle": () => "Am Ende haben mehr aus der Gruppe die Mitte der Skala gewählt als zu Beginn.",
      "fewer-high": (high: string) => `Am Ende haben weniger aus der Gruppe ${high} gewählt als zu Beginn.`,
      "fewer-low": (_high: string, low: string) => `Am Ende haben weniger aus der Gruppe ${low} gewählt als zu Beginn.`,
      "about-the-same": () => "Ungefähr wie zu Beginn.",
    } satisfies RoomEn["results"]["changes"],
    spotlightPosition: (position: number, total: number) => `${position} von ${total}`,
    answers: (count: number) => de.plural(count, { one: "# Antwort", other: "# Antworten" }),
    manyChoices: "Mehrere Antworten waren möglich.",
    chose: (count: number) => de.plural(count, { one: "# wählte ", other: "# wählten " }),
    median: "Mittlere Antwort (Median):",
    words: "Wörter",
    ranking: {
      legend: (top: number, second: number) =>
        `Borda-Punkte: ${top} für einen ersten Platz, ${second} für einen zweiten${top > 2 ? `, bis hin zu 1 für Platz ${top}` : ""}.`,
      unranked: "Optionen, die es nicht unter die ersten Plätze schaffen, bekommen keine.",
      points: (points: number) => de.plural(points, { one: "# Punkt", other: "# Punkte" }),
      first: (count: number) => `bei ${count} auf Platz 1`,
    } satisfies RoomEn["results"]["ranking"],
  } satisfies RoomEn["results"],
} satisfies RoomEn;

/** Die Leinwand im Raum: die Folie, wie man mitmacht, ein Countdown, ihre wenigen Einstellungen. */
export const display = {
  ended: "Danke, dass ihr da wart.",
  endedNote: "Dieses Treffen ist zu Ende.",
  notFound: "Es gibt kein Treffen mit diesem Code.",
  blank: "Die Leinwand bleibt gerade leer.",
  answerHidden: "Antwortet auf dem Handy oder passt. Die Ergebnisse bleiben vorerst verborgen.",
  answerShown: "Antwortet auf dem Handy oder passt. Neue Antworten erscheinen in Gruppen, nie einzeln.",
  settings: "Einstellungen der Leinwand",
  theme: "Farbschema",
  themes: { light: "Hell", dark: "Dunkel", "high-contrast": "Hoher Kontrast" } satisfies DisplayEn["themes"],
  fullscreen: "Vollbild",
  hideJoinLine: "Hinweis zum Mitmachen ausblenden",
  countdown: {
    started: (length: string) => `Ein Countdown von ${length} läuft.`,
    ended: "Die Zeit für diese Übung ist um.",
    endedNote: "Die Zeit ist um. Bringt euren Gedanken in Ruhe zu Ende, es eilt nicht.",
  } satisfies DisplayEn["countdown"],
} satisfies DisplayEn;
