import { formatsFor } from "../intl";
import type { display as displayEn, room as roomEn } from "../en/room";

const es = formatsFor("es");

/** Lo que ve la sala, en la pantalla y en los teléfonos: resultados, descansos, acuerdos, avisos, la conexión. */
export const room = {
  connection: {
    connecting: "Conectando…",
    online: "Conectado",
    offline: "Sin conexión — reconectando",
    refused: "Sin conectar",
  } satisfies typeof roomEn.connection,
  join: {
    qr: (url: string) => `Código QR para unirse: ${url}`,
    at: "Para unirse, entren en",
    withCode: "con el código",
  } satisfies typeof roomEn.join,
  contentNote: "Aviso de contenido",
  round: "Ronda de palabra: quien quiera puede hablar, y quien quiera puede pasar.",
  sensitiveNote: "Esta parte puede remover sentimientos difíciles. Puedes pasar en cualquier pregunta y salir un momento cuando lo necesites.",
  agreement: {
    label: "Acuerdo del grupo",
    waiting: "Esperando el primer «Me sumo»",
    inCount: (count: number) => es.plural(count, { one: "# se suma", other: "# se suman" }),
  } satisfies typeof roomEn.agreement,
  break: {
    title: "Hacemos un breve descanso",
    rest: "Es un buen momento para estirarse, beber un poco de agua o simplemente quedarse un rato en calma. No hace falta hacer nada.",
    carryOn: "La sesión seguirá aquí cuando todo el grupo esté listo.",
    phoneHint: "Puedes dejar esta página abierta: se actualiza sola.",
  } satisfies typeof roomEn.break,
  breathing: {
    label: "Guía de respiración",
    inhale: "Toma aire",
    hold: "Sostén",
    exhale: "Suelta el aire",
    note: "Quien quiera puede seguirla. No se recoge ningún dato.",
  } satisfies typeof roomEn.breathing,
  results: {
    withheld: (k: number) =>
      `Los resultados aparecen cuando hayan respondido al menos ${es.plural(k, { one: "# persona", other: "# personas" })}. Pasar no cuenta para este número, así nadie puede quedar señalado.`,
    earlier: "Antes",
    earlierHeading: (question: string) => `Antes: ${question}`,
    now: "Ahora",
    compareNote: "Dos imágenes del grupo, una junto a la otra. El cambio de cada persona no se muestra ni se guarda.",
    atStart: "Al principio",
    atStartOf: (question: string) => `Al principio: ${question}`,
    startAndEndCaption: (startMedian: number, endMedian: number, startAnswers: number, endAnswers: number) =>
      `Respuesta central (mediana): ${es.number(startMedian)} al principio, ${es.number(endMedian)} ahora · ` +
      `${es.plural(startAnswers, { one: "# respuesta", other: "# respuestas" })} al principio, ${es.number(endAnswers)} ahora`,
    either: (values: readonly number[] | number) => es.list([values].flat().map((value) => es.number(value)), "disjunction"),
    changes: {
      "more-high": (high: string) => `Al final, más personas del grupo eligieron ${high} que al principio.`,
      "more-low": (_high: string, low: string) => `Al final, más personas del grupo eligieron ${low} que al principio.`,
      "more-ends": (high: string, low: string) =>
        `Al final, más personas del grupo eligieron ${low}, y más eligieron ${high}, que al principio.`,
      "more-middle": () => "Al final, más personas del grupo eligieron el centro de la escala que al principio.",
      "fewer-high": (high: string) => `Al final, menos personas del grupo eligieron ${high} que al principio.`,
      "fewer-low": (_high: string, low: string) => `Al final, menos personas del grupo eligieron ${low} que al principio.`,
      "about-the-same": () => "Más o menos igual que al principio.",
    } satisfies typeof roomEn.results.changes,
    spotlightPosition: (position: number, total: number) => `${es.number(position)} de ${es.number(total)}`,
    answers: (count: number) => es.plural(count, { one: "# respuesta", other: "# respuestas" }),
    manyChoices: "Se podía elegir más de una opción.",
    chose: (count: number) => es.plural(count, { one: "# eligió ", other: "# eligieron " }),
    median: "Respuesta central (mediana):",
    words: "Palabras",
    ranking: {
      legend: (top: number, second: number) =>
        `Puntos Borda: ${top} por un primer puesto, ${second} por un segundo${top > 2 ? `, y así hasta 1 por el puesto ${top}` : ""}.`,
      unranked: "Las opciones que quedan fuera de los primeros puestos no suman puntos.",
      points: (points: number) => es.plural(points, { one: "# punto", other: "# puntos" }),
      first: (count: number) => es.plural(count, { one: "primer puesto para # persona", other: "primer puesto para # personas" }),
    } satisfies typeof roomEn.results.ranking,
  } satisfies typeof roomEn.results,
} satisfies typeof roomEn;

/** La pantalla de la sala: la diapositiva, cómo unirse, un temporizador, sus pocos ajustes. */
export const display = {
  ended: "Gracias por estar aquí.",
  endedNote: "Esta sesión ha terminado.",
  notFound: "No hay ninguna sesión con este código.",
  blank: "La pantalla está en blanco por ahora.",
  answerHidden: "Respondan en su teléfono, o pasen. Por ahora, los resultados no se muestran.",
  answerShown: "Respondan en su teléfono, o pasen. Las respuestas nuevas aparecen en grupo, nunca de una en una.",
  settings: "Ajustes de la pantalla",
  theme: "Tema",
  themes: { light: "Claro", dark: "Oscuro", "high-contrast": "Alto contraste" } satisfies typeof displayEn.themes,
  fullscreen: "Pantalla completa",
  hideJoinLine: "Ocultar cómo unirse",
  countdown: {
    started: (length: string) => `Ha empezado un temporizador de ${length}.`,
    ended: "El tiempo de este ejercicio ha terminado.",
    endedNote: "Se acabó el tiempo. Pueden terminar lo que estaban pensando, sin prisa.",
  } satisfies typeof displayEn.countdown,
} satisfies typeof displayEn;
