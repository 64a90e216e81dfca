import type { AppLoadContext } from "@remix-run/node";

import { currentAccount, staffLanguageOf } from "~/auth/session.server";
import { availableCatalogues } from "~/strings/catalogues.server";
import type { PageLanguages } from "~/utils/page-language";

export { slowLineActivator } from "~/components/scripts-on-slow-lines.server";
export { retryAfterOf } from "~/runs/code-guesses.server";
export { catalogueScripts } from "~/strings/catalogue-scripts.server";
export { stylesheetText } from "~/styles/stylesheet.server";

/**
 * The root route's server side, in one module that only the root imports. In the browser build each `.server` module a
 * route imports becomes an empty stub, and a stub that several routes import is a script file of its own: a tenth of a
 * KB, but one request more on every page, each waiting its turn for a connection on a phone. Through this module the
 * root's stubs are one, inside the root's own script.
 */
export async function pageLanguages(request: Request, context: AppLoadContext): Promise<PageLanguages> {
  const preferred = staffLanguageOf(request, context, await currentAccount(request, context));
  return { catalogues: availableCatalogues(context.beside.config), preferred };
}
