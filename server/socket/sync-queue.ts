import { TurnByTurn } from "./turn-by-turn";

/** `run:sync` requests answered per turn of the event loop (decision 046). */
export const SYNCS_PER_TURN = 100;

/** A request waiting for its turn, with its promise's own functions (no wrapper is made per request). */
interface Waiting<Scope> {
  asker: object;
  wanted: () => boolean;
  answer: (scope: Scope) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  promise?: Promise<unknown>;
  /** How many requests of its connection this answers (each is acknowledged with the same answer). */
  copies: number;
}

/** One run's requests in the order they came; those before `next` have had their turn. */
interface RunWaiting<Scope> {
  requests: Array<Waiting<Scope>>;
  next: number;
}

/**
 * The answers to `run:sync` from phones and displays, at most `perTurn` per turn of the event loop (TurnByTurn).
 * When a room's phones come back to an answered prompt, each asks for its own answer (docs/realtime.md §14): 10,000
 * of them within 2 s. Answered in the turn that read them, a turn that read hundreds at once built hundreds of
 * snapshots and wrote as many replies while nothing else ran (docs/performance.md). Queued here, a turn reads the
 * requests and the snapshots follow, `perTurn` a turn.
 *
 * Each run has its own line, and the runs take turns, one request each, within a slice: a room of phones asking at
 * once delays another run's phone by at most one slice, not by its whole backlog. Within a run, requests are
 * answered in the order they arrived. A connection (`asker`) has at most one request waiting: a second one while
 * the first waits gets the same promise, so one connection can't lengthen its run's line or have a snapshot built
 * twice for one turn. Each copy is still a reply to write, so a slice counts them: `perTurn` replies a turn, or one
 * request's copies if they are more.
 *
 * Each answer is built when its turn comes, so what it says is current then (a run that ended meanwhile says so). A
 * request whose connection closed before its turn (`wanted` says no) is dropped: nothing is built, and its promise
 * never settles, as there is nobody left to reply to. So is everything still queued when the server closes.
 *
 * An answer may wait (it reads storage): a slice's answers are built together, each request is resolved with its own
 * answer in the order the requests came (the first's reply goes out first, whichever was ready first), and the next
 * slice starts only once all of this slice's have settled.
 */
export class SyncQueue<Scope = void> {
  /** The runs with requests waiting, the next to be served first (a Map keeps the order entries were set in). */
  private readonly runs = new Map<string, RunWaiting<Scope>>();
  /** Each connection's waiting request. */
  private askers = new WeakMap<object, Waiting<Scope>>();
  private waiting = 0;
  private readonly turns = new TurnByTurn((error) => this.onError(error));

  /**
   * `together` runs each slice's answers with the scope they share: the engine's sharedReads, whose views each
   * answer is given, so that they read each run and build its
   * screens' view once, as of one moment, as a broadcast does. `onError` hears of a slice that failed outside any
   * one answer (its requests are rejected too).
   */
  constructor(
    private readonly perTurn: number,
    private readonly together: (answerSlice: (scope: Scope) => Promise<void>) => unknown = (answerSlice) => answerSlice(undefined as Scope),
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Resolves with what `answer` returns or resolves to (rejects if it throws or rejects), called in a later turn
   * unless `wanted` says no by then. If `asker` already has a request waiting, its promise is returned and this
   * `answer` is never called.
   */
  add<T>(run: string, asker: object, wanted: () => boolean, answer: (scope: Scope) => T | Promise<T>): Promise<T> {
    const already = this.askers.get(asker);
    if (already) {
      already.copies++;
      return already.promise as Promise<T>;
    }
    let request!: Waiting<Scope>;
    const promise = new Promise<T>((resolve, reject) => {
      request = { asker, wanted, answer: answer as (scope: Scope) => unknown, resolve: resolve as (value: unknown) => void, reject, copies: 1 };
    });
    request.promise = promise;
    let line = this.runs.get(run);
    if (!line) this.runs.set(run, (line = { requests: [], next: 0 }));
    line.requests.push(request);
    this.askers.set(asker, request);
    if (this.waiting++ === 0) this.turns.later(() => this.answerSlice());
    return promise;
  }

  /** Requests waiting for their turn, a connection's copies counted once (for tests). */
  pending(): number {
    return this.waiting;
  }

  /** Answers nothing more: what is queued is dropped (clients reconnect and get a snapshot). */
  close(): void {
    this.turns.close();
    this.runs.clear();
    this.askers = new WeakMap();
    this.waiting = 0;
  }

  /** Answers the next requests still wanted, `perTurn` replies in all, the runs taking turns; true while more wait. */
  private async answerSlice(): Promise<boolean> {
    const slice = this.nextSlice();
    let answering: Promise<void> | undefined;
    try {
      await this.together((scope) => (answering = answerInOrder(slice, scope)));
      await answering;
    } catch (error) {
      // `together` itself failed: the requests it didn't answer are told so (an answered one stays answered).
      for (const request of slice) request.reject(error);
      this.onError(error);
    }
    return this.waiting > 0;
  }

  /** Takes the requests the next slice answers off their lines: those still wanted, `perTurn` replies in all. */
  private nextSlice(): Array<Waiting<Scope>> {
    const slice: Array<Waiting<Scope>> = [];
    let answered = 0;
    while (answered < this.perTurn) {
      const first = this.runs.entries().next();
      if (first.done) break;
      const [run, line] = first.value;
      const request = line.requests[line.next++]!;
      this.waiting--;
      if (line.next === line.requests.length) this.runs.delete(run);
      else {
        // Drop what was served once it is half the line, so a busy run's array doesn't grow without end.
        if (line.next * 2 >= line.requests.length) {
          line.requests.splice(0, line.next);
          line.next = 0;
        }
        // This run has had its turn: to the back of the line of runs.
        if (this.runs.size > 1) {
          this.runs.delete(run);
          this.runs.set(run, line);
        }
      }
      // From here on, the connection's next request is a new one: this answer is built now.
      this.askers.delete(request.asker);
      if (!request.wanted()) continue;
      answered += request.copies;
      slice.push(request);
    }
    return slice;
  }
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Starts every answer at once (in the call, so they share the slice's reads), then resolves each request in the
 * order they came, as soon as it and those before it are ready. Never rejects.
 */
async function answerInOrder<Scope>(slice: Array<Waiting<Scope>>, scope: Scope): Promise<void> {
  const built = slice.map((request) => settle(request, scope));
  for (const [n, request] of slice.entries()) {
    const settled = await built[n]!;
    if (settled.ok) request.resolve(settled.value);
    else request.reject(settled.error);
  }
}

/** The request's answer as a promise that never rejects (one that failed says so), made now. */
function settle<Scope>(request: Waiting<Scope>, scope: Scope): Promise<Settled> {
  try {
    return Promise.resolve(request.answer(scope)).then(
      (value): Settled => ({ ok: true, value }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
  } catch (error) {
    return Promise.resolve({ ok: false, error });
  }
}
