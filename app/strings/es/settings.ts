import { formatsFor } from "../intl";
import type { settings as settingsEn } from "../en/settings";

const es = formatsFor("es");

const characters = (count: number) => es.plural(count, { one: "# carácter", other: "# caracteres" });

const hexColour = (part: string) => `Escribe el color de ${part} como # y seis dígitos hexadecimales, por ejemplo #1b6560.`;

/** La página de ajustes de la organización: una sección por ajuste, con su formulario y sus comprobaciones. */
export const settings = {
  title: "Ajustes · Beside",
  heading: "Ajustes",
  saved: "Guardado.",
  save: "Guardar",
  saving: "Guardando…",
  unknownForm: "Ese formulario no es de esta página. Vuelve a cargar la página e inténtalo de nuevo.",
  organisation: {
    title: "Organización",
    name: "Nombre de la organización",
    hint: (max: number) =>
      `Aparece arriba en las páginas del equipo y, en pequeño, en la pantalla de la sala. Hasta ${characters(max)}; déjalo vacío si no quieres mostrar ninguno.`,
  } satisfies typeof settingsEn.organisation,
  colours: {
    title: "Colores de la pantalla",
    intro:
      "Los colores de fondo, de texto y de resultados de la pantalla de la sala. El texto debe destacar sobre el fondo al menos " +
      "4,5 a 1, y las barras al menos 3 a 1 (WCAG 2.2 AA), para que se puedan leer desde el final de la sala.",
    yours: "La pantalla usa tus colores.",
    besides: "La pantalla usa los colores de Beside.",
    reset: "Usar los colores de Beside",
    resetConfirm: (background: string, text: string, accent: string) =>
      `Se borrarán tus colores de pantalla (fondo ${background}, texto ${text}, resultados ${accent}), ` +
      "y la pantalla usará los colores de Beside.",
    parts: {
      background: "Fondo",
      text: "Texto",
      accent: "Acento (barras de resultados)",
    } satisfies typeof settingsEn.colours.parts,
    hexHint: "# y seis dígitos hexadecimales",
    picker: (part: string) => `${part}: elegir en una paleta`,
    preview: "Vista previa de la pantalla de la sala",
    sample: {
      question: "¿Qué te ayuda a pedir ayuda?",
      first: "Que alguien pregunte primero",
      second: "Tiempo para pensarlo",
      hint: "Respondan en su teléfono, o pasen.",
    } satisfies typeof settingsEn.colours.sample,
    textContrast: (ratio: string, min: number) => `Texto sobre el fondo: ${ratio} (necesita ${min}:1)`,
    accentContrast: (ratio: string, min: number) => `Acento sobre el fondo: ${ratio} (necesita ${min}:1)`,
    submit: "Guardar colores",
  } satisfies typeof settingsEn.colours,
  privacy: {
    title: "Umbral de privacidad",
    intro:
      "Los resultados de una pregunta quedan ocultos para todo el mundo, también para quien facilita, hasta que haya " +
      "respondido al menos este número de personas, para que en un grupo pequeño nadie quede señalado por su respuesta.",
    label: "Mostrar resultados solo a partir de este número de respuestas",
    hint: (min: number, max: number) =>
      `Del ${min} al ${max}. Las sesiones nuevas empiezan con este valor; quien facilita puede elegir otro al iniciar una.`,
  } satisfies typeof settingsEn.privacy,
  retention: {
    title: "Conservación del texto libre",
    intro:
      "Las respuestas de texto libre y las palabras de las nubes de palabras se borran para siempre este número de días después " +
      "de que termine una sesión. Los recuentos se quedan (cuántas personas respondieron, pasaron o eligieron cada opción), " +
      "así las sesiones anteriores conservan sus resultados.",
    label: "Días que se conserva el texto libre después de una sesión",
    hint: (min: number, max: number) => `Del ${min} al ${max}.`,
  } satisfies typeof settingsEn.retention,
  help: {
    title: "Recursos de «Pedir ayuda»",
    intro: "Las líneas de crisis y de apoyo de la página «Pedir ayuda», enlazada desde la pantalla de cada participante.",
    own: "En uso: la lista propia de tu organización.",
    shipped: "En uso: la lista que viene con este servidor.",
    stale: (count: number) =>
      `${es.plural(count, { one: "# entrada se revisó", other: "# entradas se revisaron" })} por última vez hace más de un año.`,
    staleAdvice: "Comprueba que los números siguen funcionando y actualiza la fecha.",
    toVerify: (count: number) =>
      `${es.plural(count, { one: "# entrada lleva", other: "# entradas llevan" })} la marca verify: las incluyó el proyecto Beside y tu organización aún no las ha comprobado.`,
    toVerifyAdvice: "Llama o abre cada una, actualiza su fecha y quita su línea verify.",
    verifyMark: "aún sin comprobar por ti",
    caption: "Entradas en uso",
    columns: {
      place: "Lugar",
      service: "Servicio",
      contact: "Contacto",
      lastVerified: "Última revisión",
    } satisfies typeof settingsEn.help.columns,
    staleMark: "hace más de un año",
    call: (phone: string) => `llamar al ${phone}`,
    text: (number: string) => `SMS al ${number}`,
    source: "La lista, en YAML",
    hint: {
      text:
        "Agrupada por lugar (una etiqueta de idioma como es-MX), con una sección \"international\" que se muestra a todo el mundo. " +
        "Cada entrada necesita name (nombre), description (descripción), phone, text o url (teléfono, SMS o web), y",
      end: ": el día en que alguien la revisó (AAAA-MM-DD). Los comentarios del principio del archivo explican el resto.",
    } satisfies typeof settingsEn.help.hint,
    problems: "Problemas en la lista",
    refused: "Esta lista tiene los problemas que aparecen abajo, así que no se guardó nada. Corrígelos y vuelve a guardarla.",
    saveList: "Guardar la lista",
    reset: "Volver a la lista que viene con Beside",
    resetConfirm: (count: number) =>
      `Se borrará la lista propia de tu organización, con ${es.plural(count, { one: "# entrada", other: "# entradas" })}, ` +
      "y la página «Pedir ayuda» mostrará la lista que viene con Beside.",
  } satisfies typeof settingsEn.help,
  regions: {
    title: "La región de tu grupo",
    intro:
      "Los lugares cuyos servicios muestra primero la página «Pedir ayuda» de cada teléfono, en este orden. Después va el " +
      "lugar que coincida con el idioma y la región del teléfono, si lo hay, y luego los demás.",
    legend: "Regiones que se muestran primero",
    slots: ["Primera región", "Segunda región", "Tercera región"] satisfies typeof settingsEn.regions.slots,
    none: "Ninguna",
    notInList: (region: string) => `${region} (no está en la lista)`,
    hint: "Elige entre los lugares de la lista de «Pedir ayuda» de abajo. Si no eliges ninguno, un teléfono cuyo idioma no coincida con ningún lugar verá primero la sección internacional.",
    save: "Guardar las regiones",
  } satisfies typeof settingsEn.regions,
  forms: {
    answersRange: (min: number, max: number) => `Escribe un número de respuestas del ${min} al ${max}.`,
    daysRange: (min: number, max: number) => `Escribe un número de días del ${min} al ${max}.`,
    chooseColour: {
      background: "Elige un color de fondo.",
      text: "Elige un color de texto.",
      accent: "Elige un color de acento.",
    } satisfies typeof settingsEn.forms.chooseColour,
    hexColour: {
      background: hexColour("fondo"),
      text: hexColour("texto"),
      accent: hexColour("acento"),
    } satisfies typeof settingsEn.forms.hexColour,
    textContrast: (ratio: string, min: number) =>
      `El texto sobre este fondo tiene un contraste de ${ratio}; una sala necesita al menos ${min}:1 para leerlo.`,
    accentContrast: (ratio: string, min: number) =>
      `Las barras de este color de acento tienen un contraste de ${ratio} con el fondo; necesitan al menos ${min}:1 para verse bien.`,
    nameTooLong: (max: number) => `El nombre puede tener como máximo ${characters(max)}.`,
    writeList: "Escribe la lista de recursos de ayuda.",
    regionUnknown: "Elige una región de la lista.",
    regionTwice: "Elige cada región una sola vez.",
    regionNotInList: (regions: string, count: number) =>
      `${regions} ${es.plural(count, { one: "no es una sección", other: "no son secciones" })} de la lista de «Pedir ayuda» en uso, así que no se guardó nada. Elige de la lista.`,
    listTooLong: "La lista debe tener menos de 100.000 caracteres.",
  } satisfies typeof settingsEn.forms,
} satisfies typeof settingsEn;
