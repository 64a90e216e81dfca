import { formatsFor } from "../intl";
import type { reports as reportsEn } from "../en/reports";

const es = formatsFor("es");

const votes = (n: number) => es.plural(n, { one: "# voto", other: "# votos" });

/** Las sesiones anteriores, para quienes organizan: el historial de un plan, el informe de una sesión, comparar sesiones. */
export const reports = {
  /** Filas de un orden de preferencia en la columna de opciones del CSV (los nombres de las columnas no cambian). */
  rankingCsv: {
    points: (option: string) => `${option}: puntos`,
    first: (option: string) => `${option}: en primer lugar`,
  } satisfies typeof reportsEn.rankingCsv,
  noSuchPlan: "Ese plan no existe.",
  noSuchRun: "Esa sesión no existe.",
  allRuns: "Todas las sesiones de este plan",
  openPlan: "Abrir el plan",
  history: {
    title: (planTitle: string) => `Historial: ${planTitle} · Beside`,
    titleFallback: "Historial: plan · Beside",
    library: "Biblioteca",
    heading: (planTitle: string) => `Historial: ${planTitle}`,
    notRun: "Este plan todavía no se ha usado en ninguna sesión.",
    compare: "Comparar sesiones",
    caption: "Sesiones realizadas con este plan, de la más reciente a la más antigua",
    columns: {
      started: "Inicio",
      duration: "Duración",
      facilitator: "Facilitación",
      version: "Versión del plan",
      participants: "Participantes",
      report: "Informe",
    } satisfies typeof reportsEn.history.columns,
    whenItEnds: "cuando termine",
    report: "Informe",
    note: "Participantes: el mayor número de teléfonos conectados a la vez. Por debajo del umbral de privacidad de una sesión solo se muestra «menos de».",
  } satisfies typeof reportsEn.history,
  summary: {
    started: "Inicio",
    duration: "Duración",
    facilitator: "Facilitación",
    version: "Versión del plan",
    participants: "Participantes",
    k: "Resultados visibles desde",
    kAnswers: (k: number) => `${k} respuestas`,
    inProgress: "en curso",
    nobody: "—",
    builtIn: "incluido",
    planVersion: (version: number) => `versión ${version}`,
    whenItEnds: "cuando termine",
    fewerThan: (k: number) => `menos de ${k}`,
    minutes: (minutes: number) => `${minutes} min`,
    hours: (hours: number, minutes: number) => `${hours} h ${minutes} min`,
  } satisfies typeof reportsEn.summary,
  report: {
    title: (planTitle: string) => `Informe: ${planTitle} · Beside`,
    titleFallback: "Informe: sesión · Beside",
    planNav: "Este plan",
    heading: (planTitle: string) => `Informe: ${planTitle}`,
    live: "Esta sesión sigue en curso. Su informe estará listo cuando termine.",
    print: "Imprimir",
    csv: "Descargar CSV",
    notYetExportable: "Esta sesión sigue en curso: sus resultados se podrán exportar cuando termine.",
    purged: "El texto libre y las palabras de esta sesión se borraron al acabar el plazo de conservación; solo quedan los recuentos.",
    noQuestions: "Este plan no tiene preguntas.",
  } satisfies typeof reportsEn.report,
  prompt: {
    notAsked: "no se hizo en esta sesión",
    shown: "los resultados se mostraron en la sala",
    notShown: "los resultados no se mostraron en la sala",
    withheldInRoom: "se pidió mostrarlos, pero había muy pocas respuestas: la sala vio que los resultados quedaban ocultos",
    counts: (answers: number, passes: number) =>
      `${es.plural(answers, { one: "# respuesta", other: "# respuestas" })}, ${es.plural(passes, { one: "# pasó", other: "# pasaron" })}`,
    withheld: (k: number | string) => `Menos de ${k} respuestas: resultados ocultos.`,
    textPurged: "El texto se borró al acabar el plazo de conservación; solo quedan los recuentos.",
    approvedOnly: "Solo se guardan y se muestran las respuestas que aprobó quien facilitó.",
    compare: "Comparar entre sesiones",
  } satisfies typeof reportsEn.prompt,
  questions: {
    heading: "Preguntas de la sala",
    note: (k: number) =>
      `Las preguntas que aprobó quien facilitó, de más a menos votos. Los votos son los que la sala vio por última vez: cambiaban en saltos de al menos ${k}.`,
    votes,
    answered: "respondida",
    purged: (n: number) =>
      `${es.plural(n, { one: "Se aprobó # pregunta", other: "Se aprobaron # preguntas" })}; su texto se borró al acabar el plazo de conservación.`,
    csvQuestion: "Preguntas de la sala: cuántas se aprobaron",
  } satisfies typeof reportsEn.questions,
  compare: {
    title: (planTitle: string) => `Comparar sesiones: ${planTitle} · Beside`,
    titleFallback: "Comparar sesiones: plan · Beside",
    choose: "Elige una de las preguntas de este plan.",
    heading: (planTitle: string) => `Comparar sesiones: ${planTitle}`,
    nothingToCompare: "Este plan no tiene preguntas de opciones ni de escala que comparar.",
    question: "Pregunta",
    submit: "Comparar",
    noneEnded: "Todavía no ha terminado ninguna sesión con este plan.",
    note:
      "Cada barra es una sesión, de la más antigua a la más reciente. Una sesión con menos respuestas que su umbral de privacidad no muestra barra. " +
      "Las opciones se emparejan entre versiones del plan por su texto.",
  } satisfies typeof reportsEn.compare,
  course: {
    noSuchCourse: "Ese curso no existe.",
    back: "← El curso",
    historyTitle: (courseTitle: string) => `Historial: ${courseTitle} · Beside`,
    historyHeading: (courseTitle: string) => `Historial: ${courseTitle}`,
    sessionHeading: (position: number, planTitle: string) => `Sesión ${position}: ${planTitle}`,
    notRun: "Todavía no se ha realizado.",
    caption: (position: number) => `Veces que se realizó la sesión ${position}, de la más reciente a la más antigua`,
    compare: "Comparar las preguntas de entrada y de salida a lo largo de las sesiones",
    compareTitle: (courseTitle: string) => `Entrada y salida: ${courseTitle} · Beside`,
    compareHeading: (courseTitle: string) => `Preguntas de entrada y de salida: ${courseTitle}`,
    compareNote:
      "Para cada sesión, en orden, la pregunta de entrada y la de salida de cada vez que se realizó, como dos distribuciones del grupo. " +
      "Cada una se muestra solo si alcanzó por sí sola el umbral de privacidad de esa sesión; el cambio de cada persona no se muestra nunca.",
    noneEnded: "Esta sesión todavía no se ha completado ninguna vez.",
    noCheckOut: "El plan de esta sesión no tiene una pregunta de salida comparada con una de entrada.",
    run: (started: string) => `Sesión del ${started}`,
    notAsked: "En esta sesión no se hizo la pregunta de salida.",
  } satisfies typeof reportsEn.course,
  chart: {
    withheld: (k: number) => `menos de ${k} respuestas`,
    missing: "no está en esta versión",
    median: (median: number) => `mediana ${median}`,
    manyChoices: "Se podía elegir más de una opción: los porcentajes son sobre el total de elecciones.",
    caption: (question: string, manyChoices: boolean) =>
      `«${question}» en cada sesión, de la más antigua a la más reciente: porcentaje de ${manyChoices ? "elecciones" : "respuestas"} por opción`,
    runStarted: "Inicio de la sesión",
    medianColumn: "Mediana",
    answers: "Respuestas",
  } satisfies typeof reportsEn.chart,
} satisfies typeof reportsEn;
