import type { guide as guideEn } from "../en/guide";

/** Las páginas de la guía de facilitación (su texto está en content/guide; estas son las palabras de alrededor). */
export const guide = {
  title: "Guía de facilitación · Beside",
  pageTitle: (pageTitle: string) => `${pageTitle} · Guía de facilitación · Beside`,
  nav: "Guía",
  contents: "Las páginas de la guía",
  index: "Todas las páginas de la guía",
  library: "Biblioteca",
  signIn: "Entrar",
  previous: (title: string) => `Anterior: ${title}`,
  next: (title: string) => `Siguiente: ${title}`,
  pager: "Páginas antes y después de esta",
  notFound: "No hay ninguna página de la guía en esta dirección.",
} satisfies typeof guideEn;
