import { formatsFor } from "../intl";

type ConsoleEn = typeof import("../en/console").console_;

const de = formatsFor("de");

/** Die Moderationsansicht: Steuerung, Hinweise, Zeiten, Tastenkürzel, Moderation der Antworten. */
export const console_ = {
  title: (planTitle: string) => `Moderationsansicht · ${planTitle} · Beside`,
  titleFallback: "Moderationsansicht · Beside",
  forbidden: "Diese Moderationsansicht öffnet sich über den Moderationslink, den du beim Start des Treffens bekommen hast.",
  code: "Code",
  phonesConnected: (count: number) => de.plural(count, { one: "# Handy verbunden", other: "# Handys verbunden" }),
  roomExpects: "Erwartete Personen",
  roomOver: (connected: number, expected: number) =>
    `Mehr Handys als Menschen: ${connected} verbunden, ${expected} erwartet. Vielleicht ist jemand doppelt dabei oder von außerhalb des Raums. Ergebnisse und „Ich bin dabei“ zählen Handys, nicht Menschen: Frag in die Runde, und zeig keine Ergebnisse, solange das unklar ist.`,
  roomJump: (added: number) =>
    `In der letzten Minute ${de.plural(added, { one: "ist # weiteres Handy", other: "sind # weitere Handys" })} dazugekommen. Wenn niemand Neues hereingekommen ist, macht vielleicht jemand mehrfach mit: Ergebnisse zählen Handys, nicht Menschen.`,
  pause: "Pause machen",
  resume: "Pause beenden",
  blank: "Leinwand leer schalten",
  unblank: "Leinwand wieder zeigen",
  openDisplay: "Leinwand öffnen",
  fullscreen: "Vollbild",
  shortcutsButton: "Tastenkürzel",
  endDialog: {
    open: "Durchlauf beenden",
    title: "Das Treffen für alle beenden?",
    text: "Die Handys zeigen dann, dass es zu Ende ist, und Antworten lassen sich nicht mehr ändern. Das kann nicht rückgängig gemacht werden.",
    keep: "Weitermachen",
    end: "Treffen beenden",
  } satisfies ConsoleEn["endDialog"],
  notConnected: "Gerade nicht verbunden. Beside verbindet sich neu; versuch es gleich noch einmal.",
  timeout: "Der Server hat nicht rechtzeitig geantwortet. Prüf die Verbindung und versuch es noch einmal.",
  refused: (reason: string) =>
    `Diese Moderationsansicht kann sich nicht mit dem Durchlauf verbinden (${reason}). Öffne den Moderationslink noch einmal.`,
  blankNotice:
    "Die Leinwand ist leer, damit sich alle im Raum anschauen können. Die Handys laufen weiter. Mit B zeigst du sie wieder.",
  pausedNotice:
    "Die Gruppe macht Pause: Leinwand und Handys zeigen einen ruhigen Pausenbildschirm. Mach weiter, wenn alle so weit sind.",
  endedNotice: "Dieses Treffen ist zu Ende. Seine Antworten bleiben als Summen für die Gruppe erhalten.",
  backToPlans: "Zurück zu den Plänen",
  slides: "Folien",
  position: (slide: number, of: number) => `Folie ${slide} von ${of}`,
  planned: (minutes: number) => ` · geplant ${minutes} Min.`,
  groupAgreement: "Gruppenvereinbarung",
  agreementHint: "Die Handys zeigen „Ich bin dabei“; niemand erfährt, wer nicht getippt hat.",
  grounding: (inhale: number, hold: number, exhale: number) =>
    `Erdungsübung: Leinwand und Handys zeigen eine Atemanleitung (einatmen ${inhale} s${hold ? `, halten ${hold} s` : ""}, ausatmen ${exhale} s). Es wird nichts gespeichert.`,
  question: "Frage",
  responses: (count: number) => de.plural(count, { one: "Antwort", other: "Antworten" }),
  responsesSoFar: (atLeast: number, k: number) =>
    atLeast === 0 ? `weniger als ${k} Antworten` : de.plural(atLeast, { one: "mindestens # Antwort", other: "mindestens # Antworten" }),
  responsesWhy: (k: number) => `gezählt in Schritten von ${k}, damit keine einzelne Antwort auffällt`,
  passed: (count: number) => ` (${count} gepasst)`,
  results: (revealed: boolean): string => (revealed ? "Ergebnisse (auf der Leinwand)" : "Ergebnisse (nur für dich sichtbar)"),
  revealedHint: (k: number) =>
    `Antworten erscheinen auf allen Bildschirmen, auch auf deinem, in Gruppen von mindestens ${k}, damit sich kein Balken bewegt, wenn eine einzelne Person tippt.`,
  hiddenHint: (k: number) =>
    `Solange Antworten offen sind, bleiben die Ergebnisse verborgen. Schließ die Antworten, um sie zu sehen, oder zeig sie jetzt, dann erscheinen sie in Gruppen von mindestens ${k}.`,
  heldBack: (count: number, k: number) =>
    `${de.plural(count, { one: "# Antwort (neu oder geändert) kam nach der letzten Gruppe und wird", other: "# Antworten (neu oder geändert) kamen nach der letzten Gruppe und werden" })} nicht gezeigt, ` +
    `weder hier noch auf der Leinwand: Es kamen weniger als ${k}, und sie zu zeigen könnte auf die Person deuten, die zuletzt geantwortet hat.`,
  contentSlide: "Keine Frage auf dieser Folie: Die Handys zeigen „zuhören“.",
  roundSlide:
    "Eine Gesprächsrunde: Handys und Leinwand sagen, dass alle etwas sagen und alle passen dürfen. Lade ein, aber geh nie der Reihe nach durch.",
  notes: "Notizen",
  noNotes: "Keine Notizen zu dieser Folie.",
  next: "Als Nächstes",
  nextAsks: (question: string) => ` – fragt: ${question}`,
  lastSlide: "Das ist die letzte Folie.",
  join: "Mitmachen",
  anotherDevice: "Auf einem anderen Gerät weitermachen",
  anotherDeviceWarning: "Alle, die diesen Link haben, können das Treffen steuern. Behalte ihn für dich.",
  facilitatorLink: "Moderationslink",
  phonesJoinAt: "Mitmachen per Handy unter",
  previousSlide: "← Zurück",
  nextSlide: "Weiter →",
  previousAnswer: "← Vorige Antwort",
  nextAnswer: "Nächste Antwort →",
  onDisplay: "Auf der Leinwand",
  displays: (count: number) =>
    count === 0 ? "Keine Leinwand verbunden" : de.plural(count, { one: "Leinwand verbunden", other: "# Leinwände verbunden" }),
  noDisplayHint:
    "Der Raum sieht noch nichts: Tippe auf „Leinwand öffnen“ oder öffne die Adresse der Leinwand auf dem Computer im Raum.",
  previewTitle: "Die Leinwand, wie der Raum sie sieht",
  promptTypes: {
    "single-choice": "Eine wählen",
    "multiple-choice": "Mehrere wählen",
    scale: "Skala",
    ranking: "Rangfolge",
    "word-cloud": "Wortwolke",
    "open-text": "Freitext",
  } satisfies ConsoleEn["promptTypes"],
  phases: { pending: "Noch nicht geöffnet", open: "Offen für Antworten", closed: "Geschlossen" } satisfies ConsoleEn["phases"],
  resultsShown: " · Ergebnisse gezeigt",
  questionControls: "Steuerung der Frage",
  open: "Für Antworten öffnen",
  reopen: "Antworten wieder öffnen",
  close: "Antworten schließen",
  reveal: "Ergebnisse zeigen",
  hide: "Ergebnisse verbergen",
  signals: {
    pause: (count: number) =>
      de.plural(count, { one: "Jemand wünscht sich eine Pause", other: "# Personen wünschen sich eine Pause" }),
    steppingOut: (count: number) =>
      de.plural(count, {
        one: "jemand ist kurz rausgegangen und sagt, alles ist okay",
        other: "# Personen sind kurz rausgegangen und sagen, alles ist okay",
      }),
    window: (minutes: number) => de.plural(minutes, { one: " (in der letzten Minute). ", other: " (in den letzten # Minuten). " }),
    breakHint: "Eine Pause kann helfen: „Pause machen“ zeigt auf allen Bildschirmen eine ruhige Pause.",
  } satisfies ConsoleEn["signals"],
  timers: {
    session: "Treffen",
    slide: "Folie",
    of: (planned: string) => ` von ${planned}`,
    pace: {
      "on-time": () => "Im Zeitplan",
      behind: (minutes: number) => `Etwa ${minutes} Min. hinter dem Plan`,
      ahead: (minutes: number) => `Etwa ${minutes} Min. vor dem Plan`,
    } satisfies ConsoleEn["timers"]["pace"],
  } satisfies ConsoleEn["timers"],
  countdown: {
    label: "Countdown auf der Leinwand",
    minutes: "Min.",
    start: "Starten",
    left: "Countdown auf der Leinwand: noch",
    leftAfter: "übrig",
    stop: "Countdown anhalten",
  } satisfies ConsoleEn["countdown"],
  shortcuts: {
    title: "Tastenkürzel",
    or: " oder ",
    remote: "Die Tasten einer Präsentationsfernbedienung senden Bild auf und Bild ab (Page Up, Page Down), sie funktionieren also auch.",
    guide: "Der Leitfaden für die Moderation (öffnet in einem neuen Tab): Pausensignale, schriftliche Antworten, wenn es jemandem schlecht geht",
    close: "Schließen",
    actions: {
      next: "Nächste Folie (beim Vorlesen von Antworten: die nächste Antwort, danach die nächste Folie)",
      previous: "Vorige Folie (beim Vorlesen von Antworten: zuerst die vorige Antwort)",
      "open-close": "Antworten öffnen oder schließen",
      "reveal-hide": "Ergebnisse zeigen oder verbergen",
      blank: "Leinwand leer schalten oder wieder zeigen",
      pause: "Pause machen oder beenden",
      fullscreen: "Vollbild ein oder aus",
      help: "Diese Tastenkürzel zeigen",
    } satisfies ConsoleEn["shortcuts"]["actions"],
  } satisfies ConsoleEn["shortcuts"],
  moderation: {
    toRead: "Zuerst lesen",
    mayDistress: "Könnte auf Belastung hindeuten",
    mayDistressHint:
      "Überleg, ob du es lieber nicht zeigst. Du könntest die Gruppe, ohne auf jemanden zu deuten, daran erinnern, dass „Hilfe finden“ auf jedem Handy ist.",
    nothingWaiting: "Nichts wartet.",
    approve: "Freigeben",
    hide: "Ausblenden",
    approved: "Für die Leinwand freigegeben",
    readAloud: "Vorlesen",
    readingAloud: (position: number, total: number) => `Vorlesen: ${position} von ${total}`,
    readingAloudHint:
      "Weiter (→, Bild ab oder eine Fernbedienung) liest die nächste; nach der letzten geht es zur nächsten Folie.",
    showAll: "Alle zeigen",
    startReading: "Vorlesen, eine nach der anderen",
    showAlone: "Einzeln zeigen",
    hidden: (count: number) => `Ausgeblendet (${count})`,
    hiddenNote: "Ausgeblendeter Text erscheint nie auf der Leinwand und wird gelöscht, wenn der Durchlauf endet.",
    backToQueue: "Zurück in die Warteschlange",
    hideWord: "Ein Wort auf der Leinwand ausblenden",
    wordHidden: "ausgeblendet · zeigen",
    wordShown: "ausblenden",
    wordsToRead: "Zuerst zu lesende Wörter",
    wordsWaitNote: "Diese Folie ist als sensibel markiert, deshalb erscheint ein Wort erst auf der Leinwand, wenn du es freigibst.",
    wordsDecided: "Freigegebene und ausgeblendete Wörter",
    wordHiddenToQueue: "ausgeblendet · zurück in die Warteschlange",
  } satisfies ConsoleEn["moderation"],
} satisfies ConsoleEn;
