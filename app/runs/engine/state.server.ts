import type { PlanLibrary } from "~/library/plan-library.server";
import type { Plan } from "~/content/plan-schema";
import { fail, ok, type Result } from "~/domain/result";
import type { Db } from "~/models/db.server";
import { countResponses, type AnswerView } from "~/models/response.server";
import { getPlanSnapshot, getPromptPhase, getRunByCode, getRunById, getRunBySecretHash, type RunRow } from "~/models/run.server";
import type { AudienceView, FacilitatorTally } from "~/realtime/events";

import { QuestionBox } from "../question-box.server";
import { hashSecret, secretMatches } from "../secrets.server";

/** A run together with the exact plan it records. */
export interface LoadedRun {
  row: RunRow;
  plan: Plan;
}

/** Who is connected to a run right now, as the console is told it: phones, and the room's displays. */
export type Presence = Pick<FacilitatorTally, "connected" | "displays">;

/** Before the realtime connection says otherwise (a console page as first drawn). */
export const NOBODY_CONNECTED: Presence = { connected: 0, displays: 0 };

/** How the run engine is set up: the organisation's default k, the clock, where problems are told, the log's retry. */
export interface EngineOptions {
  /** The privacy threshold when a run is started without one: the organisation's setting. */
  defaultK: () => number;
  now?: () => Date;
  onProblem?: (message: string) => void;
  /** Told when something reported to onProblem has come right. */
  onNotice?: (message: string) => void;
  /** The first wait before emptying the write-ahead log is tried again, and the longest (it doubles between tries). */
  logRetryMs?: { first: number; max: number };
}

/**
 * What the parts of the run engine share (app/runs/run-engine.server.ts): the database, the plans, the clock and
 * the reports, what this process keeps in memory about live runs, and the reads every part makes. The parts
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
   * transaction, that the run is live and the prompt open. Forgotten when the run ends here.
   */
  readonly answerable = new Map<string, { plan: Plan; salt: Buffer }>();
  /**
   * Per prompt opened in this process (`runId\npromptId`): when it last opened, and the response keys of answers
   * sent over connections made after it opened (any time it was open), kept until the run ends. Such answers ride along with a batch but never complete one (releaseWhatIsDue), so someone who
   * opens fresh connections after the results are up can't be the rest of a batch around one person's answer.
   * Memory only: after a restart every phone counts again.
   */
  readonly openings = new Map<string, { openedAt: number; late: Set<string> }>();
  /** While sharedReads runs: each read's result by what it read, so the views of one broadcast query each thing once. */
  reads: Map<string, unknown> | undefined;
  /**
   * The screens' view per run, for phones' snapshots: kept for the rest of this turn of the event loop, and only
   * while nothing is written and the clock shows the same millisecond (`mark`), so it is what a fresh build would
   * be: a room's phones reconnecting at once (after a restart, say) each get a snapshot. Their answers to `run:sync`
   * share one view per slice instead, through sharedReads (decision 046).
   */
  turnViews: { mark: string; views: Map<string, AudienceView> } | undefined;
  readonly onNotice: (message: string) => void;
  /** The question box's own logic (questions, votes, the console's queue); reached only through the run engine. */
  readonly questions: QuestionBox;

  constructor(
    readonly db: Db,
    readonly plans: PlanLibrary,
    readonly options: EngineOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.onProblem = options.onProblem ?? (() => {});
    this.onNotice = options.onNotice ?? (() => {});
    this.questions = new QuestionBox(db);
  }


  /**
   * Builds several views of the same moment (the console's tally and the screens' update, say) with each query
   * made once: a revealed prompt's tally counts every answer, and the hub sends one ten times a second.
   * `build` must only read.
   */
  sharedReads<T>(build: () => T): T {
    if (this.reads) return build();
    this.reads = new Map();
    try {
      return build();
    } finally {
      this.reads = undefined;
    }
  }

  /** A read, shared with the rest of the current sharedReads call (if any). */
  read<T>(key: string, query: () => T): T {
    if (!this.reads) return query();
    if (!this.reads.has(key)) this.reads.set(key, query());
    return this.reads.get(key) as T;
  }

  phaseOf(runId: string, promptId: string) {
    return this.read(`phase\n${runId}\n${promptId}`, () => getPromptPhase(this.db, runId, promptId));
  }

  countsOf(runId: string, promptId: string, view: AnswerView) {
    return this.read(`counts\n${runId}\n${promptId}\n${view}`, () => countResponses(this.db, runId, promptId, view));
  }

  /** The run with its plan; read once per sharedReads. */
  loadRun(runId: string): LoadedRun | undefined {
    return this.read(`run\n${runId}`, () => this.withPlan(getRunById(this.db, runId)));
  }

  loadRunByCode(code: string): LoadedRun | undefined {
    return this.withPlan(getRunByCode(this.db, code));
  }

  /** The run a facilitator link opens, if the secret is right. */
  loadRunBySecret(secret: string): LoadedRun | undefined {
    return this.withPlan(getRunBySecretHash(this.db, hashSecret(secret)));
  }

  /** True when `secret` is the facilitator secret of this run. */
  isFacilitator(run: RunRow, secret: string | undefined): boolean {
    return secret !== undefined && secretMatches(secret, run.facilitatorSecretHash);
  }

  loadLiveRun(runId: string): Result<LoadedRun> {
    const run = this.loadRun(runId);
    if (!run) return fail("not-found", { reason: "noSuchSession" });
    if (run.row.state !== "live") return fail("run-ended", { reason: "ended" });
    return ok(run);
  }

  /** A run with its recorded plan; undefined (and reported) when that plan can't be read back. */
  withPlan(row: RunRow | undefined): LoadedRun | undefined {
    if (!row) return undefined;
    const parsed = this.plans.fromSnapshot(row.planHash, () => getPlanSnapshot(this.db, row.planHash)?.source);
    if (!parsed?.ok) {
      this.onProblem(`run ${row.code} can't be loaded: its stored plan ${parsed ? "no longer parses" : "is missing"}`);
      return undefined;
    }
    return { row, plan: parsed.plan };
  }
}
