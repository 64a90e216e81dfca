import { useMatches } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A route whose page works whole without scripts (its buttons are plain forms) may say so in its `handle`: on a slow
 * line its scripts then wait for the person (docs/decisions/043-scripts-wait-on-slow-lines.md).
 */
export interface SlowLineHandle {
  scriptsWaitOnSlowLines: true;
}

/** Whether the page's deepest route asks for it. */
export function useScriptsWaitOnSlowLines(): boolean {
  const matches = useMatches();
  return matches.some((match) => (match.handle as Partial<SlowLineHandle> | undefined)?.scriptsWaitOnSlowLines === true);
}

/**
 * Parts of the page that load its scripts (`<Scripts />`, the catalogue's preloads). On a page that asks for it
 * (useScriptsWaitOnSlowLines), the server draws them inert, inside a <template>, and an inline script puts them in
 * place (`slowLineActivator`, scripts-on-slow-lines.server.ts); the browser, which runs only once they are in place,
 * draws them as they are.
 */
export function ScriptsThatWait({ wait, children }: { wait: boolean; children: ReactNode }) {
  if (!wait || typeof document !== "undefined") return <>{children}</>;
  return <template data-scripts-wait="">{children}</template>;
}
