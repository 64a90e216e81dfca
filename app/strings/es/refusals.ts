import { formatsFor } from "../intl";
import type { refusals as refusalsEn } from "../en/refusals";

const es = formatsFor("es");

const seconds = (count: number) => es.plural(count, { one: "# segundo", other: "# segundos" });
const characters = (count: number) => es.plural(count, { one: "# carácter", other: "# caracteres" });

/**
 * Por qué el servidor rechazó lo que envió un teléfono o una consola (véase ../en/refusals.ts). Las de `answers` y
 * parte de las de `questions` van después de «No se envió: », así que empiezan en minúscula.
 */
export const refusals = {
  tooManyCodes: ({ seconds: wait }: { seconds: number }) =>
    `Llegaron demasiados códigos incorrectos desde esta red. Revisa el código en la pantalla y vuelve a intentarlo dentro de ${seconds(wait)}.`,
  noSuchSession: "Esta sesión no existe.",
  ended: "Esta sesión ha terminado.",
  paused: "La sesión está en un descanso.",
  noSuchSlide: ({ number }: { number: number }) => `No existe la diapositiva ${number}.`,
  noSuchPrompt: ({ promptId }: { promptId: string }) => `Este plan no tiene ninguna pregunta "${promptId}".`,
  notModerated: "Solo se pueden moderar las respuestas de texto libre y las palabras de una nube de palabras.",
  wordsShownUnlessHidden: "Las palabras se muestran salvo que se oculten: oculta una palabra, o vuelve a mostrarla.",
  noSuchText: "Ninguna respuesta de la consola tiene ese texto.",
  readAloudOnScreen: "La lectura en voz alta funciona con la pregunta de texto libre que está en pantalla.",
  notOpenedYet: "Esta pregunta todavía no se ha abierto.",
  readAloudApproved: "Solo se pueden leer en voz alta las respuestas aprobadas.",
  agreementNotOnScreen: "El acuerdo del grupo no está en pantalla ahora mismo.",
  notInSession: "Esa pregunta no forma parte de esta sesión.",
  notOpen: "Esta pregunta no admite respuestas ahora mismo.",
  notSaved: "No se pudo guardar tu respuesta. Vuelve a intentarlo, por favor.",
  answers: {
    wrongType: ({ type }: { type: string }) => `esta pregunta espera una respuesta de tipo ${type}`,
    chooseOne: "elige una de las opciones",
    chooseAtLeastOne: "elige al menos una opción, o pasa",
    chooseShown: "elige entre las opciones que aparecen",
    chooseAlone: ({ option }: { option: string }) => `«${option}» no se puede elegir junto con otras opciones`,
    scale: ({ min, max }: { min: number; max: number }) => `elige un número del ${min} al ${max}`,
    rankOnce: "ordena cada opción una sola vez",
    rankCount: ({ top, options }: { top: number; options: number }) =>
      top < options
        ? `ordena exactamente ${top} de las opciones`
        : `ordena las ${options} opciones`,
    writeWord: "escribe una palabra, o pasa",
    tooManyWords: ({ max }: { max: number }) => `escribe como máximo ${es.plural(max, { one: "# palabra", other: "# palabras" })}`,
    wordTooLong: ({ max }: { max: number }) => `cada palabra puede tener como máximo ${characters(max)}`,
    writeSomething: "escribe algo, o pasa",
    textTooLong: ({ max }: { max: number }) => `la respuesta puede tener como máximo ${characters(max)}`,
    unreadable: "a un carácter de tu respuesta le falta una parte; escríbela de nuevo, por favor",
  } satisfies typeof refusalsEn.answers,
  questions: {
    boxClosed: "El buzón de preguntas no está abierto ahora mismo.",
    writeSomething: "escribe primero una pregunta",
    tooLong: ({ max }: { max: number }) => `la pregunta puede tener como máximo ${characters(max)}`,
    unreadable: "a un carácter de tu pregunta le falta una parte; escríbela de nuevo, por favor",
    justSent: ({ seconds: wait }: { seconds: number }) =>
      `acabas de enviar una pregunta; podrás enviar otra dentro de ${seconds(wait)}`,
    queueFull: "quien facilita tiene muchas preguntas pendientes; vuelve a intentarlo dentro de un rato",
    noSuchQuestion: "Esa pregunta no existe.",
    notApproved: "Primero aprueba la pregunta.",
    queueFullHere: ({ max }: { max: number }) => `Ya hay ${max} preguntas por leer: aprueba u oculta algunas primero.`,
    slideHasNoBox: "Esta diapositiva no abre el buzón de preguntas: en su lugar, déjalo abierto toda la sesión.",
    manyFromHere: "acaban de llegar muchas preguntas desde tu red; vuelve a intentarlo dentro de un minuto",
  } satisfies typeof refusalsEn.questions,
  start: {
    notStartable: "Ese plan no existe o tiene errores que hay que corregir antes de poder iniciarlo.",
    k: ({ min, max }: { min: number; max: number }) => `El umbral de privacidad debe ser un número entero del ${min} al ${max}.`,
  } satisfies typeof refusalsEn.start,
  socket: {
    justSent: "Acabas de enviarlo; quien facilita lo verá enseguida.",
    tooMany: "Demasiados mensajes a la vez. Espera un momento y vuelve a intentarlo.",
    signedOut: "Tu acceso ha caducado. Vuelve a entrar con tu cuenta para dirigir esta sesión.",
    serverError: "Algo falló en el servidor. Vuelve a intentarlo, por favor.",
    unknownEvent: ({ event }: { event: string }) => `Beside no tiene ningún evento llamado "${event}".`,
    notThisScreen: "Esta pantalla no puede hacer eso.",
    badShape: ({ event }: { event: string }) => `El mensaje ${event} no tiene la forma esperada.`,
    timeout: "El servidor no respondió a tiempo.",
  } satisfies typeof refusalsEn.socket,
  forms: {
    crossSite: "Este formulario se envió desde otro sitio, así que Beside lo rechazó.",
    noLength: "Beside solo lee un formulario si se envía indicando su tamaño.",
    tooBig: ({ megabytes }: { megabytes: number }) => `Es demasiado para enviarlo de una vez: como máximo ${megabytes} MB.`,
    notAForm: "Las páginas de Beside solo aceptan formularios.",
    manyPhones: "Esta red ya tiene en la sesión tantos teléfonos como puede. Inténtalo de nuevo un poco más tarde.",
  } satisfies typeof refusalsEn.forms,
} satisfies typeof refusalsEn;
