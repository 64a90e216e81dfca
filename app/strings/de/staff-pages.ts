import type { StaffStrings } from "../staff";
import { guide } from "./guide";
import { library } from "./library";
import { reports } from "./reports";
import { settings } from "./settings";
import { staff } from "./staff";

/** Die Seiten für Organisator:innen und Moderation auf Deutsch: Anmelden, Konten, Bibliothek, Leitfaden, Berichte, Einstellungen. */
export const staffDe = { staff, library, guide, reports, settings } satisfies StaffStrings;
