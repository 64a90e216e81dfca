import { formatsFor } from "../intl";
import type { phone as phoneEn } from "../en/phone";

const es = formatsFor("es");

/** El teléfono de cada participante: escribir un código, los avisos de contenido antes de entrar, responder, la barra de pausa y ayuda, pedir ayuda. */
export const phone = {
  getHelp: "Pedir ayuda",
  ok: "Entendido",
  notFound: {
    heading: "No encontramos esa sesión",
    text: (code: string) => `No hay ninguna sesión en curso con el código ${code}. Revisa el código en la pantalla y vuelve a intentarlo.`,
    typeCode: "Escribir un código",
  } satisfies typeof phoneEn.notFound,
  ended: {
    heading: "Esta sesión ha terminado",
    thanks: "Gracias por formar parte. Tus respuestas solo se guardan como totales del grupo.",
    notAlone: "Si hoy algo te ha removido por dentro, no tienes que cargar con ello a solas.",
  } satisfies typeof phoneEn.ended,
  gate: {
    eyebrow: "Antes de entrar",
    touchesOn: "En esta sesión se habla de:",
    pass: "Puedes pasar en cualquier pregunta y salir un momento cuando lo necesites.",
    anonymous: "Tus respuestas son anónimas: nadie, ni siquiera quien facilita, puede ver quién respondió qué.",
    quiet: "Si hoy no es un buen día para esto, puedes cerrar esta página con toda tranquilidad.",
    join: "Unirme a la sesión",
  } satisfies typeof phoneEn.gate,
  refresh: "Actualizar",
  unreachable: "Ya no se puede acceder a esta sesión.",
  typeCodeAgain: "Vuelve a escribir el código",
  notCounted: (question: string) => `Tu respuesta a «${question}» no pudo enviarse a tiempo, así que no se contó.`,
  listen: "Ahora toca escuchar. En esta diapositiva no hay nada que responder.",
  questionBoxLoading: "Abriendo el buzón de preguntas…",
  slideText: "Mostrar el texto de la diapositiva",
  question: "Pregunta",
  pending: "Quien facilita abrirá esta pregunta en breve.",
  closed: "Esta pregunta ya no admite respuestas.",
  footer: "Anónimo: nadie, ni siquiera quien facilita, puede ver quién respondió qué.",
  sending: {
    sending: "Enviando…",
    retrying: "Aún no se ha enviado. Volviendo a intentarlo…",
    offline: "Te has quedado sin conexión un momento. Tu respuesta se guarda aquí y se enviará cuando vuelva la conexión.",
    notSent: (reason: string) => `No se envió: ${reason}`,
  } satisfies typeof phoneEn.sending,
  confirmation: {
    passed: "Pasaste",
    answered: "Respuesta recibida",
    change: "Cambiar mi respuesta",
  } satisfies typeof phoneEn.confirmation,
  nudge: {
    text: "Gracias por escribirlo. Si ahora mismo todo pesa, hay apoyo disponible para cuando lo quieras.",
    private: "Esto solo aparece en tu teléfono. No se avisa a nadie.",
    link: "Ver dónde encontrar apoyo",
    dismiss: "Cerrar este mensaje",
  } satisfies typeof phoneEn.nudge,
  yours: {
    passed: "Pasaste en esta pregunta. Siempre está bien hacerlo.",
    chose: (options: string) => `Elegiste: ${options}`,
    scale: (value: number) => `Elegiste ${value}.`,
    words: (count: number, words: string) => `${es.plural(count, { one: "Tu palabra", other: "Tus palabras" })}: ${words}`,
    wrote: (text: string) => `Escribiste: «${text}»`,
    ranked: (options: string) => `Tu orden: ${options}`,
  } satisfies typeof phoneEn.yours,
  answer: {
    send: "Enviar respuesta",
    pass: "Prefiero pasar",
    chooseAny: "Elige todas las que encajen contigo.",
    chooseAnyOrAlone: (option: string) => `Elige todas las que encajen contigo, o solo «${option}».`,
    scaleEnd: (label: string) => `(${label})`,
    upToWords: (max: number) => `Hasta ${es.plural(max, { one: "# palabra", other: "# palabras" })}, una en cada casilla.`,
    word: (number: number) => `Palabra ${number}`,
    text: "Tu respuesta",
    characters: (used: number, max: number) => `${used} / ${max}`,
    ranking: {
      hint: (top: number, options: number) =>
        top < options
          ? es.plural(top, {
              one: "Arrastra o mueve tu opción preferida hasta arriba: solo cuenta esa.",
              other: "Arrastra o mueve tus # opciones preferidas hasta arriba: solo cuentan esas.",
            })
          : "Arrastra o mueve las opciones hasta dejarlas en tu orden, la primera arriba.",
      notCounted: "No cuenta",
      place: (place: number) => `${place}.`,
      moveUp: (option: string) => `Subir: ${option}`,
      moveDown: (option: string) => `Bajar: ${option}`,
      moved: (option: string, place: number, places: number, counted: boolean) =>
        counted ? `${option}, ahora ${place} de ${places}` : `${option}, ahora ${place} de ${places}, no cuenta`,
      untouched: "Mueve alguna para que el orden sea tuyo.",
      plainHint: (top: number, options: number) =>
        top < options ? `Elige tus ${top} primeras, la primera arriba: solo cuentan ellas.` : "Elige una opción para cada puesto, la primera arriba.",
      placeLabel: (place: number) => `Puesto ${place}`,
      choose: "Elige…",
    } satisfies typeof phoneEn.answer.ranking,
  } satisfies typeof phoneEn.answer,
  announce: {
    break: "Hacemos un breve descanso.",
    carriesOn: (slide: string) => `La sesión continúa. Diapositiva: ${slide}.`,
    slide: (slide: string) => `Diapositiva: ${slide}.`,
    slideAndQuestion: (slide: string, question: string) => `Diapositiva: ${slide}. Pregunta abierta: ${question}`,
    newQuestion: (question: string) => `Nueva pregunta: ${question}`,
    openAgain: (question: string) => `Abierta de nuevo: ${question}`,
    closed: "Las respuestas están cerradas.",
    results: "Se muestran los resultados.",
  } satisfies typeof phoneEn.announce,
  imIn: {
    button: "Me sumo",
    sending: "Enviando…",
    hint: "Solo si te parece bien. Las pantallas muestran cuántas personas se suman, nunca quiénes, ni quiénes no.",
    thanks: "Te sumaste. Gracias.",
    failed: "No se pudo enviar ahora mismo. Vuelve a intentarlo en un momento.",
  } satisfies typeof phoneEn.imIn,
  safety: {
    label: "Pausa y ayuda",
    signals: { pause: "Necesito una pausa", "stepping-out": "Salgo un momento, estoy bien" } satisfies typeof phoneEn.safety.signals,
    sending: "Enviando…",
    sent: "Enviado",
    which: (signal: string) => `: ${signal}`,
    confirmations: {
      pause: "Enviado. Quien facilita ve que alguien quiere una pausa, pero no quién.",
      "stepping-out": "Enviado. Tómate el tiempo que necesites. Puedes volver cuando quieras.",
    } satisfies typeof phoneEn.safety.confirmations,
    failed: "No se pudo enviar ahora mismo. Vuelve a intentarlo en un momento.",
  } satisfies typeof phoneEn.safety,
  join: {
    title: "Unirse a una sesión · Beside",
    heading: "Unirse a una sesión",
    intro: "Sin nombre y sin cuenta. Nadie, ni siquiera quien facilita, puede ver quién respondió qué.",
    code: "Código de la pantalla",
    codeHint: "Los códigos nunca llevan los dígitos 0 ni 1: un 0 se lee como la letra O, y un 1 como la letra I.",
    submit: "Unirme",
    helpAfter: ": líneas de crisis y de apoyo, a cualquier hora.",
    badCode: "Un código tiene 6 letras y números, como K7M2QX. Revisa el código en la pantalla.",
    noSuchCode: ({ code }: { code: string }) => `No hay ninguna sesión en curso con el código ${code}. Revisa el código en la pantalla.`,
    ended: "Esa sesión ha terminado. Gracias por formar parte.",
  } satisfies typeof phoneEn.join,
  help: {
    title: "Pedir ayuda · Beside",
    back: "Volver a la sesión",
    heading: "Pedir ayuda",
    danger: "Si ahora mismo estás en peligro, llama al número de emergencias de tu zona.",
    notAlone: "No tienes que pasar por esto a solas.",
    international: (place: string) => `${place} (internacional)`,
    otherPlaces: "Otros lugares",
    footer:
      "Estos servicios los añade quien administra este servidor de Beside. Los números pueden cambiar; si alguno no " +
      "funciona, prueba con el directorio internacional.",
    call: (number: string) => `Llamar al ${number}`,
    text: (number: string) => `Enviar un SMS al ${number}`,
    checked: "Datos revisados el",
  } satisfies typeof phoneEn.help,
} satisfies typeof phoneEn;
