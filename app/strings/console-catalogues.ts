import type { ConsoleStrings } from "./console";
import { console_ as de } from "./de/console";
import { console_ as en } from "./en/console";
import { console_ as es } from "./es/console";
import { PSEUDO } from "./index";
import { pseudoOf } from "./pseudo-text";

/** The console's text in each of Beside's languages: only the console page imports this. */
const CONSOLES: Record<string, ConsoleStrings> = { en, es, de, [PSEUDO]: pseudoOf(en) };

/** The console's text for a page's catalogue tag (app/strings/index.ts). */
export function consoleStringsFor(tag: string): ConsoleStrings {
  return CONSOLES[tag] ?? en;
}
