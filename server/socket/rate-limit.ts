/**
 * How many messages one connection may send. A phone sends a handful a minute; a console a few a
 * second (a presentation remote held down, a quick run through the moderation queue) plus its syncs.
 * A script sending hundreds a second is refused and then cut off, so it can't take the server's time
 * from everyone else.
 */
export const MESSAGE_LIMIT = {
  /** Messages a connection may send at once, after being quiet. */
  burst: 100,
  /** Messages a second it may keep sending. */
  perSecond: 20,
  /** Refused messages in a row after which the connection is closed. */
  refusedBeforeDisconnect: 100,
} as const;

/** A token bucket per connection, in memory, forgotten with the connection. */
export class MessageBudget {
  private tokens: number = MESSAGE_LIMIT.burst;
  private refusedInARow = 0;
  private last: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** "ok" to handle the message, "refuse" to answer `too-many`, "disconnect" to close the connection. */
  take(): "ok" | "refuse" | "disconnect" {
    const now = this.now();
    this.tokens = Math.min(MESSAGE_LIMIT.burst, this.tokens + ((now - this.last) / 1000) * MESSAGE_LIMIT.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return "ok";
    }
    this.refusedInARow += 1;
    return this.refusedInARow >= MESSAGE_LIMIT.refusedBeforeDisconnect ? "disconnect" : "refuse";
  }
}
