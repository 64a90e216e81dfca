import type { createClient } from "redis";

import { MarksUnavailableError, type Approval, type RunMarks } from "~/runs/engine/marks.server";

import type { Logger } from "../logger";

type RedisClient = ReturnType<typeof createClient>;

/** A backstop: a run's marks go at its end (`forget`), and at the latest this long after their last change. */
const MARKS_TTL_SECONDS = 2 * 24 * 60 * 60;

/** How long a mark may wait for Redis before the engine goes on without it (see RedisMarks). */
export const MARKS_WAIT_MS = 500;

/**
 * The run engine's marks (marks.server.ts) in Redis, shared by every process (issue 20, decision 052): so a phone on
 * one process is late for a prompt opened on another, and the run's holder releases by every process's late keys.
 *
 * Keys, per run: `beside:{run}:opened` (a hash, prompt → ms), `beside:{run}:late:{prompt}` (a set of response keys),
 * `beside:{run}:lates` (the prompts with such a set), `beside:{run}:approvals` (a hash: `{question}:at`, `:late`,
 * `:onTime`). Response keys are the keys stored with the answers (keyed hashes: no device, no address, no moment);
 * Redis keeps them in memory only (it is refused when it saves to disk: redis.ts), and they go when the run ends.
 *
 * Redis away: nothing waits for it longer than MARKS_WAIT_MS. A mark that could not be written is lost (the answer is
 * stored anyway: answers can't wait, and a lost mark only lets a latecomer's answer count as an early one's); a read
 * gives what this process last read, or nothing if it never read it. Said once per outage in the log.
 */
export class RedisMarks implements RunMarks {
  private readonly lastRead = new Map<string, unknown>();
  private failing = false;

  constructor(
    private readonly client: RedisClient,
    private readonly log: Logger,
    /** Whether Redis answers now (redis.ts's `ready`, its watchdog included): if not, nothing waits for it. */
    private readonly answering: () => boolean = () => client.isReady,
    private readonly now: () => number = Date.now,
  ) {}

  async noteOpening(runId: string, promptId: string): Promise<void> {
    await this.write((multi) => multi.hSetNX(opened(runId), promptId, String(this.now())), [opened(runId)]);
  }

  /** Read on every answer, so kept here once known: a prompt's first opening never changes. */
  async openedAt(runId: string, promptId: string): Promise<number | undefined> {
    const key = `${opened(runId)}\n${promptId}`;
    const known = this.lastRead.get(key);
    if (known !== undefined && known !== null) return Number(known);
    const value = await this.read(key, () => this.client.hGet(opened(runId), promptId));
    return value ? Number(value) : undefined;
  }

  /** Only while the prompt's opening is kept: an answer still on its way as the run ends leaves no key behind. */
  async addLate(runId: string, promptId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.attempt(() =>
      this.client.eval(ADD_LATE, {
        keys: [opened(runId), late(runId, promptId), lates(runId)],
        arguments: [promptId, String(MARKS_TTL_SECONDS), ...keys],
      }),
    );
  }

  async dropLate(runId: string, promptId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.write((multi) => multi.sRem(late(runId, promptId), [...keys]), []);
  }

  async lateKeys(runId: string, promptId: string, how?: { fresh: true }): Promise<readonly string[]> {
    return (await this.read(late(runId, promptId), () => this.client.sMembers(late(runId, promptId)), how)) ?? [];
  }

  async noteApproval(runId: string, questionId: string, releasedVotes: number): Promise<void> {
    await this.write(
      (multi) =>
        multi
          .hSetNX(approvals(runId), `${questionId}:at`, String(this.now()))
          .hSetNX(approvals(runId), `${questionId}:onTime`, String(releasedVotes)),
      [approvals(runId)],
    );
  }

  async approval(runId: string, questionId: string): Promise<Approval | undefined> {
    return (await this.approvals(runId)).get(questionId);
  }

  async approvals(runId: string, how?: { fresh: true }): Promise<ReadonlyMap<string, Approval>> {
    const fields = (await this.read(approvals(runId), () => this.client.hGetAll(approvals(runId)), how)) ?? {};
    const found = new Map<string, Approval>();
    for (const [field, value] of Object.entries(fields)) {
      const at = field.lastIndexOf(":");
      const questionId = field.slice(0, at);
      const approval = found.get(questionId) ?? { approvedAt: Number.NaN, late: 0, onTimeReleased: 0 };
      const name = field.slice(at + 1);
      if (name === "at") approval.approvedAt = Number(value);
      else if (name === "late") approval.late = Number(value);
      else if (name === "onTime") approval.onTimeReleased = Number(value);
      found.set(questionId, approval);
    }
    // Only questions whose approval was noted: a late vote counted for one without (a lost write) is left out.
    for (const [questionId, approval] of found) if (Number.isNaN(approval.approvedAt)) found.delete(questionId);
    return found;
  }

  async addLateVote(runId: string, questionId: string): Promise<void> {
    await this.write((multi) => multi.hIncrBy(approvals(runId), `${questionId}:late`, 1), [approvals(runId)]);
  }

  async setOnTimeReleased(runId: string, questionId: string, count: number): Promise<void> {
    // Kept, or no release: a count left behind would let the next release move by fewer than k on-time votes.
    const kept = await this.attempt(() => this.client.hSet(approvals(runId), `${questionId}:onTime`, String(count)));
    if (kept === undefined) throw new MarksUnavailableError("the question's released votes could not be kept in Redis");
  }

  async forget(runId: string): Promise<void> {
    for (const key of this.lastRead.keys()) if (key.startsWith(`beside:{${runId}}:`)) this.lastRead.delete(key);
    const prompts = await this.attempt(() => this.client.sMembers(lates(runId)));
    const deleted =
      prompts &&
      (await this.attempt(() => this.client.del([opened(runId), approvals(runId), lates(runId), ...prompts.map((prompt) => late(runId, prompt))])));
    // Redis away as the run ended: tried again once it answers (and the marks expire on their own at the latest).
    if (deleted === undefined) this.toForget.add(runId);
    else this.toForget.delete(runId);
  }

  /** Runs whose marks could not be deleted at their end. */
  private readonly toForget = new Set<string>();

  /** Writes in one MULTI, and sets the backstop expiry on `expiring`. */
  private async write(build: (multi: ReturnType<RedisClient["multi"]>) => ReturnType<RedisClient["multi"]>, expiring: string[]) {
    await this.attempt(() => {
      const multi = build(this.client.multi());
      for (const key of expiring) multi.expire(key, MARKS_TTL_SECONDS);
      return multi.exec();
    });
  }

  private async read<T>(key: string, get: () => Promise<T>, how?: { fresh: true }): Promise<T | undefined> {
    const value = await this.attempt(get);
    if (value !== undefined) {
      this.lastRead.set(key, value);
      return value;
    }
    if (how?.fresh) throw new MarksUnavailableError("lateness marks could not be read from Redis");
    return this.lastRead.get(key) as T | undefined;
  }

  /** Runs a command, or gives undefined when Redis can't answer within MARKS_WAIT_MS (see the class). */
  private async attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    if (!this.answering()) return this.unavailable(new Error("not answering"));
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        command(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${MARKS_WAIT_MS} ms`)), MARKS_WAIT_MS))),
      ]);
      if (this.failing) {
        this.failing = false;
        this.log.info("lateness marks reach Redis again");
        for (const runId of this.toForget) void this.forget(runId);
      }
      return result;
    } catch (error) {
      return this.unavailable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private unavailable(error: unknown): undefined {
    if (!this.failing) {
      this.failing = true;
      this.log.error("lateness marks can't reach Redis: answers are stored without them until it is back", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return undefined;
  }
}

/** SADD of late keys, only while the prompt's opening is kept (KEYS: opened, late, lates; ARGV: prompt, ttl, keys…). */
const ADD_LATE = `
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('sadd', KEYS[2], unpack(ARGV, 3))
redis.call('sadd', KEYS[3], ARGV[1])
redis.call('expire', KEYS[2], ARGV[2])
redis.call('expire', KEYS[3], ARGV[2])
return 1`;

const opened = (runId: string) => `beside:{${runId}}:opened`;
const lates = (runId: string) => `beside:{${runId}}:lates`;
const approvals = (runId: string) => `beside:{${runId}}:approvals`;
const late = (runId: string, promptId: string) => `beside:{${runId}}:late:${promptId}`;
