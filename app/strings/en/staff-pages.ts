import { guide } from "./guide";
import { library } from "./library";
import { reports } from "./reports";
import { settings } from "./settings";
import { staff } from "./staff";

/** The organisers' and facilitators' pages in English: sign-in, accounts, the library, the facilitator guide, reports, settings. */
export const staffEn = {
  staff,
  library,
  guide,
  reports,
  settings,
};
