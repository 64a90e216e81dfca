/**
 * The realtime contract between Beside's server and its clients (console,
 * display, phones). Types only, no runtime dependencies: a client, a load test
 * or another implementation can rely on this file and docs/realtime.md alone.
 */
import type { Prompt, Slide } from "~/content/plan-schema";
import type { Result } from "~/domain/result";
import type { Moderation, PromptStatus, Results } from "~/domain/tally";
import type { RegisteredAnswer } from "~/prompts/registry";

/** The run's rules and results, kept with the logic that makes them (app/domain/) and part of this contract. */
export type { ErrorCode, Outcome, Result } from "~/domain/result";
export type { Moderation, PromptPhase, PromptStatus, Results, Tally } from "~/domain/tally";

export type Role = "facilitator" | "display" | "participant";

/** Sent in the Socket.IO handshake (`auth`). The facilitator also needs the run's cookie. */
export type HandshakeAuth =
  | { role: "participant"; code: string; device: string }
  /**
   * `preview`: the console's own thumbnail of the display. It gets what a display gets, needs the console's
   * cookies (as a facilitator does), and isn't counted in `FacilitatorTally.displays`.
   */
  | { role: "display"; code: string; preview?: true }
  | { role: "facilitator"; code: string };

export type Ack<T> = (result: Result<T>) => void;

/** What a participant sends. `pass` is always possible and counts as a response. */
export type Answer =
  | { type: "pass" }
  | RegisteredAnswer;

export type ModerationAction = "approve" | "hide" | "reset";

export interface RunInfo {
  code: string;
  planTitle: string;
  language: string;
  state: "live" | "ended";
  /** True while the facilitator has put the room on a break: displays and phones show a calm break screen. */
  paused: boolean;
  /** True while the facilitator has blanked the audience display; phones carry on as before. */
  blanked: boolean;
  /** A countdown the facilitator started for an exercise on this slide; only the display shows it. */
  countdown: Countdown | null;
  k: number;
  slideCount: number;
  /** The plan's content notes, shown on the join screen before a participant enters. */
  contentNotes: string[];
}

/**
 * How long the countdown was, and how much of it was left when the server sent
 * this: each screen counts down from its own clock, so clocks that differ between
 * devices don't matter.
 */
export interface Countdown {
  seconds: number;
  remainingMs: number;
}

/** For the console's timers: how long the run and the current slide had been going when the server sent this. */
export interface Timing {
  runMs: number;
  slideMs: number;
}

/** A slide as public screens see it: never its notes. */
export interface AudienceSlide extends Pick<Slide, "index" | "title" | "bodyHtml" | "kind" | "agreements" | "breathing" | "sensitive"> {
  prompt: (Prompt & PromptStatus) | null;
}

/** A check-out prompt's paired earlier prompt (`compare-with`): its group distribution, under the same rules. */
export interface Comparison {
  promptId: string;
  question: string;
  results: Results;
}

/** Where a question to the facilitator stands. Only approved, answering and answered questions reach a display or phone. */
export type QuestionState = "pending" | "approved" | "hidden" | "answering" | "answered";
/** What the console can do with a question: put it back to pending (`reset`), approve, hide, mark it answering now or answered. */
export type QuestionAction = "approve" | "hide" | "reset" | "answering" | "answered";

/** An approved question as displays and phones see it: its votes as last released (they move in steps of at least k). */
export interface PublicQuestion {
  id: string;
  text: string;
  votes: number;
  state: "approved" | "answering" | "answered";
}

/** The question box as displays and phones see it. */
export interface AudienceQuestions {
  /** True while phones may send questions and vote: the console keeps it open all session, or the slide opens it. */
  open: boolean;
  /** Approved questions, most votes first (then by id, random); empty while the box is closed. */
  list: PublicQuestion[];
  /** The question the facilitator is answering now on the slide on screen, box open or not; null for none. */
  answering: PublicQuestion | null;
}

/** A question as the console sees it: every state, with its votes as last released (the same rule as the room's). */
export interface ConsoleQuestion {
  id: string;
  text: string;
  votes: number;
  state: QuestionState;
}

/** The question box as the console sees it. */
export interface FacilitatorQuestions {
  open: boolean;
  /** The console's own switch: open all session long (a slide with `questions: open` opens it while on screen). */
  sessionLong: boolean;
  /** True while the console has closed the box on a slide that opens it (`questions:open { open: false, slide: true }`). */
  closedHere: boolean;
  /** True when the slide on screen opens the box (`questions: open` in its plan). */
  slideOpens: boolean;
  /** Waiting and hidden questions by id (random), approved ones most votes first. */
  list: ConsoleQuestion[];
}

/** What changes on a slide without the facilitator doing anything: results released in batches, "I'm in" counts, read-aloud positions. */
export interface AudienceLive {
  slideIndex: number;
  /** null when the slide has no prompt. */
  results: Results | null;
  /** null unless the current prompt is compared with an earlier one. */
  comparison: Comparison | null;
  /** How many are in, on an agreement slide (never how many are not); null on other slides. */
  agreement: { inCount: number } | null;
  /** The approved entry being read aloud, if the facilitator chose one and the room may see it. */
  spotlight: Spotlight | null;
  /** The question box: approved questions, their released votes, the one being answered. */
  questions: AudienceQuestions;
}

/** One approved free-text entry shown on its own ("read aloud"). */
export interface Spotlight {
  text: string;
  position: number;
  total: number;
}

/** What the display and every phone see: the current slide and what may be shown of it. */
export interface AudienceView extends Omit<AudienceLive, "slideIndex"> {
  run: RunInfo;
  slide: AudienceSlide;
}

export interface ParticipantSnapshot extends AudienceView {
  /** This device's stored answer to the current prompt, if any. */
  mine: Answer | null;
  /** True when this device said "I'm in" on the current agreement slide. */
  agreed: boolean;
  /** The ids of the questions in `questions.list` this device has voted for. */
  votedQuestions: string[];
}

export type SignalKind = "pause" | "stepping-out";

/** How many of each signal phones sent in the last few minutes. Counts only: no device, time or key. */
export interface SignalCounts {
  pause: number;
  steppingOut: number;
  windowMinutes: number;
}

export interface ResponseCounts {
  /** Every stored response, passes included; while the prompt is open, rounded down to a multiple of k ("at least"). */
  responses: number;
  /** null while the prompt is open: passes are only told apart once answers are closed. */
  passes: number | null;
}

export interface FacilitatorSlide extends Slide {
  status: PromptStatus | null;
}

export interface FacilitatorTally {
  promptId: string | null;
  /** For the current slide's prompt; null when it has none. After a close that held answers back, those of what is shown. */
  counts: ResponseCounts | null;
  /** Responses held back at the close (fewer than k came after the last shown tally); 0 otherwise. */
  heldBack: number;
  /**
   * While the prompt is open: what has been released so far (batches of at
   * least k answers). Once closed: everything. Open text with its moderation.
   */
  results: Results | null;
  comparison: Comparison | null;
  agreement: { inCount: number } | null;
  /** Phones connected to the run right now (always sent to the console, so phones that shouldn't be there show). */
  connected: number;
  /** Audience displays connected to the run right now (the console's own preview of the display not counted). */
  displays: number;
  /** The question box, for moderation and answering. */
  questions: FacilitatorQuestions;
}

export interface FacilitatorView extends FacilitatorTally {
  run: RunInfo;
  current: number;
  timing: Timing;
  slides: FacilitatorSlide[];
  spotlight: Spotlight | null;
  signals: SignalCounts;
}

export interface ServerToClientEvents {
  /** To a phone on every (re)connect, before anything else. */
  "participant:snapshot": (snapshot: ParticipantSnapshot) => void;
  /** To displays on (re)connect, and to displays and phones after every change of slide, phase or run state. */
  "audience:state": (view: AudienceView) => void;
  /** Coalesced (at most ~10 a second), and only when something changed: released results, "I'm in" counts. */
  "audience:live": (update: AudienceLive) => void;
  /** To the console on (re)connect and after every change. */
  "facilitator:state": (view: FacilitatorView) => void;
  /** Coalesced counts and results for the console. */
  "facilitator:tally": (tally: FacilitatorTally) => void;
  /** To the console, a short random while after a phone's signal (so its timing doesn't point at anyone). */
  "facilitator:signals": (signals: SignalCounts) => void;
}

export interface SubmittedResponse {
  /** The client's id for this submission, echoed back. */
  id: string;
  promptId: string;
  answer: Answer;
}

export interface ClientToServerEvents {
  /** Participant: store (or replace) this device's answer to an open prompt. Acknowledged after the commit. */
  "response:submit": (payload: SubmittedResponse, ack: Ack<SubmittedResponse>) => void;
  /** Any role: the full snapshot again. */
  "run:sync": (payload: Record<string, never>, ack: Ack<ParticipantSnapshot | AudienceView | FacilitatorView>) => void;
  /** Facilitator: show slide `index`. */
  "slide:go": (payload: { index: number }, ack: Ack<{ index: number }>) => void;
  "prompt:open": (payload: { promptId: string }, ack: Ack<PromptStatus>) => void;
  "prompt:close": (payload: { promptId: string }, ack: Ack<PromptStatus>) => void;
  "prompt:reveal": (payload: { promptId: string }, ack: Ack<PromptStatus>) => void;
  "prompt:hide": (payload: { promptId: string }, ack: Ack<PromptStatus>) => void;
  "run:end": (payload: Record<string, never>, ack: Ack<{ state: "ended" }>) => void;
  /** Facilitator: put every display and phone on a break screen, or bring them back. */
  "run:pause": (payload: { paused: boolean }, ack: Ack<{ paused: boolean }>) => void;
  /** Facilitator: blank the audience display, or show it again. */
  "display:blank": (payload: { blanked: boolean }, ack: Ack<{ blanked: boolean }>) => void;
  /** Facilitator: start a countdown of `seconds` on the display, or stop it (null). A change of slide stops it too. */
  "countdown:set": (payload: { seconds: number | null }, ack: Ack<{ seconds: number | null }>) => void;
  /** Facilitator: approve, hide or put back a free-text entry or word (words: approve only on a sensitive slide). */
  "moderation:set": (
    payload: { promptId: string; text: string; action: ModerationAction },
    ack: Ack<{ text: string; moderation: Moderation }>,
  ) => void;
  /** Facilitator: show one approved entry on its own ("read aloud"), or stop (text null). */
  "spotlight:set": (payload: { promptId: string; text: string | null }, ack: Ack<{ text: string | null }>) => void;
  /** Participant: "I'm in" on the agreement slide on screen. */
  "agreement:accept": (payload: { slideIndex: number }, ack: Ack<{ agreed: true }>) => void;
  /** Participant: "I need a pause" or "Stepping out, I'm OK". Nothing is stored; the console gets a count. */
  "signal:send": (payload: { kind: SignalKind }, ack: Ack<{ sent: true }>) => void;
  /** Participant: a question for the facilitator, while the box is open. It waits for the console's approval. */
  "question:send": (payload: { text: string }, ack: Ack<{ id: string; text: string }>) => void;
  /** Participant: upvote an approved question, once (a repeat changes nothing). */
  "question:vote": (payload: { questionId: string }, ack: Ack<{ questionId: string; voted: true }>) => void;
  /**
   * Facilitator: keep the question box open all session long, or not; with `slide: true`, close it now even on a
   * slide that opens it (until opened again or the next slide), or open such a slide's box again.
   */
  "questions:open": (payload: { open: boolean; slide?: boolean }, ack: Ack<{ open: boolean }>) => void;
  /** Facilitator: hide every question waiting that the console has been shown, at once. */
  "questions:hide-waiting": (payload: Record<string, never>, ack: Ack<{ hidden: number }>) => void;
  /** Facilitator: approve, hide or reset a question, or mark it answering now or answered. */
  "question:set": (payload: { questionId: string; action: QuestionAction }, ack: Ack<{ questionId: string; state: QuestionState }>) => void;
}

export interface SocketData {
  role: Role;
  runId: string;
  /** A participant's device secret: held in memory for the connection only, never stored or logged. */
  device?: string;
  /**
   * A participant's connection: when it was made (Date.now() ms, comparable across processes), so that a phone that
   * joined after a question opened can't complete a batch of its released answers. Memory only.
   */
  joinedAt?: number;
  /** When this connection last sent each signal (ms), to refuse accidental repeats. Memory only. */
  signalledAt?: Partial<Record<SignalKind, number>>;
  /** A phone's network address, an IPv6 one by its /64: only a key of in-memory limits while it is connected, never stored or logged. */
  address?: string;
  /** When this connection last sent a question (ms), to refuse a flood. Memory only. */
  askedAt?: number;
  /** A console's signed-in account and sign-in, so the connection closes when that sign-in ends. */
  staff?: { accountId: string; sessionHash: string };
  /** A display connection that is the console's preview of the display: it isn't counted as one of the room's displays. */
  preview?: true;
  /** Set when the connection closes, so a reply still waiting its turn (a `run:sync`) is dropped. */
  gone?: true;
}

export type PromptAction = "open" | "close" | "reveal" | "hide";
