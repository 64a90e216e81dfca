import { formatsFor } from "../intl";
import type { SignalKind } from "~/realtime/events";

const en = formatsFor("en");

/** A participant's phone: typing a code, the content notes before joining, answering, the safety bar, getting help. */
export const phone = {
  getHelp: "Get help",
  ok: "OK",
  notFound: {
    heading: "We couldn't find that session",
    text: (code: string) => `No session is running with the code ${code}. Check the code on the screen and try again.`,
    typeCode: "Type a code",
  },
  ended: {
    heading: "This session has ended",
    thanks: "Thank you for being part of it. Your answers are kept only as group totals.",
    notAlone: "If today brought something up, you don't have to carry it alone.",
  },
  /** What a phone shows before it joins: the plan's content notes, passing, anonymity. */
  gate: {
    eyebrow: "Before you join",
    touchesOn: "This session touches on:",
    pass: "You can pass on any question and step out at any time.",
    anonymous: "Your answers are anonymous: nobody, the facilitator included, can see who answered what.",
    quiet: "If today isn't the right day for this, it's fine to close this page.",
    join: "Join the session",
  },
  /** On a phone without scripts, which sees what is on screen by refreshing its page. */
  refresh: "Refresh",
  /** Followed by a link, typeCodeAgain. */
  unreachable: "This session can't be reached any more.",
  typeCodeAgain: "Type the code again",
  notCounted: (question: string) => `Your answer to “${question}” couldn't be sent in time, so it wasn't counted.`,
  listen: "Listen along. Nothing to answer on this slide.",
  /** While the question box's own code loads (it loads only when a box opens). */
  questionBoxLoading: "Opening the question box…",
  slideText: "Show the slide text",
  question: "Question",
  pending: "The facilitator will open this question soon.",
  closed: "Answers for this question are closed.",
  footer: "Anonymous: nobody, the facilitator included, can see who answered what.",
  /** An answer on its way to the server. */
  sending: {
    sending: "Sending…",
    retrying: "Not sent yet. Trying again…",
    offline: "You're offline for a moment. Your answer is kept here and will be sent when the connection is back.",
    /** `reason`: why the server refused it (refusals). */
    notSent: (reason: string) => `Not sent: ${reason}`,
  },
  confirmation: {
    passed: "Passed",
    answered: "Your answer is in",
    change: "Change my answer",
  },
  /** Offered on the phone alone after a written answer with words from the distress list; nobody else is told. */
  nudge: {
    text: "Thank you for writing that. If things feel heavy right now, support is there whenever you want it.",
    private: "Only your phone shows this. Nobody else is told.",
    link: "See where to find support",
    dismiss: "Close this message",
  },
  /** A participant's own answer, in words, under the confirmation. */
  yours: {
    passed: "You passed on this one. That's always OK.",
    /** `options`: the chosen options, joined. */
    chose: (options: string) => `You chose: ${options}`,
    scale: (value: number) => `You chose ${value}.`,
    /** `words`: the words, joined. */
    words: (count: number, words: string) => `Your ${en.plural(count, { one: "word", other: "words" })}: ${words}`,
    wrote: (text: string) => `You wrote: “${text}”`,
    /** `options`: the ranked options, first first, joined. */
    ranked: (options: string) => `Your order: ${options}`,
  },
  answer: {
    send: "Send answer",
    pass: "Pass on this one",
    chooseAny: "Choose as many as fit.",
    chooseAnyOrAlone: (option: string) => `Choose as many as fit, or “${option}” on its own.`,
    /** Heard by screen readers after the lowest and highest values of a scale: "1 (Not at all)". */
    scaleEnd: (label: string) => `(${label})`,
    upToWords: (max: number) => `Up to ${en.plural(max, { one: "# word", other: "# words" })}, one per box.`,
    word: (number: number) => `Word ${number}`,
    text: "Your answer",
    characters: (used: number, max: number) => `${used} / ${max}`,
    ranking: {
      hint: (top: number, options: number) =>
        top < options ? `Drag or move your top ${top} to the top: only they count.` : "Drag or move them into your order, first at the top.",
      /** Beside an option below the places that count, when only the top few do. */
      notCounted: "Not counted",
      /** The place shown beside an option. */
      place: (place: number) => `${place}.`,
      moveUp: (option: string) => `Move up: ${option}`,
      moveDown: (option: string) => `Move down: ${option}`,
      /** Said after a move: "Sleep, now 2 of 5". */
      moved: (option: string, place: number, places: number, counted: boolean) =>
        counted ? `${option}, now ${place} of ${places}` : `${option}, now ${place} of ${places}, not counted`,
      /** Until the participant has moved something, the order is the plan's, not theirs. */
      untouched: "Move one to make the order yours.",
      /** Before the page's scripts arrive (or on a phone without them): one list per place. */
      plainHint: (top: number, options: number) =>
        top < options ? `Choose your top ${top}, first at the top: only they count.` : "Choose an option for each place, first at the top.",
      /** A place's list, as a screen reader names it. */
      placeLabel: (place: number) => `Place ${place}`,
      /** A place's list before anything is chosen in it. */
      choose: "Choose…",
    },
  },
  /** What a screen reader hears as the session moves on, without the whole slide read again. */
  announce: {
    break: "We're taking a short break.",
    carriesOn: (slide: string) => `The session carries on. Slide: ${slide}.`,
    slide: (slide: string) => `Slide: ${slide}.`,
    slideAndQuestion: (slide: string, question: string) => `Slide: ${slide}. Question open: ${question}`,
    newQuestion: (question: string) => `New question: ${question}`,
    openAgain: (question: string) => `Open again: ${question}`,
    closed: "Answers are closed.",
    results: "Results are shown.",
  },
  imIn: {
    button: "I'm in",
    sending: "Sending…",
    hint: "Only if it feels right. Screens show how many are in, never who, and never who isn't.",
    thanks: "You're in. Thank you.",
    failed: "Couldn't send just now. Try again in a moment.",
  },
  /** The bar at the bottom of every participant screen. */
  safety: {
    label: "Pause and help",
    signals: { pause: "I need a pause", "stepping-out": "Stepping out, I'm OK" } satisfies Record<SignalKind, string>,
    sending: "Sending…",
    sent: "Sent",
    /** Heard after "Sending…" or "Sent", so a screen reader knows which button says it. */
    which: (signal: string) => `: ${signal}`,
    confirmations: {
      pause: "Sent. The facilitator sees that someone would like a pause — not who.",
      "stepping-out": "Sent. Take the time you need. You can come back whenever you like.",
    } satisfies Record<SignalKind, string>,
    failed: "Couldn't send just now. Try again in a moment.",
  },
  join: {
    title: "Join a session · Beside",
    heading: "Join a session",
    intro: "No name, no account. Nobody, the facilitator included, can see who answered what.",
    code: "Code on the screen",
    codeHint: "Codes never use the digits 0 or 1: typing 0 is read as the letter O, and 1 as the letter I.",
    submit: "Join",
    /** After a "Get help" link. */
    helpAfter: ": crisis and support lines, any time.",
    badCode: "A code is 6 letters and numbers, like K7M2QX. Check the code on the screen.",
    /** Said by the page from the reason the server sends, so its one parameter comes as an object. */
    noSuchCode: ({ code }: { code: string }) => `No session is running with the code ${code}. Check the code on the screen.`,
    ended: "That session has ended. Thank you for being part of it.",
  },
  /** The Get help page's own words; the services it lists come from the help resources file. */
  help: {
    title: "Get help · Beside",
    back: "Back to the session",
    heading: "Get help",
    danger: "If you are in danger right now, call your local emergency number.",
    notAlone: "You don't have to go through this alone.",
    /** `place`: a section's label, for the section of services that work from anywhere. */
    international: (place: string) => `${place} (international)`,
    otherPlaces: "Other places",
    footer:
      "These services are listed by whoever runs this Beside server. Numbers can change; if one doesn't work, try the " +
      "international directory.",
    call: (number: string) => `Call ${number}`,
    text: (number: string) => `Text ${number}`,
    /** Followed by the date. */
    checked: "Details as of",
  },
};
