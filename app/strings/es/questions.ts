import { formatsFor } from "../intl";
import type { QuestionStrings } from "../en/questions";

const es = formatsFor("es");

const votes = (n: number) => es.plural(n, { one: "# voto", other: "# votos" });

/** El buzón de preguntas (preguntas anónimas a quien facilita) en español; sigue a ../en/questions.ts. */
export const questionsEs = {
  phone: {
    heading: "Pregunta a quien facilita",
    intro:
      "Tu pregunta es anónima: nadie, ni siquiera quien facilita, puede ver quién la envió. Aparecerá aquí cuando quien facilita la haya leído.",
    label: "Tu pregunta",
    send: "Enviar pregunta",
    sending: "Enviando…",
    sent: "Enviada. Quien facilita la leerá primero.",
    notSent: (why: string) => `No se envió: ${why}`,
    notVoted: (why: string) => `Tu voto no se contó: ${why}`,
    listHeading: "Preguntas de la sala",
    none: "Todavía no se muestra ninguna pregunta.",
    votes,
    upvote: "Yo también",
    upvoted: "Votaste",
    answeringNow: "Se está respondiendo ahora",
    answered: "Respondida",
    yours: "La hiciste tú",
    votesMove: (k: number) => `El número de votos cambia en saltos de al menos ${k}, para que ningún voto destaque.`,
  } satisfies QuestionStrings["phone"],
  console: {
    heading: "Preguntas de la sala",
    sessionLong: "Buzón de preguntas abierto toda la sesión",
    openOnSlide: "El buzón de preguntas está abierto en esta diapositiva.",
    open: "El buzón de preguntas está abierto.",
    closed: "El buzón de preguntas está cerrado.",
    closedHere: "Cerraste el buzón de preguntas en esta diapositiva: se abrirá otra vez en la próxima diapositiva que lo abra.",
    closeNow: "Cerrar el buzón de preguntas",
    openAgain: "Volver a abrir el buzón de preguntas",
    hideWaiting: (n: number) => es.plural(n, { one: "Ocultar la pregunta pendiente", other: "Ocultar las # pendientes" }),
    waiting: (n: number) => `Para leer (${n})`,
    nothingWaiting: "No hay preguntas pendientes.",
    approvedHeading: (n: number) => `Aprobadas, por votos (${n})`,
    hiddenHeading: (n: number) => `Ocultas (${n})`,
    approve: "Aprobar",
    hide: "Ocultar",
    backToQueue: "Volver a la cola",
    answerNow: "Responder ahora",
    markAnswered: "Marcar como respondida",
    answered: "Respondida",
    votes,
    votesNote: (k: number) => `El número de votos cambia en saltos de al menos ${k}.`,
  } satisfies QuestionStrings["console"],
  display: {
    answeringNow: "Una pregunta de la sala",
    votes,
  } satisfies QuestionStrings["display"],
} satisfies QuestionStrings;
