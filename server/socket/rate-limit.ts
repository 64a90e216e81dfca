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
  /** Refused messages, each forgiven again at the sustained rate, at which the connection is closed. */
  refusedBeforeDisconnect: 100,
} as const;

/**
 * A token bucket per connection, in memory, forgotten with the connection. Refusals add up in a second
 * bucket that drains at the same sustained rate, so a sender a little too fast is only refused now and
 * then, while one far too fast is cut off within a fraction of a second, however its tokens trickle back.
 */
export class MessageBudget {
  private tokens: number = MESSAGE_LIMIT.burst;
  private refused = 0;
  private last: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** "ok" to handle the message, "refuse" to answer `too-many`, "disconnect" to close the connection. */
  take(): "ok" | "refuse" | "disconnect" {
    const now = this.now();
    const regained = ((now - this.last) / 1000) * MESSAGE_LIMIT.perSecond;
    this.last = now;
    this.tokens = Math.min(MESSAGE_LIMIT.burst, this.tokens + regained);
    this.refused = Math.max(0, this.refused - regained);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "ok";
    }
    this.refused += 1;
    return this.refused >= MESSAGE_LIMIT.refusedBeforeDisconnect ? "disconnect" : "refuse";
  }
}
