import { TurnByTurn } from "./turn-by-turn";

/** `run:sync` requests answered per turn of the event loop (decision 046). */
export const SYNCS_PER_TURN = 100;

/** A request waiting for its turn, with its promise's own functions (no wrapper is made per request). */
interface Waiting {
  wanted: () => boolean;
  answer: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The answers to `run:sync` from phones and displays, at most `perTurn` per turn of the event loop (TurnByTurn).
 * When a room's phones come back to an answered prompt, each asks for its own answer (docs/realtime.md §14): 10,000
 * of them within 2 s. Answered in the turn that read them, a turn that read hundreds at once built hundreds of
 * snapshots and wrote as many replies while nothing else ran (docs/performance.md). Queued here, a turn reads the
 * requests and the snapshots follow, `perTurn` a turn.
 *
 * Requests are answered in the order they arrived, each built when its turn comes, so what it says is current then
 * (a run that ended meanwhile says so). A request whose connection closed before its turn (`wanted` says no) is
 * dropped: nothing is built, and its promise never settles, as there is nobody left to reply to. So is everything
 * still queued when the server closes.
 */
export class SyncQueue {
  private waiting: Waiting[] = [];
  private readonly turns = new TurnByTurn();

  /**
   * `together` runs each slice's answers: the engine's sharedReads, so that they read the run and build its
   * screens' view once, as of one moment, as a broadcast does.
   */
  constructor(
    private readonly perTurn: number,
    private readonly together: (answerSlice: () => void) => void = (answerSlice) => answerSlice(),
  ) {}

  /** Resolves with what `answer` returns (rejects if it throws), called in a later turn unless `wanted` says no by then. */
  add<T>(wanted: () => boolean, answer: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ wanted, answer, resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.length === 1) this.turns.later(() => this.answerSlice());
    });
  }

  /** Requests waiting for their turn (for tests). */
  pending(): number {
    return this.waiting.length;
  }

  /** Answers nothing more: what is queued is dropped (clients reconnect and get a snapshot). */
  close(): void {
    this.turns.close();
    this.waiting = [];
  }

  /** Answers the next `perTurn` requests still wanted; true while more wait. */
  private answerSlice(): boolean {
    let next = 0;
    this.together(() => {
      let answered = 0;
      while (next < this.waiting.length && answered < this.perTurn) {
        const request = this.waiting[next++]!;
        if (!request.wanted()) continue;
        answered++;
        try {
          request.resolve(request.answer());
        } catch (error) {
          request.reject(error);
        }
      }
    });
    this.waiting.splice(0, next);
    return this.waiting.length > 0;
  }
}
