import type { RefusalOnTheWire } from "~/strings/refusal";
import type { Answer, AudienceView, SubmittedResponse } from "./events";
import type { RequestResult } from "./request";

/** An answer on its way: sending now, waiting for the connection (or to retry), or refused by the server. */
export interface PendingAnswer {
  id: string;
  promptId: string;
  question: string;
  answer: Answer;
  state: "sending" | "waiting" | "failed";
  attempts: number;
  /** Why the server refused it, to say in the phone's language. */
  refusal?: RefusalOnTheWire;
}

/** What the outbox needs from its phone, and what it tells it. */
export interface OutboxHooks {
  send(payload: SubmittedResponse, timeoutMs: number): Promise<RequestResult<"response:submit">>;
  isConnected(): boolean;
  /** The pending answer changed (or is gone: `null`). */
  changed(pending: PendingAnswer | null): void;
  /** The server stored this answer (normalised): it is on disk. */
  committed(promptId: string, answer: Answer): void;
  /** The answer's question left the screen before it could be stored: it was not counted, and the person must be told. */
  notSent(question: string): void;
}

export interface OutboxOptions {
  /** How long to wait for an acknowledgement before sending again. */
  ackTimeoutMs?: number;
  /** The wait before the next attempt after a timeout or a server error. */
  retryDelayMs?: (attempts: number) => number;
}

/** Errors after which sending again can succeed; everything else is final and shown to the person. */
const RETRYABLE = new Set(["timeout", "server-error", "too-many"]);

/**
 * A phone's answer until the server acknowledges it: acknowledged means committed (ADR 006). It is sent
 * again after a timeout, a server error and every reconnect, which is harmless because the same phone
 * and question always map to one stored row. Only the server knows whether an answer whose
 * acknowledgement was lost got stored, so the phone asks it by sending again, even once the question
 * has closed or moved on: the server acknowledges an answer it already holds and refuses one it doesn't
 * with `prompt-not-open`, and only then is the person told it wasn't counted. Never dropped silently.
 * The reference phone and the fault tests' phones send answers through this one class.
 */
export class AnswerOutbox {
  private pending: PendingAnswer | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ackTimeoutMs: number;
  private readonly retryDelayMs: (attempts: number) => number;

  constructor(
    private readonly hooks: OutboxHooks,
    options: OutboxOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.retryDelayMs = options.retryDelayMs ?? ((attempts) => Math.min(8000, 1000 * 2 ** attempts));
  }

  current(): PendingAnswer | null {
    return this.pending;
  }

  /** A new answer replaces whatever was waiting for the same phone. */
  submit(id: string, prompt: { id: string; question: string }, answer: Answer): void {
    void this.deliver({ id, promptId: prompt.id, question: prompt.question, answer, state: "sending", attempts: 0 });
  }

  /** The person read a refusal: forget the answer. */
  dismiss(): void {
    this.set(null);
  }

  /** On every (re)connect: send what is waiting; the server stores it, says it already has it, or says it's too late. */
  reconnected(): void {
    const pending = this.pending;
    if (pending && pending.state !== "failed") void this.deliver(pending);
  }

  /**
   * On every new state. An answer waiting to be sent again goes now, wherever its question is (the server
   * says whether it was stored in time), unless its question is on screen during a break: then it waits for
   * the session to carry on. A refusal already shown is forgotten when its question leaves the screen.
   */
  stateChanged(view: AudienceView): void {
    const pending = this.pending;
    if (!pending || pending.state === "sending") return;
    const onScreen = view.slide.prompt?.id === pending.promptId;
    if (pending.state === "failed") {
      if (!onScreen) this.set(null);
    } else if (!(onScreen && view.run.paused)) {
      void this.deliver(pending);
    }
  }

  close(): void {
    clearTimeout(this.retryTimer);
  }

  private async deliver(entry: PendingAnswer): Promise<void> {
    clearTimeout(this.retryTimer);
    if (!this.hooks.isConnected()) {
      this.set({ ...entry, state: "waiting" });
      return;
    }
    this.set({ ...entry, state: "sending" });
    const result = await this.hooks.send({ id: entry.id, promptId: entry.promptId, answer: entry.answer }, this.ackTimeoutMs);
    // A newer answer took its place meanwhile: that one is sent after it, and decides.
    if (this.pending?.id !== entry.id) return;
    if (result.ok) {
      this.set(null);
      this.hooks.committed(entry.promptId, result.data.answer);
    } else if (result.error.code === "prompt-not-open") {
      // Its question closed or left the screen before it was stored.
      this.set(null);
      this.hooks.notSent(entry.question);
    } else if (result.error.code === "paused") {
      // The room went on a break while it was on its way: it is sent when the session carries on.
      this.set({ ...entry, state: "waiting" });
    } else if (RETRYABLE.has(result.error.code)) {
      const retry = { ...entry, state: "waiting" as const, attempts: entry.attempts + 1 };
      this.set(retry);
      this.retryTimer = setTimeout(() => {
        if (this.pending?.id === entry.id && this.hooks.isConnected()) void this.deliver(retry);
      }, this.retryDelayMs(entry.attempts));
    } else {
      this.set({ ...entry, state: "failed", refusal: result.error });
    }
  }

  private set(next: PendingAnswer | null): void {
    this.pending = next;
    this.hooks.changed(next);
  }
}
