import { formatsFor } from "../intl";

type ReportsEn = typeof import("../en/reports").reports;

const de = formatsFor("de");

/** Vergangene Durchläufe für Organisator:innen: der Verlauf eines Plans, der Bericht eines Durchlaufs, Vergleiche. */
export const reports = {
  rankingCsv: {
    points: (option: string) => `${option}: Punkte`,
    first: (option: string) => `${option}: auf Platz 1`,
  } satisfies ReportsEn["rankingCsv"],
  noSuchPlan: "Diesen Plan gibt es nicht.",
  noSuchRun: "Diesen Durchlauf gibt es nicht.",
  allRuns: "Alle Durchläufe dieses Plans",
  openPlan: "Plan öffnen",
  history: {
    title: (planTitle: string) => `Verlauf: ${planTitle} · Beside`,
    titleFallback: "Verlauf: Plan · Beside",
    library: "Bibliothek",
    heading: (planTitle: string) => `Verlauf: ${planTitle}`,
    notRun: "Dieser Plan ist noch nicht gelaufen.",
    compare: "Durchläufe vergleichen",
    caption: "Durchläufe dieses Plans, die neuesten zuerst",
    columns: {
      started: "Begonnen",
      duration: "Dauer",
      facilitator: "Moderation",
      version: "Version des Plans",
      participants: "Teilnehmende",
      report: "Bericht",
    } satisfies ReportsEn["history"]["columns"],
    whenItEnds: "wenn er endet",
    report: "Bericht",
    note: "Teilnehmende: die meisten Handys, die gleichzeitig verbunden waren. Unter der Anonymitätsschwelle eines Durchlaufs steht nur „weniger als“.",
  } satisfies ReportsEn["history"],
  summary: {
    started: "Begonnen",
    duration: "Dauer",
    facilitator: "Moderation",
    version: "Version des Plans",
    participants: "Teilnehmende",
    k: "Ergebnisse gezeigt ab",
    kAnswers: (k: number) => de.plural(k, { one: "# Antwort", other: "# Antworten" }),
    inProgress: "läuft noch",
    nobody: "—",
    builtIn: "mitgeliefert",
    planVersion: (version: number) => `Version ${version}`,
    whenItEnds: "wenn er endet",
    fewerThan: (k: number) => `weniger als ${k}`,
    minutes: (minutes: number) => `${minutes} Min.`,
    hours: (hours: number, minutes: number) => `${hours} Std. ${minutes} Min.`,
  } satisfies ReportsEn["summary"],
  report: {
    title: (planTitle: string) => `Bericht: ${planTitle} · Beside`,
    titleFallback: "Bericht: Durchlauf · Beside",
    planNav: "Dieser Plan",
    heading: (planTitle: string) => `Bericht: ${planTitle}`,
    live: "Dieser Durchlauf läuft noch. Sein Bericht ist fertig, sobald er endet.",
    print: "Drucken",
    csv: "CSV herunterladen",
    notYetExportable: "Dieser Durchlauf läuft noch: Seine Ergebnisse lassen sich exportieren, sobald er endet.",
    purged: "Freitext und Wörter dieses Durchlaufs wurden nach der Aufbewahrungsfrist gelöscht; nur die Zahlen bleiben.",
    noQuestions: "Dieser Plan hat keine Fragen.",
  } satisfies ReportsEn["report"],
  prompt: {
    notAsked: "in diesem Durchlauf nicht gestellt",
    shown: "Ergebnisse wurden im Raum gezeigt",
    notShown: "Ergebnisse wurden im Raum nicht gezeigt",
    withheldInRoom: "aufgedeckt, aber zu wenige Antworten: Der Raum erfuhr, dass die Ergebnisse zurückgehalten werden",
    counts: (answers: number, passes: number) =>
      `${de.plural(answers, { one: "# Antwort", other: "# Antworten" })}, ${de.number(passes)} gepasst`,
    withheld: (k: number | string) => `Weniger als ${k} Antworten: Ergebnisse zurückgehalten.`,
    textPurged: "Der Text wurde nach der Aufbewahrungsfrist gelöscht; nur die Zahlen bleiben.",
    approvedOnly: "Nur Einträge, die die Moderation freigegeben hat, werden aufbewahrt und gezeigt.",
    compare: "Über Durchläufe hinweg vergleichen",
  } satisfies ReportsEn["prompt"],
  questions: {
    heading: "Fragen aus dem Raum",
    note: (k: number) =>
      `Die Fragen, die die Moderation freigegeben hat, die mit den meisten Stimmen zuerst. Die Stimmen sind die, die der Raum zuletzt gesehen hat: Sie stiegen in Schritten von mindestens ${k}.`,
    votes: (n: number) => de.plural(n, { one: "# Stimme", other: "# Stimmen" }),
    answered: "beantwortet",
    purged: (n: number) =>
      `${de.plural(n, { one: "# Frage wurde", other: "# Fragen wurden" })} freigegeben; ihr Text wurde nach der Aufbewahrungsfrist gelöscht.`,
    csvQuestion: "Fragen aus dem Raum: wie viele freigegeben wurden",
  } satisfies ReportsEn["questions"],
  compare: {
    title: (planTitle: string) => `Durchläufe vergleichen: ${planTitle} · Beside`,
    titleFallback: "Durchläufe vergleichen: Plan · Beside",
    choose: "Wähle eine der Fragen dieses Plans.",
    heading: (planTitle: string) => `Durchläufe vergleichen: ${planTitle}`,
    nothingToCompare: "Dieser Plan hat keine Auswahl- oder Skalenfragen zum Vergleichen.",
    question: "Frage",
    submit: "Vergleichen",
    noneEnded: "Noch kein Durchlauf dieses Plans ist zu Ende.",
    note:
      "Jeder Balken ist ein Durchlauf, der älteste zuerst. Ein Durchlauf mit weniger Antworten als seine Anonymitätsschwelle zeigt keinen Balken. " +
      "Optionen werden über Versionen des Plans hinweg an ihrem Wortlaut erkannt.",
  } satisfies ReportsEn["compare"],
  course: {
    noSuchCourse: "Diesen Kurs gibt es nicht.",
    back: "← Zum Kurs",
    historyTitle: (courseTitle: string) => `Verlauf: ${courseTitle} · Beside`,
    historyHeading: (courseTitle: string) => `Verlauf: ${courseTitle}`,
    sessionHeading: (position: number, planTitle: string) => `Treffen ${position}: ${planTitle}`,
    notRun: "Noch nicht gelaufen.",
    caption: (position: number) => `Durchläufe von Treffen ${position}, die neuesten zuerst`,
    compare: "Check-in und Check-out über die Treffen hinweg vergleichen",
    compareTitle: (courseTitle: string) => `Check-in und Check-out: ${courseTitle} · Beside`,
    compareHeading: (courseTitle: string) => `Check-in und Check-out: ${courseTitle}`,
    compareNote:
      "Für jedes Treffen der Reihe nach: Check-in und Check-out jedes beendeten Durchlaufs als zwei Verteilungen der Gruppe. " +
      "Jede erscheint nur, wenn sie für sich die Anonymitätsschwelle des Durchlaufs erreicht hat; wie sich eine einzelne Person verändert hat, wird nie gezeigt.",
    noneEnded: "Noch kein Durchlauf dieses Treffens ist zu Ende.",
    noCheckOut: "Der Plan dieses Durchlaufs hat keinen Check-out, der mit einem Check-in verglichen wird.",
    run: (started: string) => `Durchlauf vom ${started}`,
    notAsked: "Der Check-out wurde in diesem Durchlauf nicht gestellt.",
  } satisfies ReportsEn["course"],
  chart: {
    withheld: (k: number) => `weniger als ${k} Antworten`,
    missing: "nicht in dieser Version",
    median: (median: number) => `Median ${de.number(median)}`,
    manyChoices: "Mehrere Antworten waren möglich: Die Anteile beziehen sich auf alle getroffenen Wahlen.",
    caption: (question: string, manyChoices: boolean) =>
      `„${question}“ in jedem Durchlauf, der älteste zuerst: Anteil der ${manyChoices ? "Wahlen" : "Antworten"} je Option`,
    runStarted: "Durchlauf begonnen",
    medianColumn: "Median",
    answers: "Antworten",
  } satisfies ReportsEn["chart"],
} satisfies ReportsEn;
