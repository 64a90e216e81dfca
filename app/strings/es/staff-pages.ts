import type { StaffStrings } from "../staff";
import { guide } from "./guide";
import { library } from "./library";
import { reports } from "./reports";
import { settings } from "./settings";
import { staff } from "./staff";

/** Las páginas de quienes organizan y facilitan, en español: entrar, cuentas, la biblioteca, la guía, informes, ajustes. */
export const staffEs = {
  staff,
  library,
  guide,
  reports,
  settings,
} satisfies StaffStrings;
