import { createContext, useContext } from "react";

import type { console_ } from "./en/console";

/**
 * The console's own text: a facilitator's, not the room's, so a phone or the display never downloads it. The
 * console page provides it (console-catalogues.ts) to the components it draws.
 */
export type ConsoleStrings = typeof console_;

const ConsoleStringsContext = createContext<ConsoleStrings | null>(null);

export const ConsoleStringsProvider = ConsoleStringsContext.Provider;

export function useConsoleStrings(): ConsoleStrings {
  const strings = useContext(ConsoleStringsContext);
  if (!strings) throw new Error("useConsoleStrings needs the console page's ConsoleStringsProvider");
  return strings;
}
