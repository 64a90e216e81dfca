import type { errors as errorsEn } from "../en/errors";

/** La página de error, para cualquier página que falle. */
export const errors = {
  headings: { 403: "No es para esta cuenta", 404: "No se encontró", 429: "Demasiados intentos" } satisfies typeof errorsEn.headings,
  heading: "Algo salió mal",
  serverError: "Algo salió mal por nuestra parte. Volver a cargar la página suele ayudar.",
  back: "Volver a Beside",
} satisfies typeof errorsEn;
