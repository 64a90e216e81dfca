import type { PlanLibrary } from "~/library/plan-library.server";
import type { Plan } from "~/content/plan-schema";
import { fail, ok, type Result } from "~/domain/result";
import type { AnswerView } from "~/models/response.server";
import type { RunRow } from "~/models/run.server";
import type { AudienceView, FacilitatorTally } from "~/realtime/events";
import type { Queries, Storage } from "~/storage/storage";

import { QuestionBox } from "../question-box.server";
import { hashSecret, secretMatches } from "../secrets.server";
import { LocalMarks, type RunMarks } from "./marks.server";

/** A run together with the exact plan it records. */
export interface LoadedRun {
  row: RunRow;
  plan: Plan;
}

/** Who is connected to a run right now, as the console is told it: phones, and the room's displays. */
export type Presence = Pick<FacilitatorTally, "connected" | "displays">;

/** Before the realtime connection says otherwise (a console page as first drawn). */
export const NOBODY_CONNECTED: Presence = { connected: 0, displays: 0 };

/** How the run engine is set up: the organisation's default k, the clock, where problems and started runs are told, where marks are kept. */
export interface EngineOptions {
  /** The privacy threshold when a run is started without one: the organisation's setting. */
  defaultK: () => number;
  now?: () => Date;
  onProblem?: (message: string) => void;
  /** Where the moments and lateness of live runs are kept (marks.server.ts); this process's memory unless told. */
  marks?: RunMarks;
  /** Told of each run started here, once it is stored: this process takes the run's lease at once (decision 051). */
  onRunStarted?: (runId: string) => void;
}

/**
 * What the parts of the run engine share (app/runs/run-engine.server.ts): storage, the plans, the clock and
 * the reports, what this process keeps in memory about live runs, and how a run is read. The parts
 * (commands, the answer path, views, maintenance) each take it, so none of them needs another just to read a run.
 */
export class EngineState {
  readonly now: () => Date;
  readonly onProblem: (message: string) => void;
  /** The most phones connected at once per live run since the server started; see recordParticipants. */
  readonly peaks = new Map<string, number>();
  /**
   * What an answer needs of a live run that can't change while it is live: its plan and the key behind its
   * response keys. Kept so that an answer reads nothing before its group commit, which checks again, in its
   * transaction, that the run is live and still has its key (and drops the entry when not). Forgotten when the run
   * ends here, or when this process learns that it ended elsewhere (Maintenance.forget).
   */
  readonly answerable = new Map<string, { plan: Plan; salt: Buffer }>();
  /**
   * Per prompt, when it first opened, and the response keys of answers sent over connections made after that (any
   * time it was open), kept until the run ends. Such answers ride along with a batch but never complete one
   * (releaseWhatIsDue), so someone who opens fresh connections after the results are up can't be the rest of a batch
   * around one person's answer. Per approved question, the same for votes (QuestionBox). Never stored (marks.server.ts).
   */
  readonly marks: RunMarks;
  /**
   * The screens' view per run, for phones' snapshots: kept for the rest of this turn of the event loop, and only
   * while nothing is written and the clock shows the same millisecond (`mark`), so it is what a fresh build would
   * be: a room's phones reconnecting at once (after a restart, say) each get a snapshot. Their answers to `run:sync`
   * share one view per slice instead, through sharedReads (decision 046).
   */
  turnViews: { mark: string; views: Map<string, Promise<AudienceView>> } | undefined;
  /** The question box's own logic (questions, votes, the console's queue); reached only through the run engine. */
  readonly questions: QuestionBox;

  constructor(
    readonly storage: Storage,
    readonly plans: PlanLibrary,
    readonly options: EngineOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.onProblem = options.onProblem ?? (() => {});
    this.marks = options.marks ?? new LocalMarks();
    this.questions = new QuestionBox(this.marks);
  }

  /** The run with its plan, read on `q` (storage's queries, or a transaction's). */
  async loadRun(q: Queries, runId: string): Promise<LoadedRun | undefined> {
    return this.withPlan(q, await q.getRunById(runId));
  }

  async loadRunByCode(code: string): Promise<LoadedRun | undefined> {
    const q = this.storage.queries;
    return this.withPlan(q, await q.getRunByCode(code));
  }

  /** The run a facilitator link opens, if the secret is right. */
  async loadRunBySecret(secret: string): Promise<LoadedRun | undefined> {
    const q = this.storage.queries;
    return this.withPlan(q, await q.getRunBySecretHash(hashSecret(secret)));
  }

  /** True when `secret` is the facilitator secret of this run. */
  isFacilitator(run: RunRow, secret: string | undefined): boolean {
    return secret !== undefined && secretMatches(secret, run.facilitatorSecretHash);
  }

  async loadLiveRun(q: Queries, runId: string): Promise<Result<LoadedRun>> {
    const run = await this.loadRun(q, runId);
    if (!run) return fail("not-found", { reason: "noSuchSession" });
    if (run.row.state !== "live") return fail("run-ended", { reason: "ended" });
    return ok(run);
  }

  /** A run with its recorded plan; undefined (and reported) when that plan can't be read back. */
  async withPlan(q: Queries, row: RunRow | undefined): Promise<LoadedRun | undefined> {
    if (!row) return undefined;
    const parsed = await this.plans.fromSnapshot(row.planHash, async () => (await q.getPlanSnapshot(row.planHash))?.source);
    if (!parsed?.ok) {
      this.onProblem(`run ${row.code} can't be loaded: its stored plan ${parsed ? "no longer parses" : "is missing"}`);
      return undefined;
    }
    return { row, plan: parsed.plan };
  }
}

/**
 * Reads for the views of one moment, on `q`. With `shared`, each read is made once (a broadcast's console tally
 * and screens' update, a slice of `run:sync`'s snapshots: a revealed prompt's tally counts every answer, and the
 * hub sends one ten times a second); without, each is made when asked. An object per moment, not a field of the
 * engine: two broadcasts may be under way at once.
 */
export class Reads {
  private readonly cache: Map<string, Promise<unknown>> | undefined;

  constructor(readonly q: Queries, shared: boolean) {
    this.cache = shared ? new Map() : undefined;
  }

  /** Whether reads are shared for the moment. */
  get shared(): boolean {
    return this.cache !== undefined;
  }

  /** A read, made once for the moment when reads are shared. */
  read<T>(key: string, query: () => Promise<T>): Promise<T> {
    if (!this.cache) return query();
    let read = this.cache.get(key) as Promise<T> | undefined;
    if (!read) this.cache.set(key, (read = query()));
    return read;
  }

  phaseOf(runId: string, promptId: string) {
    return this.read(`phase\n${runId}\n${promptId}`, () => this.q.getPromptPhase(runId, promptId));
  }

  countsOf(runId: string, promptId: string, view: AnswerView) {
    return this.read(`counts\n${runId}\n${promptId}\n${view}`, () => this.q.countResponses(runId, promptId, view));
  }

  /** The prompt's late response keys (RunMarks), read once for the moment when reads are shared. */
  lateKeysOf(marks: RunMarks, runId: string, promptId: string) {
    return this.read(`late\n${runId}\n${promptId}`, () => marks.lateKeys(runId, promptId));
  }
}
