import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, LiveReload, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

import { catalogueScripts, pageLanguages, retryAfterOf, slowLineActivator, stylesheetText } from "~/root.server";
import styles from "~/styles/app.css";
import roomStyles from "~/styles/room.css";
import { ScriptsThatWait, useScriptsWaitOnSlowLines } from "~/components/scripts-on-slow-lines";
import { StringsProvider, useCatalogue, useStrings } from "~/strings";
import { isMessage, say } from "~/strings/refusal";
import { useNonce } from "~/utils/nonce";
import { usePageLanguage, type PageLanguages } from "~/utils/page-language";
import { usePhonePage } from "~/utils/phone-page";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * Which languages pages may speak, and the one a page with no language of its own speaks: a signed-in staff
 * member's (their account's; one look-up of the sign-in they already make), else the browser's choice.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return json<PageLanguages>(await pageLanguages(request, context));
}

export const meta: MetaFunction = () => [{ title: "Beside" }];

/** A page a loader refused with 429 (too many wrong join codes) says when to try again: thrown responses end here. */
export const headers: HeadersFunction = ({ errorHeaders }) => retryAfterOf(errorHeaders);

/**
 * A stylesheet of Beside's, in the page itself: on a slow phone connection every
 * request waits seconds before its first byte, and a linked stylesheet would
 * hold the first paint back by one more (decision 019). The server puts the
 * built file's text in; the browser renders the element with the text it
 * found in the page, read before hydration, so even a render of the whole
 * document (after a failed hydration, say) keeps the styles. The element
 * stays for the page's life, across navigations.
 */
function InlineStylesheet({ href }: { href: string }) {
  const css = typeof document === "undefined" ? stylesheetText(href) : (stylesheetsInPage.get(href) ?? "");
  return <style data-href={href} dangerouslySetInnerHTML={{ __html: css }} />;
}

const stylesheetsInPage = new Map(
  typeof document === "undefined"
    ? []
    : [...document.querySelectorAll("style[data-href]")].map((element) => [element.getAttribute("data-href")!, element.innerHTML]),
);

/**
 * What only the console, the display and the staff's pages use (room.css), after app.css; not in a participant's page,
 * which a phone on a weak signal downloads whole each time (docs/decisions/045-phone-stylesheet.md). Once in the page
 * it stays, as app.css does. A phone's page that went on to another page in the browser (none links to one today)
 * would have no text of it: that page links it.
 */
function RoomStylesheet({ phonePage }: { phonePage: boolean }) {
  if (typeof document !== "undefined" && stylesheetsInPage.has(roomStyles)) return <InlineStylesheet href={roomStyles} />;
  if (phonePage) return null;
  return typeof document === "undefined" ? <InlineStylesheet href={roomStyles} /> : <link rel="stylesheet" href={roomStyles} />;
}

const cataloguePreloadsInPage =
  typeof document === "undefined" ? [] : [...document.querySelectorAll("link[data-catalogue]")].map((link) => link.getAttribute("href")!);

/**
 * The scripts of the page's catalogue, asked for with the page's own: the browser's entry loads the catalogue before
 * the page comes to life (entry.client.tsx), and without these the phone would ask for it only once every other
 * script had arrived and run, then for what it imports, two more round trips in turn (docs/performance.md). The
 * browser renders what the server put in the page, read before hydration, as for the stylesheet.
 */
function CataloguePreloads({ tag }: { tag: string }) {
  const urls = typeof document === "undefined" ? catalogueScripts(tag) : cataloguePreloadsInPage;
  return (
    <>
      {urls.map((url) => (
        <link key={url} rel="modulepreload" href={url} data-catalogue="" />
      ))}
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  // The interface speaks the plan's language when Beside has a catalogue for it; the plan's own text says its language itself.
  const { tag, dir } = usePageLanguage();
  const strings = useCatalogue(tag);
  // The policy runs no inline script without this response's nonce (server/headers.ts).
  const nonce = useNonce();
  // A page that works whole without scripts lets them wait on a slow line, so they don't hold the line a tap needs.
  const wait = useScriptsWaitOnSlowLines();
  const phonePage = usePhonePage();
  return (
    <html lang={tag} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <InlineStylesheet href={styles} />
        <RoomStylesheet phonePage={phonePage} />
        <Links />
        <ScriptsThatWait wait={wait}>
          <CataloguePreloads tag={tag} />
        </ScriptsThatWait>
      </head>
      <body>
        <StringsProvider value={strings}>{children}</StringsProvider>
        <ScrollRestoration nonce={nonce} />
        <ScriptsThatWait wait={wait}>
          <Scripts nonce={nonce} />
        </ScriptsThatWait>
        {/* The server's page only: it puts the scripts in place (scripts-on-slow-lines.server.ts), then goes. */}
        {wait && typeof document === "undefined" ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: slowLineActivator() }} /> : null}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const strings = useStrings();
  const t = strings.errors;
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A loader refuses with a message's path in the catalogue (and its parameters), said here in the page's language.
  const message = isRouteErrorResponse(error)
    ? isMessage(error.data)
      ? (say(strings, error.data) ?? error.statusText)
      : typeof error.data === "string"
        ? error.data
        : error.statusText
    : t.serverError;
  return (
    <main className="page page--narrow">
      <h1>{t.headings[status] ?? t.heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t.back}</a>
      </p>
    </main>
  );
}
