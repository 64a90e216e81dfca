import type { ResponseWrite } from "~/models/response.server";
import type { Result } from "~/realtime/events";

import { fail } from "./result";

/**
 * Group commit for answers: everything that arrives in one turn of the event
 * loop is committed in one transaction, then each answer is acknowledged.
 * With synchronous=FULL, one fsync then covers a whole burst of answers.
 *
 * A group is one turn, not a window of a few milliseconds: measured with
 * `npm run bench` (docs/performance.md), a 2 ms window cut the server's CPU
 * per answer by about a quarter at 2,000 answers a second but doubled or
 * tripled the acknowledgement p50 and p99, and a turn already gathers a
 * whole burst into one commit when answers arrive faster than it commits.
 */
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
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: Array<Result<null>>;
    try {
      results = this.commit(batch.map((item) => item.write));
    } catch (error) {
      this.onError(error);
      results = batch.map(() => fail("server-error", "Your answer couldn't be saved. Please try again."));
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }
}
