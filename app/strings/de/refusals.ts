import { formatsFor } from "../intl";

type RefusalsEn = typeof import("../en/refusals").refusals;

const de = formatsFor("de");

/**
 * Warum der Server etwas abgelehnt hat, das ein Handy oder die Moderationsansicht geschickt hat. Ein Handy zeigt es
 * nach „Nicht gesendet: “, die Moderationsansicht als ihr Problem, eine Seite für Organisator:innen unter ihrem
 * Formular. Nachrichten mit Parametern nehmen sie als ein Objekt, benannt wie im Protokoll.
 */
export const refusals = {
  tooManyCodes: ({ seconds }: { seconds: number }) =>
    `Aus diesem Netzwerk kamen zu viele falsche Codes. Schau dir den Code auf der Leinwand noch einmal an und versuch es in ${de.plural(seconds, { one: "# Sekunde", other: "# Sekunden" })} erneut.`,
  noSuchSession: "Dieses Treffen gibt es nicht.",
  ended: "Dieses Treffen ist zu Ende.",
  paused: "Das Treffen macht gerade Pause.",
  noSuchSlide: ({ number }: { number: number }) => `Es gibt keine Folie ${number}.`,
  noSuchPrompt: ({ promptId }: { promptId: string }) => `Dieser Plan hat keine Frage „${promptId}“.`,
  notModerated: "Nur Freitext und Wörter der Wortwolke können moderiert werden.",
  wordsShownUnlessHidden: "Wörter werden gezeigt, solange sie nicht ausgeblendet sind: Blende ein Wort aus oder zeig es wieder.",
  noSuchText: "In der Moderationsansicht gibt es keine Antwort mit diesem Text.",
  readAloudOnScreen: "Vorlesen geht bei der Freitext-Frage, die gerade auf der Leinwand ist.",
  notOpenedYet: "Diese Frage wurde noch nicht geöffnet.",
  readAloudApproved: "Nur freigegebene Einträge können vorgelesen werden.",
  agreementNotOnScreen: "Die Gruppenvereinbarung ist gerade nicht auf der Leinwand.",
  notInSession: "Diese Frage gehört nicht zu diesem Treffen.",
  notOpen: "Für diese Frage sind gerade keine Antworten möglich.",
  notSaved: "Deine Antwort konnte nicht gespeichert werden. Bitte versuch es noch einmal.",
  answers: {
    wrongType: ({ type }: { type: string }) => `diese Frage erwartet eine Antwort vom Typ ${type}`,
    chooseOne: "wähle eine der Optionen",
    chooseAtLeastOne: "wähle mindestens eine Option, oder du passt",
    chooseShown: "wähle aus den angezeigten Optionen",
    chooseAlone: ({ option }: { option: string }) => `„${option}“ kann nicht zusammen mit anderen Optionen gewählt werden`,
    scale: ({ min, max }: { min: number; max: number }) => `wähle eine Zahl von ${min} bis ${max}`,
    rankOnce: "jede Option darf in der Reihenfolge nur einmal vorkommen",
    rankCount: ({ top, options }: { top: number; options: number }) =>
      top < options ? `bring genau ${top} der Optionen in eine Reihenfolge` : `bring alle ${options} Optionen in eine Reihenfolge`,
    writeWord: "schreib ein Wort, oder du passt",
    tooManyWords: ({ max }: { max: number }) => `schreib höchstens ${de.plural(max, { one: "# Wort", other: "# Wörter" })}`,
    wordTooLong: ({ max }: { max: number }) => `jedes Wort darf höchstens ${max} Zeichen lang sein`,
    writeSomething: "schreib etwas, oder du passt",
    textTooLong: ({ max }: { max: number }) => `höchstens ${max} Zeichen, bitte`,
    unreadable: "in deiner Antwort fehlt ein Teil eines Zeichens; bitte tippe sie noch einmal",
  } satisfies RefusalsEn["answers"],
  questions: {
    boxClosed: "Die Fragenbox ist gerade nicht offen.",
    writeSomething: "schreib zuerst eine Frage",
    tooLong: ({ max }: { max: number }) => `höchstens ${max} Zeichen, bitte`,
    unreadable: "in deiner Frage fehlt ein Teil eines Zeichens; bitte tippe sie noch einmal",
    justSent: ({ seconds }: { seconds: number }) =>
      `du hast gerade eine Frage geschickt; die nächste kannst du in ${de.plural(seconds, { one: "# Sekunde", other: "# Sekunden" })} schicken`,
    queueFull: "bei der Moderation warten gerade viele Fragen; bitte versuch es etwas später noch einmal",
    noSuchQuestion: "Diese Frage gibt es nicht.",
    notApproved: "Gib die Frage zuerst frei.",
    queueFullHere: ({ max }: { max: number }) =>
      `Es ${de.plural(max, { one: "wartet schon # Frage", other: "warten schon # Fragen" })} darauf, gelesen zu werden: Gib zuerst einige frei oder blende sie aus.`,
    slideHasNoBox: "Diese Folie öffnet die Fragenbox nicht: Lass sie stattdessen das ganze Treffen über offen.",
    manyFromHere: "aus deinem Netzwerk kamen gerade viele Fragen; bitte versuch es in einer Minute noch einmal",
  } satisfies RefusalsEn["questions"],
  start: {
    notStartable: "Diesen Plan gibt es nicht, oder er hat Fehler, die vor dem Start behoben werden müssen.",
    k: ({ min, max }: { min: number; max: number }) => `Die Anonymitätsschwelle muss eine ganze Zahl von ${min} bis ${max} sein.`,
  } satisfies RefusalsEn["start"],
  socket: {
    justSent: "Das hast du gerade geschickt; die Moderation sieht es gleich.",
    tooMany: "Zu viele Nachrichten auf einmal. Bitte warte einen Moment und versuch es dann noch einmal.",
    signedOut: "Deine Anmeldung ist abgelaufen. Melde dich neu an, um dieses Treffen zu leiten.",
    serverError: "Auf dem Server ist etwas schiefgegangen. Bitte versuch es noch einmal.",
    unknownEvent: ({ event }: { event: string }) => `Beside kennt kein Ereignis namens „${event}“.`,
    notThisScreen: "Das geht auf diesem Bildschirm nicht.",
    badShape: ({ event }: { event: string }) => `Die Nachricht ${event} hat nicht die erwartete Form.`,
    timeout: "Der Server hat nicht rechtzeitig geantwortet.",
  } satisfies RefusalsEn["socket"],
  forms: {
    crossSite: "Dieses Formular wurde von einer anderen Website geschickt, deshalb hat Beside es abgelehnt.",
    noLength: "Beside liest ein Formular nur, wenn es mit seiner Größe geschickt wird.",
    tooBig: ({ megabytes }: { megabytes: number }) => `Das ist zu viel auf einmal: höchstens ${megabytes} MB.`,
    notAForm: "Die Seiten von Beside nehmen nur Formulare an.",
    manyPhones: "Aus diesem Netz sind schon so viele Handys im Treffen, wie es sein dürfen. Versuch es etwas später noch einmal.",
  } satisfies RefusalsEn["forms"],
} satisfies RefusalsEn;
