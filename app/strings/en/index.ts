import { console_ } from "./console";
import { library } from "./library";
import { phone } from "./phone";
import { refusals } from "./refusals";
import { reports } from "./reports";
import { display, room } from "./room";
import { settings } from "./settings";
import { errors, staff } from "./staff";

/** Beside's interface text in English: the source catalogue every translation follows. */
export const en = {
  console: console_,
  display,
  room,
  staff,
  errors,
  library,
  reports,
  settings,
  phone,
  refusals,
};
