/**
 * The server side of the participant page (routes/j.$code), in one module that only it imports. In the browser build
 * each `.server` module a route imports becomes an empty stub, and a stub that several routes import is a script file
 * of its own: one request more for nothing, waiting its turn for one of the six connections a phone opens. A stub that
 * one route alone imports stays inside that route's script (app/root.server.ts; tests/integration/bundle-size.test.ts).
 */
export { tooManyCodes } from "./code-guesses.server";
export { forgetPhoneCookies, phoneCookies, phoneFormAction, type PhoneFormOutcome } from "./phone-forms.server";
