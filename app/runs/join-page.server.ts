/** The server side of the join page (routes/join), in one module that only it imports: see participant-page.server.ts. */
export { retryAfterOf, tooManyCodes } from "./code-guesses.server";
