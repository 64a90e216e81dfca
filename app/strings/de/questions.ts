import type { QuestionStrings } from "../en/questions";
import { formatsFor } from "../intl";

const de = formatsFor("de");

/**
 * Die Fragenbox (anonyme Fragen an die Moderation) auf Deutsch. Getrennt vom Katalog des Durchlaufs, damit ein Handy
 * sie nur mit dem Code der Fragenbox lädt, wenn eine Box aufgeht (Entscheidung 036).
 */
export const questions = {
  phone: {
    heading: "Frag die Moderation",
    intro:
      "Deine Frage ist anonym: Niemand, auch nicht die Moderation, kann sehen, wer sie geschickt hat. Sie erscheint hier, sobald die Moderation sie gelesen hat.",
    label: "Deine Frage",
    send: "Frage senden",
    sending: "Wird gesendet…",
    sent: "Gesendet. Die Moderation liest sie zuerst.",
    notSent: (why: string) => `Nicht gesendet: ${why}`,
    notVoted: (why: string) => `Deine Stimme wurde nicht gezählt: ${why}`,
    listHeading: "Fragen aus dem Raum",
    none: "Noch keine Fragen zu sehen.",
    votes: (n: number) => de.plural(n, { one: "# Stimme", other: "# Stimmen" }),
    upvote: "Ich auch",
    upvoted: "Du hast abgestimmt",
    answeringNow: "Wird gerade beantwortet",
    answered: "Beantwortet",
    yours: "Das hast du gefragt",
    votesMove: (k: number) => `Die Stimmen werden in Schritten von mindestens ${k} gezählt, damit keine einzelne Stimme auffällt.`,
  } satisfies QuestionStrings["phone"],
  console: {
    heading: "Fragen aus dem Raum",
    sessionLong: "Fragenbox das ganze Treffen über offen",
    openOnSlide: "Die Fragenbox ist auf dieser Folie offen.",
    open: "Die Fragenbox ist offen.",
    closed: "Die Fragenbox ist geschlossen.",
    closedHere:
      "Du hast die Fragenbox auf dieser Folie geschlossen: Sie geht auf der nächsten Folie wieder auf, die sie öffnet.",
    closeNow: "Fragenbox schließen",
    openAgain: "Fragenbox wieder öffnen",
    hideWaiting: (n: number) => de.plural(n, { one: "Die # wartende Frage ausblenden", other: "Alle # wartenden Fragen ausblenden" }),
    waiting: (n: number) => `Zu lesen (${n})`,
    nothingWaiting: "Keine Fragen warten.",
    approvedHeading: (n: number) => `Freigegeben, nach Stimmen (${n})`,
    hiddenHeading: (n: number) => `Ausgeblendet (${n})`,
    approve: "Freigeben",
    hide: "Ausblenden",
    backToQueue: "Zurück in die Warteschlange",
    answerNow: "Jetzt beantworten",
    markAnswered: "Beantwortet",
    answered: "Beantwortet",
    votes: (n: number) => de.plural(n, { one: "# Stimme", other: "# Stimmen" }),
    votesNote: (k: number) => `Die Stimmen werden in Schritten von mindestens ${k} gezählt.`,
  } satisfies QuestionStrings["console"],
  display: {
    answeringNow: "Eine Frage aus dem Raum",
    votes: (n: number) => de.plural(n, { one: "# Stimme", other: "# Stimmen" }),
  } satisfies QuestionStrings["display"],
} satisfies QuestionStrings;

export const questionsDe = questions;
