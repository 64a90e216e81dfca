import type { ResponseWrite } from "~/models/response.server";
import type { Result } from "~/realtime/events";

import { fail } from "./result";

/**
 * Group commit for answers: everything that arrives in one turn of the event
 * loop, up to MAX_GROUP answers, is committed in one transaction, then each
 * answer is acknowledged. With synchronous=FULL, one fsync then covers many.
 *
 * A group is one turn, not a window of a few milliseconds: measured with
 * `npm run bench` (docs/performance.md), a 2 ms window cut the server's CPU
 * per answer by about a quarter at 2,000 answers a second but doubled or
 * tripled the acknowledgement p50 and p99.
 *
 * The cap matters when answers arrive faster than the server handles them:
 * Node then keeps reading sockets for up to 48 × 1,024 events before its
 * next turn, so a burst of 10,000 answers became one group acknowledged only
 * after the last was read (ack p50 1.5 s against the bare baseline's 0.17 s),
 * and every waiting answer outlived several garbage collections. With the
 * cap, a group commits as soon as it is full and acknowledgements flow
 * during the burst; a commit costs about 0.2 ms, so 40 of them are cheap.
 */
export const MAX_GROUP = 256;

export class ResponseWriter {
  private queue: Array<{ write: ResponseWrite; resolve: (result: Result<null>) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly commit: (writes: ResponseWrite[]) => Array<Result<null>>,
    private readonly onError: (error: unknown) => void,
  ) {}

  submit(write: ResponseWrite): Promise<Result<null>> {
    return new Promise((resolve) => {
      this.queue.push({ write, resolve });
      if (this.queue.length >= MAX_GROUP) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commits whatever is queued now. */
  flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: Array<Result<null>>;
    let failure: { error: unknown } | undefined;
    try {
      results = this.commit(batch.map((item) => item.write));
    } catch (error) {
      failure = { error };
      results = batch.map(() => fail("server-error", { reason: "notSaved" }));
    }
    // Every answer gets its result before the failure is reported, so a report that throws loses none of them.
    batch.forEach((item, i) => item.resolve(results[i]!));
    if (failure) this.onError(failure.error);
  }
}
