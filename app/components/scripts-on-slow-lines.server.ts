/**
 * The inline script of a page whose scripts wait on a slow line (app/components/scripts-on-slow-lines.tsx), as the
 * server writes it into the page: the function below, sent as text, so none of it is in the browser's scripts.
 */

/**
 * How long the person must have left the page alone (no tap, no key, no form sent) before a slow line's scripts come.
 * Shorter than a person reading content notes; longer than the gap between the taps of someone who answers at once.
 */
export const IDLE_BEFORE_SCRIPTS_MS = 2500;

/**
 * Runs inline, at the end of the page, before anything of Beside's scripts is asked for. On a line the browser
 * reports as slow (`navigator.connection`: a round trip of 400 ms or more, or an effective type of 2g), every request
 * waits seconds, and a browser opens at most six connections to the server: the page's scripts, asked for all at
 * once, would hold them while the person taps "Join the session" or "Send", and the form's post would wait its turn.
 * So there the page's scripts (kept inert in <template> elements) are put in place only once the person has left the
 * page alone for IDLE_BEFORE_SCRIPTS_MS; anywhere else (and in browsers without `navigator.connection`) at once. A
 * form sent meanwhile leaves this page, and the next one waits in turn. Putting them in place restores the page
 * exactly as Remix drew it, so the page then comes to life as any other. Kept short and free of outside names: it is
 * sent as text.
 */
function waitOnSlowLines(idleMs: number) {
  const activator = document.currentScript;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const events = ["pointerdown", "keydown", "input", "submit"];
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(start, idleMs);
  };
  function start() {
    for (const name of events) document.removeEventListener(name, restart, true);
    for (const template of Array.from(document.querySelectorAll<HTMLTemplateElement>("template[data-scripts-wait]"))) {
      template.replaceWith(document.importNode(template.content, true));
    }
    activator?.remove();
  }
  const line = (navigator as Navigator & { connection?: { rtt?: number; effectiveType?: string } }).connection;
  const slow = line !== undefined && ((line.rtt ?? 0) >= 400 || /2g$/.test(line.effectiveType ?? ""));
  if (!slow) return start();
  for (const name of events) document.addEventListener(name, restart, true);
  restart();
}

/** The activator's text, for an inline script at the end of the page's body. */
export function slowLineActivator(): string {
  return `(${waitOnSlowLines.toString()})(${IDLE_BEFORE_SCRIPTS_MS})`;
}
