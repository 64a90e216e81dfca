import { console_ } from "./console";
import { display, room } from "./room";

/** Beside's interface text in English: the source catalogue every translation follows. */
export const en = {
  console: console_,
  display,
  room,
};
