/**
 * What the run engine keeps about a live run's moments and lateness, outside storage (decisions 020 and 036): when
 * each prompt first opened, the response keys of answers sent over connections made after that ("late"), and per
 * approved question when it was first approved, how many of its votes were late and how many on-time votes its last
 * release counted. Never in the database, its log or a backup: a stored flag would say "this answer came from a
 * latecomer". Moments are wall-clock milliseconds (`Date.now()`), as a connection's `joinedAt` is, so another process
 * can compare them (issue 20).
 *
 * Asynchronous, so that the marks can live outside the process (a Redis of the cluster's, a later step); `LocalMarks`
 * keeps them in this process's memory: after a restart every phone and every vote counts again. Forgotten when the
 * run ends.
 */
export interface RunMarks {
  /** A prompt opens: its moment is kept the first time only (a reopening keeps the first, so late answers stay late). */
  noteOpening(runId: string, promptId: string): Promise<void>;
  /** When the prompt first opened (ms), or undefined if it never opened as far as these marks know. */
  openedAt(runId: string, promptId: string): Promise<number | undefined>;
  /** Marks these response keys late for the prompt: before the group commit that stores them, so no reader misses one. */
  addLate(runId: string, promptId: string, keys: readonly string[]): Promise<void>;
  /** Unmarks keys added by addLate whose answers were refused and have no stored row (only stored answers are marked). */
  dropLate(runId: string, promptId: string, keys: readonly string[]): Promise<void>;
  /**
   * The prompt's late response keys. `fresh`: for a release, which must not count a late answer towards k: throws
   * MarksUnavailableError rather than give an older read when the marks can't be read now.
   */
  lateKeys(runId: string, promptId: string, how?: { fresh: true }): Promise<readonly string[]>;
  /** A question is approved: from the first approval on, votes over connections made later are late. Kept once. */
  noteApproval(runId: string, questionId: string, releasedVotes: number): Promise<void>;
  /** The question's approval marks, or undefined if it was never approved as far as these marks know. */
  approval(runId: string, questionId: string): Promise<Approval | undefined>;
  /** Every approved question's marks for the run (a release of votes reads them all at once); `fresh` as for lateKeys. */
  approvals(runId: string, how?: { fresh: true }): Promise<ReadonlyMap<string, Approval>>;
  /** One more late vote stored for the question. */
  addLateVote(runId: string, questionId: string): Promise<void>;
  /** A release counted this many on-time votes for the question; throws MarksUnavailableError if it can't be kept (no release then). */
  setOnTimeReleased(runId: string, questionId: string, count: number): Promise<void>;
  /** The run has ended: all of its marks go. Idempotent. */
  forget(runId: string): Promise<void>;
}

/** The marks can't be read or kept now (Redis away): a release that needs them waits for the next tick. */
export class MarksUnavailableError extends Error {
  override name = "MarksUnavailableError";
}

/** Per approved question: when it was first approved (ms), its late votes, the on-time votes its last release counted. */
export interface Approval {
  approvedAt: number;
  late: number;
  onTimeReleased: number;
}

/** The marks in this process's memory: one process, or a test. */
export class LocalMarks implements RunMarks {
  /** Per prompt opened (`runId\npromptId`): when it first opened, and its late response keys. */
  private readonly openings = new Map<string, { openedAt: number; late: Set<string> }>();
  /** Per question approved (`runId\nquestionId`). */
  private readonly approved = new Map<string, Approval>();

  constructor(private readonly now: () => number = Date.now) {}

  async noteOpening(runId: string, promptId: string): Promise<void> {
    const key = keyOf(runId, promptId);
    if (!this.openings.has(key)) this.openings.set(key, { openedAt: this.now(), late: new Set() });
  }

  async openedAt(runId: string, promptId: string): Promise<number | undefined> {
    return this.openings.get(keyOf(runId, promptId))?.openedAt;
  }

  async addLate(runId: string, promptId: string, keys: readonly string[]): Promise<void> {
    const opening = this.openings.get(keyOf(runId, promptId));
    if (opening) for (const key of keys) opening.late.add(key);
  }

  async dropLate(runId: string, promptId: string, keys: readonly string[]): Promise<void> {
    const opening = this.openings.get(keyOf(runId, promptId));
    if (opening) for (const key of keys) opening.late.delete(key);
  }

  async lateKeys(runId: string, promptId: string): Promise<readonly string[]> {
    return [...(this.openings.get(keyOf(runId, promptId))?.late ?? [])];
  }

  async noteApproval(runId: string, questionId: string, releasedVotes: number): Promise<void> {
    const key = keyOf(runId, questionId);
    if (!this.approved.has(key)) this.approved.set(key, { approvedAt: this.now(), late: 0, onTimeReleased: releasedVotes });
  }

  async approval(runId: string, questionId: string): Promise<Approval | undefined> {
    const approval = this.approved.get(keyOf(runId, questionId));
    return approval && { ...approval };
  }

  async approvals(runId: string): Promise<ReadonlyMap<string, Approval>> {
    const prefix = `${runId}\n`;
    const found = new Map<string, Approval>();
    for (const [key, approval] of this.approved) if (key.startsWith(prefix)) found.set(key.slice(prefix.length), { ...approval });
    return found;
  }

  async addLateVote(runId: string, questionId: string): Promise<void> {
    const approval = this.approved.get(keyOf(runId, questionId));
    if (approval) approval.late++;
  }

  async setOnTimeReleased(runId: string, questionId: string, count: number): Promise<void> {
    const approval = this.approved.get(keyOf(runId, questionId));
    if (approval) approval.onTimeReleased = count;
  }

  async forget(runId: string): Promise<void> {
    const prefix = `${runId}\n`;
    for (const key of this.openings.keys()) if (key.startsWith(prefix)) this.openings.delete(key);
    for (const key of this.approved.keys()) if (key.startsWith(prefix)) this.approved.delete(key);
  }
}

/** Where a prompt's opening or a question's approval is kept. */
function keyOf(runId: string, id: string): string {
  return `${runId}\n${id}`;
}
