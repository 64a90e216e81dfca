import { formatsFor } from "../intl";

const en = formatsFor("en");

/**
 * Why the server refused what a phone or a console sent. The server sends a reason (this object's path, such as
 * "answers.scale") and its parameters, never the sentence; each page says it from its own catalogue
 * (app/strings/refusal.ts, docs/realtime.md §10). A phone shows it after "Not sent: ", the console as its problem,
 * a staff page under its form. A message with parameters takes them as one object, named as on the wire.
 */
export const refusals = {
  /** Said to a page or a phone's connection when its network address got too many join codes wrong (decision 023). */
  tooManyCodes: ({ seconds }: { seconds: number }) =>
    `Too many wrong codes came from this network. Check the code on the screen and try again in ${en.plural(seconds, { one: "# second", other: "# seconds" })}.`,
  noSuchSession: "This session doesn't exist.",
  ended: "This session has ended.",
  paused: "The session is on a break.",
  /** `number`: counted from 1. */
  noSuchSlide: ({ number }: { number: number }) => `There is no slide ${number}.`,
  noSuchPrompt: ({ promptId }: { promptId: string }) => `This plan has no prompt "${promptId}".`,
  notModerated: "Only free text and word-cloud words can be moderated.",
  wordsShownUnlessHidden: "Words are shown unless hidden: hide a word, or show it again.",
  noSuchText: "No answer on the console has that text.",
  readAloudOnScreen: "Read aloud works on the free-text question on screen.",
  notOpenedYet: "This question hasn't been opened yet.",
  readAloudApproved: "Only approved entries can be read aloud.",
  agreementNotOnScreen: "The group agreement isn't on screen right now.",
  notInSession: "That question isn't part of this session.",
  notOpen: "This question isn't open for answers right now.",
  notSaved: "Your answer couldn't be saved. Please try again.",
  /** Why an answer doesn't fit its question: said after "Not sent: ", so in lower case. */
  answers: {
    /** `type`: the prompt type's name in the plan format, "single-choice". */
    wrongType: ({ type }: { type: string }) => `this question expects a ${type} answer`,
    chooseOne: "choose one of the options",
    chooseAtLeastOne: "choose at least one option, or pass",
    chooseShown: "choose from the options shown",
    chooseAlone: ({ option }: { option: string }) => `“${option}” can't be chosen with other options`,
    scale: ({ min, max }: { min: number; max: number }) => `choose a number from ${min} to ${max}`,
    rankOnce: "rank each option once",
    rankCount: ({ top, options }: { top: number; options: number }) =>
      top < options ? `rank exactly ${top} of the options` : `rank all ${options} options`,
    writeWord: "write a word, or pass",
    tooManyWords: ({ max }: { max: number }) => `write at most ${en.plural(max, { one: "# word", other: "# words" })}`,
    wordTooLong: ({ max }: { max: number }) => `keep each word to ${max} characters at most`,
    writeSomething: "write something, or pass",
    textTooLong: ({ max }: { max: number }) => `keep it to ${max} characters at most`,
    unreadable: "part of a character in your answer is missing; please type it again",
  },
  /** The question box's refusals, of a question, a vote, or a console's command about them. */
  questions: {
    boxClosed: "The question box isn't open right now.",
    writeSomething: "write a question first",
    tooLong: ({ max }: { max: number }) => `keep it to ${max} characters at most`,
    unreadable: "part of a character in your question is missing; please type it again",
    justSent: ({ seconds }: { seconds: number }) =>
      `you've just sent a question; you can send another in ${en.plural(seconds, { one: "# second", other: "# seconds" })}`,
    queueFull: "the facilitator has many questions waiting; please try again in a little while",
    noSuchQuestion: "There is no such question.",
    notApproved: "Approve the question first.",
    queueFullHere: ({ max }: { max: number }) => `There are already ${max} questions to read: approve or hide some first.`,
    slideHasNoBox: "This slide doesn't open the question box: keep it open all session instead.",
    /** One address sent many questions within a minute (a whole room on one wifi rarely does). */
    manyFromHere: "many questions came from your network just now; please try again in a minute",
  },
  /** Starting a run from the library. */
  start: {
    notStartable: "That plan doesn't exist or has errors to fix before it can be started.",
    k: ({ min, max }: { min: number; max: number }) => `The privacy threshold must be a whole number from ${min} to ${max}.`,
  },
  /** The realtime connection's own refusals, before a message reaches the run engine. */
  socket: {
    justSent: "You've just sent that; the facilitator will see it shortly.",
    tooMany: "Too many messages at once. Please wait a moment and try again.",
    signedOut: "Your sign-in has ended. Sign in again to run this session.",
    serverError: "Something went wrong on the server. Please try again.",
    unknownEvent: ({ event }: { event: string }) => `Beside has no event called "${event}".`,
    notThisScreen: "This screen can't do that.",
    badShape: ({ event }: { event: string }) => `The ${event} message isn't in the expected shape.`,
    /** Said by the page itself when the server's answer doesn't come. */
    timeout: "The server didn't answer in time.",
  },
  /** A form post refused before Beside reads it. */
  forms: {
    crossSite: "This form was sent from another site, so Beside refused it.",
    noLength: "Beside reads a form only when it is sent with its size.",
    tooBig: ({ megabytes }: { megabytes: number }) => `That is too much to send at once: at most ${megabytes} MB.`,
    notAForm: "Beside's pages take forms only.",
    /** A phone without scripts, from a network that already has as many phones in the session as one may. */
    manyPhones: "This network already has as many phones in this session as it may. Try again a little later.",
  },
};
