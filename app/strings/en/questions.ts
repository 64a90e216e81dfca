import { formatsFor } from "../intl";

const en = formatsFor("en");

/**
 * The question box (anonymous questions to the facilitator) in English. Kept apart from the run's catalogue
 * (./index.ts) so that a phone downloads it only with the question box's own code, which loads when a box opens
 * (decision 036). A translation follows this object as it follows `en`.
 */
export const questions = {
  phone: {
    heading: "Ask the facilitator",
    intro: "Your question is anonymous: nobody, the facilitator included, can see who sent it. It appears here once the facilitator has read it.",
    label: "Your question",
    send: "Send question",
    sending: "Sending…",
    sent: "Sent. The facilitator will read it first.",
    notSent: (why: string) => `Not sent: ${why}`,
    notVoted: (why: string) => `Your vote wasn't counted: ${why}`,
    listHeading: "Questions from the room",
    none: "No questions shown yet.",
    votes: (n: number) => en.plural(n, { one: "# vote", other: "# votes" }),
    upvote: "Me too",
    upvoted: "You voted",
    answeringNow: "Being answered now",
    answered: "Answered",
    yours: "You asked this",
    votesMove: (k: number) => `Vote counts move in steps of at least ${k}, so nobody's vote stands out.`,
  },
  console: {
    heading: "Questions from the room",
    sessionLong: "Question box open all session",
    openOnSlide: "The question box is open on this slide.",
    open: "The question box is open.",
    closed: "The question box is closed.",
    closedHere: "You closed the question box on this slide: it opens again on the next slide that opens it.",
    closeNow: "Close the question box",
    openAgain: "Open the question box again",
    hideWaiting: (n: number) => `Hide all ${n} waiting`,
    waiting: (n: number) => `To read (${n})`,
    nothingWaiting: "No questions waiting.",
    approvedHeading: (n: number) => `Approved, by votes (${n})`,
    hiddenHeading: (n: number) => `Hidden (${n})`,
    approve: "Approve",
    hide: "Hide",
    backToQueue: "Back to the queue",
    answerNow: "Answering now",
    markAnswered: "Answered",
    answered: "Answered",
    votes: (n: number) => en.plural(n, { one: "# vote", other: "# votes" }),
    votesNote: (k: number) => `Vote counts move in steps of at least ${k}.`,
  },
  display: {
    answeringNow: "A question from the room",
    votes: (n: number) => en.plural(n, { one: "# vote", other: "# votes" }),
  },
};

export const questionsEn = questions;
export type QuestionStrings = typeof questions;
