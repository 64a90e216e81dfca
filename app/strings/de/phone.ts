import { formatsFor } from "../intl";

type PhoneEn = typeof import("../en/phone").phone;

const de = formatsFor("de");

/** Das Handy von Teilnehmenden: Code eingeben, Inhaltshinweise vor dem Beitreten, antworten, die Leiste unten, Hilfe finden. */
export const phone = {
  getHelp: "Hilfe finden",
  ok: "OK",
  notFound: {
    heading: "Wir konnten dieses Treffen nicht finden",
    text: (code: string) =>
      `Gerade läuft kein Treffen mit dem Code ${code}. Schau dir den Code auf der Leinwand noch einmal an und versuch es erneut.`,
    typeCode: "Code eingeben",
  } satisfies PhoneEn["notFound"],
  ended: {
    heading: "Dieses Treffen ist zu Ende",
    thanks: "Danke, dass du dabei warst. Deine Antworten werden nur als Summen für die ganze Gruppe aufbewahrt.",
    notAlone: "Wenn heute etwas in dir hochgekommen ist: Du musst das nicht allein tragen.",
  } satisfies PhoneEn["ended"],
  gate: {
    eyebrow: "Bevor du mitmachst",
    touchesOn: "In diesem Treffen geht es auch um:",
    pass: "Du kannst bei jeder Frage passen und jederzeit kurz rausgehen.",
    anonymous: "Deine Antworten sind anonym: Niemand, auch nicht die Moderation, kann sehen, wer was geantwortet hat.",
    quiet: "Wenn heute nicht der richtige Tag dafür ist, ist es völlig in Ordnung, diese Seite zu schließen.",
    join: "Mitmachen",
  } satisfies PhoneEn["gate"],
  refresh: "Aktualisieren",
  unreachable: "Dieses Treffen ist nicht mehr erreichbar.",
  typeCodeAgain: "Code noch einmal eingeben",
  notCounted: (question: string) =>
    `Deine Antwort auf „${question}“ konnte nicht rechtzeitig gesendet werden und wurde deshalb nicht gezählt.`,
  listen: "Hör einfach zu. Auf dieser Folie gibt es nichts zu beantworten.",
  questionBoxLoading: "Die Fragenbox wird geöffnet…",
  slideText: "Text der Folie zeigen",
  question: "Frage",
  pending: "Die Moderation öffnet diese Frage gleich.",
  closed: "Für diese Frage sind keine Antworten mehr möglich.",
  footer: "Anonym: Niemand, auch nicht die Moderation, kann sehen, wer was geantwortet hat.",
  sending: {
    sending: "Wird gesendet…",
    retrying: "Noch nicht gesendet. Neuer Versuch…",
    offline:
      "Du bist gerade kurz offline. Deine Antwort bleibt hier gespeichert und wird gesendet, sobald die Verbindung wieder da ist.",
    notSent: (reason: string) => `Nicht gesendet: ${reason}`,
  } satisfies PhoneEn["sending"],
  confirmation: {
    passed: "Gepasst",
    answered: "Deine Antwort ist angekommen",
    change: "Antwort ändern",
  } satisfies PhoneEn["confirmation"],
  nudge: {
    text: "Danke, dass du das aufgeschrieben hast. Wenn es sich gerade schwer anfühlt: Unterstützung ist da, wann immer du sie möchtest.",
    private: "Das siehst nur du auf deinem Handy. Sonst erfährt es niemand.",
    link: "Zeig mir, wo ich Unterstützung finde",
    dismiss: "Diese Nachricht schließen",
  } satisfies PhoneEn["nudge"],
  yours: {
    passed: "Hier hast du gepasst. Das ist immer in Ordnung.",
    chose: (options: string) => `Deine Wahl: ${options}`,
    scale: (value: number) => `Du hast ${value} gewählt.`,
    words: (count: number, words: string) => `${de.plural(count, { one: "Dein Wort", other: "Deine Wörter" })}: ${words}`,
    wrote: (text: string) => `Du hast geschrieben: „${text}“`,
    ranked: (options: string) => `Deine Reihenfolge: ${options}`,
  } satisfies PhoneEn["yours"],
  answer: {
    send: "Antwort senden",
    pass: "Hier passe ich",
    chooseAny: "Wähle alles, was passt.",
    chooseAnyOrAlone: (option: string) => `Wähle alles, was passt, oder nur „${option}“.`,
    scaleEnd: (label: string) => `(${label})`,
    upToWords: (max: number) => `Bis zu ${de.plural(max, { one: "# Wort", other: "# Wörter" })}, eins pro Feld.`,
    word: (number: number) => `Wort ${number}`,
    text: "Deine Antwort",
    characters: (used: number, max: number) => `${used} / ${max}`,
    ranking: {
      hint: (top: number, options: number) =>
        top < options
          ? `Zieh oder verschieb deine ${top} wichtigsten nach oben: Nur sie zählen.`
          : "Zieh oder verschieb sie in deine Reihenfolge, das Wichtigste nach oben.",
      notCounted: "Zählt nicht",
      place: (place: number) => `${place}.`,
      moveUp: (option: string) => `Nach oben: ${option}`,
      moveDown: (option: string) => `Nach unten: ${option}`,
      moved: (option: string, place: number, places: number, counted: boolean) =>
        counted ? `${option}, jetzt ${place} von ${places}` : `${option}, jetzt ${place} von ${places}, zählt nicht`,
      untouched: "Verschieb eine Option, dann ist es deine Reihenfolge.",
      plainHint: (top: number, options: number) =>
        top < options ? `Wähl deine ersten ${top}, die erste oben: Nur sie zählen.` : "Wähl für jeden Platz eine Option, die erste oben.",
      placeLabel: (place: number) => `Platz ${place}`,
      choose: "Auswählen …",
    } satisfies PhoneEn["answer"]["ranking"],
  } satisfies PhoneEn["answer"],
  announce: {
    break: "Wir machen eine kurze Pause.",
    carriesOn: (slide: string) => `Das Treffen geht weiter. Folie: ${slide}.`,
    slide: (slide: string) => `Folie: ${slide}.`,
    slideAndQuestion: (slide: string, question: string) => `Folie: ${slide}. Offene Frage: ${question}`,
    newQuestion: (question: string) => `Neue Frage: ${question}`,
    openAgain: (question: string) => `Wieder offen: ${question}`,
    closed: "Antworten sind jetzt nicht mehr möglich.",
    results: "Die Ergebnisse werden gezeigt.",
  } satisfies PhoneEn["announce"],
  imIn: {
    button: "Ich bin dabei",
    sending: "Wird gesendet…",
    hint: "Nur wenn es sich für dich stimmig anfühlt. Die Bildschirme zeigen nur, wie viele dabei sind – nie, wer dabei ist, und nie, wer nicht.",
    thanks: "Du bist dabei. Danke.",
    failed: "Das hat gerade nicht geklappt. Versuch es gleich noch einmal.",
  } satisfies PhoneEn["imIn"],
  safety: {
    label: "Pause und Hilfe",
    signals: { pause: "Ich brauche eine Pause", "stepping-out": "Ich gehe kurz raus, alles okay" } satisfies PhoneEn["safety"]["signals"],
    sending: "Wird gesendet…",
    sent: "Gesendet",
    which: (signal: string) => `: ${signal}`,
    confirmations: {
      pause: "Gesendet. Die Moderation sieht, dass sich jemand eine Pause wünscht – nicht, wer.",
      "stepping-out": "Gesendet. Nimm dir die Zeit, die du brauchst. Du kannst zurückkommen, wann immer du magst.",
    } satisfies PhoneEn["safety"]["confirmations"],
    failed: "Das hat gerade nicht geklappt. Versuch es gleich noch einmal.",
  } satisfies PhoneEn["safety"],
  join: {
    title: "Bei einem Treffen mitmachen · Beside",
    heading: "Bei einem Treffen mitmachen",
    intro: "Kein Name, kein Konto. Niemand, auch nicht die Moderation, kann sehen, wer was geantwortet hat.",
    code: "Code von der Leinwand",
    codeHint: "Codes enthalten nie die Ziffern 0 oder 1: Eine getippte 0 wird als Buchstabe O gelesen, eine 1 als Buchstabe I.",
    submit: "Mitmachen",
    helpAfter: ": Krisen- und Beratungsangebote, rund um die Uhr.",
    badCode: "Ein Code hat 6 Buchstaben und Ziffern, zum Beispiel K7M2QX. Schau dir den Code auf der Leinwand noch einmal an.",
    noSuchCode: ({ code }: { code: string }) =>
      `Gerade läuft kein Treffen mit dem Code ${code}. Schau dir den Code auf der Leinwand noch einmal an.`,
    ended: "Dieses Treffen ist zu Ende. Danke, dass du dabei warst.",
  } satisfies PhoneEn["join"],
  help: {
    title: "Hilfe finden · Beside",
    back: "Zurück zum Treffen",
    heading: "Hilfe finden",
    danger: "Wenn du gerade in Gefahr bist, ruf die Notrufnummer an, die dort gilt, wo du bist – in ganz Europa die 112.",
    notAlone: "Du musst da nicht allein durch.",
    international: (place: string) => `${place} (international)`,
    otherPlaces: "Andere Orte",
    footer:
      "Diese Angebote hat eingetragen, wer diesen Beside-Server betreibt. Nummern können sich ändern; wenn eine nicht " +
      "funktioniert, versuch es über das internationale Verzeichnis.",
    call: (number: string) => `${number} anrufen`,
    text: (number: string) => `SMS an ${number}`,
    checked: "Stand der Angaben:",
  } satisfies PhoneEn["help"],
} satisfies PhoneEn;
