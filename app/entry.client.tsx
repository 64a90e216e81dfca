import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

import { loadCatalogue } from "~/strings";

/**
 * Remix's own browser entry, with one step first: the page's catalogue, the one language the server drew the page
 * in (its <html lang>), loads as a chunk of its own before the page comes to life, so a phone downloads no other
 * language's text (app/strings/index.ts).
 */
function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

/** On a weak signal the chunk may not come at first: the page is already drawn, so try again until it does. */
function start(attempt = 0) {
  loadCatalogue(document.documentElement.lang || "en").then(hydrate, () => setTimeout(() => start(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt)));
}

start();
