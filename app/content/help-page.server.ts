/** The server side of Get help (routes/help), in one module that only it imports: see app/runs/participant-page.server.ts. */
export { INTERNATIONAL, forParticipants, parseAcceptLanguage, resourcesFor, type HelpResource } from "./help-resources.server";
