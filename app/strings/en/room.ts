import { formatsFor } from "../intl";
import type { ConnectionStatus } from "~/realtime/use-run-socket";
import type { GroupChangeKind } from "~/runs/group-change";
import type { DisplayThemeName } from "~/settings/display-theme";

const en = formatsFor("en");

/** What the room sees, on the display and on phones alike: results, breaks, agreements, notes, the connection. */
export const room = {
  connection: {
    connecting: "Connecting…",
    online: "Connected",
    offline: "Offline — reconnecting",
    refused: "Not connected",
  } satisfies Record<ConnectionStatus, string>,
  join: {
    qr: (url: string) => `QR code to join: ${url}`,
    at: "Join at",
    withCode: "with code",
  },
  contentNote: "Content note",
  /** Under a spoken round's title, on the display and on phones. */
  round: "A spoken round: anyone may speak, and anyone may pass.",
  /** The note a slide marked `sensitive: true` shows, in the plan's language (a plan can give its own words instead). */
  sensitiveNote: "This part may bring up difficult feelings. You can pass on any question, and step out whenever you need to.",
  agreement: {
    label: "Group agreement",
    waiting: "Waiting for the first “I'm in”",
    inCount: (count: number) => en.plural(count, { one: "# is in", other: "# are in" }),
  },
  break: {
    title: "We're taking a short break",
    rest: "Stretch, get some water, or just sit for a while. There's nothing you need to do.",
    carryOn: "The session will carry on here when everyone is ready.",
    phoneHint: "You can leave this page open: it updates by itself.",
  },
  breathing: {
    label: "Breathing guide",
    inhale: "Breathe in",
    hold: "Hold",
    exhale: "Breathe out",
    note: "Follow along if it helps. Nothing is collected.",
  },
  results: {
    withheld: (k: number) =>
      `Results appear once at least ${k} people have answered. Passing doesn't count towards this, so nobody can be singled out.`,
    earlier: "Earlier",
    earlierHeading: (question: string) => `Earlier: ${question}`,
    now: "Now",
    compareNote: "Two group pictures, side by side. Nobody's own change is shown or kept.",
    atStart: "At the start",
    atStartOf: (question: string) => `At the start: ${question}`,
    startAndEndCaption: (startMedian: number, endMedian: number, startAnswers: number, endAnswers: number) =>
      `Middle answer (median): ${startMedian} at the start, ${endMedian} now · ${startAnswers} answers at the start, ${endAnswers} now`,
    /** Values a sentence of change speaks of: "4 or 5". */
    either: (values: readonly number[] | number) => [values].flat().join(" or "),
    /** One plain sentence of how the group's picture moved (groupChange in app/runs/group-change.ts); `high` and `low` from `either`. */
    changes: {
      "more-high": (high: string) => `More of the group chose ${high} at the end than at the start.`,
      "more-low": (_high: string, low: string) => `More of the group chose ${low} at the end than at the start.`,
      "more-ends": (high: string, low: string) => `More of the group chose ${low}, and more chose ${high}, at the end than at the start.`,
      "more-middle": () => "More of the group chose the middle of the scale at the end than at the start.",
      "fewer-high": (high: string) => `Fewer of the group chose ${high} at the end than at the start.`,
      "fewer-low": (_high: string, low: string) => `Fewer of the group chose ${low} at the end than at the start.`,
      "about-the-same": () => "About the same as at the start.",
    } satisfies Record<GroupChangeKind, (high: string, low: string) => string>,
    spotlightPosition: (position: number, total: number) => `${position} of ${total}`,
    answers: (count: number) => `${count} answers`,
    manyChoices: "People could choose more than one.",
    chose: (count: number) => `${count} chose `,
    median: "Middle answer (median):",
    words: "Words",
    ranking: {
      /** `second` is top − 1: the points for a second place. */
      legend: (top: number, second: number) =>
        `Borda points: ${top} for a first place, ${second} for a second${top > 2 ? `, down to 1 for place ${top}` : ""}.`,
      unranked: "Options left out of a top few get none.",
      points: (points: number) => en.plural(points, { one: "# point", other: "# points" }),
      first: (count: number) => `first for ${count}`,
    },
  },
};

/** The audience display: the slide, how to join, a countdown, its own few settings. */
export const display = {
  ended: "Thank you for being here.",
  endedNote: "This session has ended.",
  notFound: "There is no session with this code.",
  blank: "The display is blank for now.",
  answerHidden: "Answer on your phone, or pass. Results stay hidden for now.",
  answerShown: "Answer on your phone, or pass. New answers appear in groups, never one by one.",
  settings: "Display settings",
  theme: "Theme",
  themes: { light: "Light", dark: "Dark", "high-contrast": "High contrast" } satisfies Record<DisplayThemeName, string>,
  fullscreen: "Fullscreen",
  hideJoinLine: "Hide how to join",
  countdown: {
    started: (length: string) => `A ${length} countdown has started.`,
    ended: "The time for this exercise is up.",
    endedNote: "Time's up. Finish your thought; there's no rush.",
  },
};
