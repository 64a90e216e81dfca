/**
 * The realtime contract between Beside's server and its clients (console,
 * display, phones). Types only, no runtime dependencies: a client, a load test
 * or another implementation can rely on this file and docs/realtime.md alone.
 */
import type { Prompt, Slide } from "~/content/plan-schema";

export type Role = "facilitator" | "display" | "participant";

/** Sent in the Socket.IO handshake (`auth`). The facilitator also needs the run's cookie. */
export type HandshakeAuth =
  | { role: "participant"; code: string; device: string }
  | { role: "display"; code: string }
  | { role: "facilitator"; code: string };

export type ErrorCode =
  | "invalid-payload"
  | "forbidden"
  | "not-found"
  | "run-ended"
  | "prompt-not-open"
  | "invalid-answer"
  | "unknown-event"
  | "server-error";

export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type Ack<T> = (result: Result<T>) => void;

/** What a participant sends. `pass` is always possible and counts as a response. */
export type Answer =
  | { type: "pass" }
  | { type: "single-choice"; option: number }
  | { type: "multiple-choice"; options: number[] }
  | { type: "scale"; value: number }
  | { type: "word-cloud"; words: string[] }
  | { type: "open-text"; text: string };

/** A prompt that has no phase row has never been opened. */
export type PromptPhase = "pending" | "open" | "closed";

export interface PromptStatus {
  phase: PromptPhase;
  revealed: boolean;
}

export type Tally =
  | { type: "single-choice" | "multiple-choice"; answers: number; options: Array<{ label: string; count: number }> }
  | {
      type: "scale";
      answers: number;
      min: number;
      max: number;
      minLabel: string;
      maxLabel: string;
      /** counts[i] is how many chose min + i. */
      counts: number[];
      median: number;
    }
  | { type: "word-cloud"; answers: number; words: Array<{ word: string; count: number }> }
  | { type: "open-text"; answers: number; entries: Array<{ text: string; count: number }> };

/**
 * What a screen may show of a prompt's results. Nothing while the prompt is
 * open; under k answers (passes not counted) nobody gets the tally, and
 * public screens don't even get the count.
 */
export type Results = { status: "hidden" } | { status: "withheld"; k: number } | { status: "shown"; tally: Tally };

export interface RunInfo {
  code: string;
  planTitle: string;
  language: string;
  state: "live" | "ended";
  k: number;
  slideCount: number;
}

export interface AudienceSlide {
  index: number;
  title: string;
  bodyHtml: string;
  prompt: (Prompt & PromptStatus) | null;
}

/** What the display and every phone see: the current slide and what may be shown of its results. */
export interface AudienceView {
  run: RunInfo;
  slide: AudienceSlide;
  /** null when the slide has no prompt. */
  results: Results | null;
}

export interface ParticipantSnapshot extends AudienceView {
  /** This device's stored answer to the current prompt, if any. */
  mine: Answer | null;
}

export interface ResponseCounts {
  /** Every stored response, passes included. */
  responses: number;
  /** null while the prompt is open: passes are only told apart once answers are closed. */
  passes: number | null;
}

export interface FacilitatorSlide extends Slide {
  status: PromptStatus | null;
}

export interface FacilitatorView {
  run: RunInfo;
  current: number;
  slides: FacilitatorSlide[];
  /** For the current slide's prompt; null when it has none. */
  counts: ResponseCounts | null;
  results: Results | null;
  /** Phones connected right now; null while the current prompt is open (no "n of m answered"). */
  connected: number | null;
}

export interface FacilitatorTally {
  promptId: string | null;
  counts: ResponseCounts | null;
  results: Results | null;
  connected: number | null;
}

export interface ServerToClientEvents {
  /** To a phone on every (re)connect, before anything else. */
  "participant:snapshot": (snapshot: ParticipantSnapshot) => void;
  /** To displays on (re)connect, and to displays and phones after every change of slide, phase or run state. */
  "audience:state": (view: AudienceView) => void;
  /** Coalesced (at most ~10 a second) results of the current prompt. */
  "audience:results": (update: { promptId: string; results: Results }) => void;
  /** To the console on (re)connect and after every change. */
  "facilitator:state": (view: FacilitatorView) => void;
  /** Coalesced counts and results for the console. */
  "facilitator:tally": (tally: FacilitatorTally) => void;
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
}

export interface SocketData {
  role: Role;
  runId: string;
  /** A participant's device secret: held in memory for the connection only, never stored or logged. */
  device?: string;
}

export type PromptAction = "open" | "close" | "reveal" | "hide";
