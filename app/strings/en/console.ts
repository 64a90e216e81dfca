import { formatsFor } from "../intl";
import type { Pace } from "~/runs/schedule";
import type { ShortcutAction } from "~/runs/shortcuts";
import type { PromptType } from "~/content/plan-schema";


const en = formatsFor("en");

/** The facilitator's console: controls, notices, timers, shortcuts, moderation. */
export const console_ = {
  title: (planTitle: string) => `Console · ${planTitle} · Beside`,
  titleFallback: "Console · Beside",
  forbidden: "This console opens from the facilitator link you got when the session started.",
  code: "Code",
  phonesConnected: (count: number) => en.plural(count, { one: "# phone connected", other: "# phones connected" }),
  roomExpects: "People expected",
  roomOver: (connected: number, expected: number) =>
    `More phones than people: ${connected} connected, ${expected} expected. Someone may have joined twice, or from outside the room. Results and “I'm in” count phones, not people: ask the room, and don't reveal results while it's unclear.`,
  roomJump: (added: number) =>
    `${en.plural(added, { one: "# more phone", other: "# more phones" })} joined in the last minute. If nobody new came in, someone may be joining more than once: results count phones, not people.`,
  pause: "Pause the session",
  resume: "Resume the session",
  blank: "Blank the display",
  unblank: "Show the display",
  openDisplay: "Open audience display",
  fullscreen: "Fullscreen",
  shortcutsButton: "Shortcuts",
  /** "End run", and the dialog that asks before it ends the session. */
  endDialog: {
    open: "End run",
    title: "End this session for everyone?",
    text: "Phones will show that it has ended, and answers can no longer change. This can't be undone.",
    keep: "Keep the session going",
    end: "End the session",
  },
  notConnected: "Not connected right now. Beside is reconnecting; try again in a moment.",
  timeout: "The server didn't answer in time. Check the connection and try again.",
  refused: (reason: string) => `This console can't connect to the run (${reason}). Open the facilitator link again.`,
  blankNotice: "The display is blank, so the room can look at each other instead. Phones carry on. Press B to show it again.",
  pausedNotice: "The room is on a break: the display and every phone show a calm break screen. Resume when everyone is ready.",
  endedNotice: "This session has ended. Its answers are kept as group totals.",
  backToPlans: "Back to the plans",
  slides: "Slides",
  position: (slide: number, of: number) => `Slide ${slide} of ${of}`,
  planned: (minutes: number) => ` · planned ${minutes} min`,
  groupAgreement: "Group agreement",
  agreementHint: "Phones show “I'm in”; nobody is told who hasn't tapped.",
  grounding: (inhale: number, hold: number, exhale: number) =>
    `Grounding: the display and phones show a breathing guide (in ${inhale} s${hold ? `, hold ${hold} s` : ""}, out ${exhale} s). Nothing is collected.`,
  question: "Question",
  responses: (count: number) => en.plural(count, { one: "response", other: "responses" }),
  /** While answers are open the count moves only in steps of k (so it can't say who hasn't answered yet). */
  responsesSoFar: (atLeast: number, k: number) => (atLeast === 0 ? `fewer than ${k} responses` : `at least ${atLeast} responses`),
  /** Said beside that count: why it moves in steps. */
  responsesWhy: (k: number) => `counted in steps of ${k}, so nobody's answer stands out`,
  passed: (count: number) => ` (${count} passed)`,
  results: (revealed: boolean): string => (revealed ? "Results (on the display)" : "Results (only you can see these)"),
  revealedHint: (k: number) => `Answers reach every screen, yours too, in groups of at least ${k}, so no bar moves as one person taps.`,
  hiddenHint: (k: number) =>
    `Results stay hidden while answers are open. Close answers to see them, or reveal them now to show them in groups of at least ${k}.`,
  heldBack: (count: number, k: number) =>
    `${en.plural(count, { one: "# response (new or changed) came after the last group and isn't", other: "# responses (new or changed) came after the last group and aren't" })} shown, ` +
    `here or on the display: fewer than ${k} arrived, so showing them could point at whoever answered last.`,
  contentSlide: "No question on this slide: phones show “listen along”.",
  roundSlide: "A spoken round: phones and the display say that anyone may speak and anyone may pass. Invite, never go person by person.",
  notes: "Notes",
  noNotes: "No notes for this slide.",
  next: "Next",
  nextAsks: (question: string) => ` — asks: ${question}`,
  lastSlide: "This is the last slide.",
  join: "Join",
  anotherDevice: "Continue on another device",
  anotherDeviceWarning: "Anyone with this link can run the session. Keep it to yourself.",
  facilitatorLink: "Facilitator link",
  phonesJoinAt: "Phones join at",
  previousSlide: "← Previous",
  nextSlide: "Next →",
  /** The same control while approved answers are read aloud: it steps through them before it moves the slide. */
  previousAnswer: "← Previous answer",
  nextAnswer: "Next answer →",
  onDisplay: "On the display",
  /** Audience displays connected to the run (the console's own thumbnail isn't one). */
  displays: (count: number) =>
    count === 0 ? "No display connected" : en.plural(count, { one: "Display connected", other: "# displays connected" }),
  noDisplayHint: "The room sees nothing yet: press “Open audience display”, or open the display's address on the room's computer.",
  previewTitle: "The audience display, as the room sees it",
  promptTypes: {
    "single-choice": "Choose one",
    "multiple-choice": "Choose any",
    scale: "Scale",
    ranking: "Rank",
    "word-cloud": "Word cloud",
    "open-text": "Open text",
  } satisfies Record<PromptType, string>,
  phases: { pending: "Not opened yet", open: "Open for answers", closed: "Closed" },
  resultsShown: " · results shown",
  questionControls: "Question controls",
  open: "Open for answers",
  reopen: "Reopen answers",
  close: "Close answers",
  reveal: "Reveal results",
  hide: "Hide results",
  signals: {
    pause: (count: number) => en.plural(count, { one: "Someone would like a pause", other: "# people would like a pause" }),
    steppingOut: (count: number) =>
      en.plural(count, { one: "someone has stepped out and said they're OK", other: "# people have stepped out and said they're OK" }),
    window: (minutes: number) => ` (last ${minutes} minutes). `,
    breakHint: "A break may help: “Pause the session” puts every screen on a calm break.",
  },
  timers: {
    session: "Session",
    slide: "Slide",
    of: (planned: string) => ` of ${planned}`,
    pace: {
      "on-time": () => "On time",
      behind: (minutes: number) => `About ${minutes} min behind the plan`,
      ahead: (minutes: number) => `About ${minutes} min ahead of the plan`,
    } satisfies Record<Pace, (minutes: number) => string>,
  },
  countdown: {
    label: "Countdown on the display",
    minutes: "min",
    start: "Start",
    left: "Countdown on the display:",
    leftAfter: "left",
    stop: "Stop the countdown",
  },
  shortcuts: {
    title: "Keyboard shortcuts",
    or: " or ",
    remote: "A presentation remote's buttons send Page Up and Page Down, so they work too.",
    /** A link to the facilitator guide, opened in a new tab so the console keeps its place. */
    guide: "The facilitator guide (opens in a new tab): pause signals, written answers, someone in distress",
    close: "Close",
    actions: {
      next: "Next slide (while reading answers aloud: the next answer, then the next slide)",
      previous: "Previous slide (while reading answers aloud: the previous answer first)",
      "open-close": "Open or close answers",
      "reveal-hide": "Reveal or hide results",
      blank: "Blank the display, or show it again",
      pause: "Pause the session for a break, or resume",
      fullscreen: "Fullscreen on or off",
      help: "Show these shortcuts",
    } satisfies Record<ShortcutAction, string>,
  },
  moderation: {
    toRead: "To read first",
    /** A pending entry holding a word from the plan language's distress list (content/distress/). */
    mayDistress: "May signal distress",
    mayDistressHint:
      "Consider not showing it. You could remind the group, without pointing at anyone, that Get help is on every phone.",
    nothingWaiting: "Nothing waiting.",
    approve: "Approve",
    hide: "Hide",
    approved: "Approved for the display",
    readAloud: "Read aloud",
    readingAloud: (position: number, total: number) => `Reading aloud ${position} of ${total}`,
    readingAloudHint: "Next (→, Page Down or a remote) reads the next one; after the last, it moves on to the next slide.",
    showAll: "Show all",
    startReading: "Read aloud, one at a time",
    showAlone: "Show alone",
    hidden: (count: number) => `Hidden (${count})`,
    hiddenNote: "Hidden text never reaches the display, and is deleted when the run ends.",
    backToQueue: "Back to the queue",
    hideWord: "Hide a word from the display",
    wordHidden: "hidden · show",
    wordShown: "hide",
    wordsToRead: "Words to read first",
    wordsWaitNote: "This slide is marked sensitive, so a word reaches the display only once you approve it.",
    wordsDecided: "Approved and hidden words",
    wordHiddenToQueue: "hidden · back to the queue",
  },
};
