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
  message?: string;
}

/** What the outbox needs from its phone, and what it tells it. */
export interface OutboxHooks {
  send(payload: SubmittedResponse, timeoutMs: number): Promise<RequestResult<"response:submit">>;
  isConnected(): boolean;
  /** The prompt on the slide the phone shows now. */
  currentPromptId(): string | undefined;
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
 * and question always map to one stored row. It is never dropped silently: when its question leaves the
 * screen first, the person is told it wasn't counted. The reference phone and the test and benchmark
 * phones all send answers through this one class.
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

  /** On every (re)connect: send what is waiting if its question is still open on screen; otherwise say it wasn't counted. */
  reconnected(view: AudienceView): void {
    const pending = this.pending;
    if (!pending || pending.state === "failed") return;
    const prompt = view.slide.prompt;
    if (prompt?.id === pending.promptId && prompt.phase === "open") void this.deliver(pending);
    else this.giveUp(pending);
  }

  /** On every new state: only the question on screen takes answers, and a break holds answers back until it ends. */
  stateChanged(view: AudienceView): void {
    const pending = this.pending;
    if (!pending || pending.state === "sending") return;
    const prompt = view.slide.prompt;
    if (pending.promptId !== prompt?.id) {
      if (pending.state === "waiting") this.giveUp(pending);
      else this.set(null);
    } else if (pending.state === "waiting" && !view.run.paused && prompt.phase === "open") {
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
    } else if (result.error.code === "prompt-not-open" && this.hooks.currentPromptId() !== entry.promptId) {
      // Its question left the screen while it was on its way.
      this.giveUp(entry);
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
      this.set({ ...entry, state: "failed", message: result.error.message });
    }
  }

  private giveUp(entry: PendingAnswer): void {
    this.set(null);
    this.hooks.notSent(entry.question);
  }

  private set(next: PendingAnswer | null): void {
    this.pending = next;
    this.hooks.changed(next);
  }
}
