import { library } from "./library";
import { reports } from "./reports";
import { settings } from "./settings";
import { staff } from "./staff";

/** The organisers' and facilitators' pages in English: sign-in, accounts, the library, reports, settings. */
export const staffEn = {
  staff,
  library,
  reports,
  settings,
};
