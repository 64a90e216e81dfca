import { randomUUID } from "node:crypto";

import type { PlanLibrary } from "~/content/plan-library.server";
import type { Plan, Prompt } from "~/content/plan-schema";
import { truncateLog, type Db } from "~/models/db.server";
import { countResponses, countValues, getResponse, upsertResponse, type ResponseWrite } from "~/models/response.server";
import {
  getPlanSnapshot,
  getPromptPhase,
  getPromptPhases,
  getRunByCode,
  getRunById,
  getRunBySecretHash,
  insertRun,
  isCodeTaken,
  closeOpenPrompts,
  markRunEnded,
  savePlanSnapshot,
  savePromptPhase,
  setCurrentSlide,
  type RunRow,
} from "~/models/run.server";
import type {
  Answer,
  AudienceView,
  ErrorCode,
  FacilitatorTally,
  FacilitatorView,
  ParticipantSnapshot,
  PromptAction,
  PromptStatus,
  Result,
  Results,
  RunInfo,
} from "~/realtime/events";

import { fromStoredAnswer, toStoredAnswer } from "./answers";
import { hashSecret, newFacilitatorSecret, newJoinCode, newResponseKeySalt, responseKey, secretMatches } from "./secrets.server";
import { MAX_K, MIN_K } from "./rules";
import { answersOf, buildTally, resultsFor } from "./tally";


/** A run together with the exact plan it records. */
export interface LoadedRun {
  row: RunRow;
  plan: Plan;
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/**
 * The one authority for runs: every change to a run goes through here, from
 * Remix actions and socket handlers alike. Each change validates, writes in
 * one transaction and returns; callers broadcast only what was committed.
 */
export class RunEngine {
  private readonly now: () => Date;
  private readonly onProblem: (message: string) => void;

  constructor(
    private readonly db: Db,
    private readonly plans: PlanLibrary,
    private readonly options: { defaultK: number; now?: () => Date; onProblem?: (message: string) => void },
  ) {
    this.now = options.now ?? (() => new Date());
    this.onProblem = options.onProblem ?? (() => {});
  }

  /** Starts a run of a valid plan. The facilitator secret is returned once and only its hash is kept. */
  startRun(planId: string, requestedK?: number): Result<{ code: string; facilitatorSecret: string }> {
    const entry = this.plans.get(planId);
    if (!entry) return fail("not-found", "That plan doesn't exist or has errors to fix before it can be started.");
    const k = requestedK ?? this.options.defaultK;
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      return fail("invalid-payload", `The privacy threshold must be a whole number from ${MIN_K} to ${MAX_K}.`);
    }
    const facilitatorSecret = newFacilitatorSecret();
    const now = this.now();
    const row = this.db.transaction((tx) => {
      savePlanSnapshot(tx, { hash: entry.hash, planId, source: entry.source }, now);
      let code = newJoinCode();
      while (isCodeTaken(tx, code)) code = newJoinCode();
      return insertRun(tx, {
        id: randomUUID(),
        code,
        planId,
        planHash: entry.hash,
        facilitatorSecretHash: hashSecret(facilitatorSecret),
        responseKeySalt: newResponseKeySalt(),
        k,
        startedAt: now,
      });
    });
    return ok({ code: row.code, facilitatorSecret });
  }

  loadRun(runId: string): LoadedRun | undefined {
    return this.withPlan(getRunById(this.db, runId));
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

  goToSlide(runId: string, index: number): Result<{ index: number }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!Number.isInteger(index) || index < 0 || index >= run.data.plan.slides.length) {
      return fail("not-found", `There is no slide ${index + 1}.`);
    }
    setCurrentSlide(this.db, runId, index);
    return ok({ index });
  }

  /**
   * Opens, closes, reveals or hides a prompt. Revealing an open prompt also
   * closes it: results are never shown while answers are still coming in,
   * so nobody learns an answer by watching a bar move as a neighbour taps.
   */
  changePrompt(runId: string, promptId: string, action: PromptAction): Result<PromptStatus> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    if (!findPrompt(run.data.plan, promptId)) return fail("not-found", `This plan has no prompt "${promptId}".`);
    const changed = this.db.transaction((tx) => {
      const current = statusOf(getPromptPhase(tx, runId, promptId));
      const next: PromptStatus = {
        open: { phase: "open" as const, revealed: current.revealed },
        close: { phase: "closed" as const, revealed: current.revealed },
        reveal: { phase: current.phase === "open" ? ("closed" as const) : current.phase, revealed: true },
        hide: { phase: current.phase, revealed: false },
      }[action];
      savePromptPhase(tx, { runId, promptId, ...next });
      return ok(statusOf(getPromptPhase(tx, runId, promptId)));
    });
    if (changed.ok && changed.data.phase === "closed") this.forgetLog();
    return changed;
  }

  endRun(runId: string): Result<{ state: "ended" }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    this.db.transaction((tx) => {
      closeOpenPrompts(tx, runId);
      markRunEnded(tx, runId, this.now());
    });
    this.forgetLog();
    return ok({ state: "ended" });
  }

  /**
   * Checks a participant's answer against the run and prompt and computes its
   * response key. Nothing is written: the caller queues the write for a group commit.
   */
  prepareResponse(
    runId: string,
    device: string,
    promptId: string,
    answer: Answer,
  ): Result<{ write: ResponseWrite; answer: Answer }> {
    const run = this.loadLiveRun(runId);
    if (!run.ok) return run;
    const prompt = findPrompt(run.data.plan, promptId);
    if (!prompt) return fail("not-found", "That question isn't part of this session.");
    const stored = toStoredAnswer(prompt, answer, run.data.plan.language);
    if (!stored.ok) return fail("invalid-answer", stored.message);
    const salt = run.data.row.responseKeySalt;
    if (!salt) return fail("run-ended", "This session has ended.");
    return ok({
      write: { runId, promptId, responseKey: responseKey(salt, device, promptId), answer: stored.stored },
      answer: fromStoredAnswer(prompt, stored.stored),
    });
  }

  /**
   * Commits a group of prepared responses in one transaction. Each is checked
   * again inside it: the run is live, and the prompt is the one on screen and
   * open, so an answer never lands after its prompt closed or moved off screen.
   */
  commitResponses(writes: ResponseWrite[]): Array<Result<null>> {
    return this.db.transaction((tx) => {
      // Per run in this batch: the prompt on screen (null: none), or undefined when the run isn't live.
      const onScreen = new Map<string, string | null | undefined>();
      return writes.map((write) => {
        if (!onScreen.has(write.runId)) {
          const run = this.loadRun(write.runId);
          onScreen.set(write.runId, run?.row.state === "live" ? (run.plan.slides[run.row.currentSlide]?.prompt?.id ?? null) : undefined);
        }
        const current = onScreen.get(write.runId);
        if (current === undefined) return fail("run-ended", "This session has ended.");
        if (current !== write.promptId || getPromptPhase(tx, write.runId, write.promptId)?.phase !== "open") {
          return fail("prompt-not-open", "This question isn't open for answers right now.");
        }
        upsertResponse(tx, write);
        return ok(null);
      });
    });
  }

  audienceView(run: LoadedRun): AudienceView {
    const slide = run.plan.slides[run.row.currentSlide] ?? run.plan.slides[0]!;
    const status = slide.prompt ? statusOf(getPromptPhase(this.db, run.row.id, slide.prompt.id)) : null;
    return {
      run: runInfo(run),
      slide: {
        index: slide.index,
        title: slide.title,
        bodyHtml: slide.bodyHtml,
        prompt: slide.prompt && status ? { ...slide.prompt, ...status } : null,
      },
      results: slide.prompt && status ? this.results(run, slide.prompt, "public", status) : null,
    };
  }

  participantSnapshot(run: LoadedRun, device: string): ParticipantSnapshot {
    const view = this.audienceView(run);
    const prompt = run.plan.slides[view.slide.index]?.prompt;
    const salt = run.row.responseKeySalt;
    const stored = prompt && salt ? getResponse(this.db, run.row.id, prompt.id, responseKey(salt, device, prompt.id)) : undefined;
    return { ...view, mine: prompt && stored ? fromStoredAnswer(prompt, stored) : null };
  }

  facilitatorView(run: LoadedRun, connected: number): FacilitatorView {
    const phases = new Map(getPromptPhases(this.db, run.row.id).map((row) => [row.promptId, row]));
    const tally = this.facilitatorTally(run, connected);
    return {
      run: runInfo(run),
      current: run.row.currentSlide,
      slides: run.plan.slides.map((slide) => ({
        ...slide,
        status: slide.prompt ? statusOf(phases.get(slide.prompt.id)) : null,
      })),
      counts: tally.counts,
      results: tally.results,
      connected: tally.connected,
    };
  }

  facilitatorTally(run: LoadedRun, connected: number): FacilitatorTally {
    const prompt = run.plan.slides[run.row.currentSlide]?.prompt;
    if (!prompt) return { promptId: null, counts: null, results: null, connected };
    const status = statusOf(getPromptPhase(this.db, run.row.id, prompt.id));
    const counts = countResponses(this.db, run.row.id, prompt.id);
    const open = status.phase === "open";
    return {
      promptId: prompt.id,
      // While answers come in, passes are not told apart (a pass must not show as someone taps it),
      // and the number of phones is withheld, so no screen can show "n of m answered".
      counts: open ? { responses: counts.responses, passes: null } : counts,
      results: this.results(run, prompt, "facilitator", status, counts),
      connected: open ? null : connected,
    };
  }

  /** The public results of the current prompt, or null when the slide has none. */
  audienceResults(run: LoadedRun): { promptId: string; results: Results } | null {
    const prompt = run.plan.slides[run.row.currentSlide]?.prompt;
    if (!prompt) return null;
    const status = statusOf(getPromptPhase(this.db, run.row.id, prompt.id));
    return { promptId: prompt.id, results: this.results(run, prompt, "public", status) };
  }

  private results(
    run: LoadedRun,
    prompt: Prompt,
    audience: "facilitator" | "public",
    status: PromptStatus,
    counts = countResponses(this.db, run.row.id, prompt.id),
  ): Results {
    return resultsFor(audience, status, run.row.k, counts, () =>
      buildTally(prompt, answersOf(counts), countValues(this.db, run.row.id, prompt.id)),
    );
  }

  /** Empties the write-ahead log after the change is committed; a failure only delays that, so it is reported, not raised. */
  private forgetLog(): void {
    try {
      truncateLog(this.db);
    } catch (error) {
      this.onProblem(`the write-ahead log could not be emptied: ${String(error)}`);
    }
  }

  private loadLiveRun(runId: string): Result<LoadedRun> {
    const run = this.loadRun(runId);
    if (!run) return fail("not-found", "This session doesn't exist.");
    if (run.row.state !== "live") return fail("run-ended", "This session has ended.");
    return ok(run);
  }

  /** A run with its recorded plan; undefined (and reported) when that plan can't be read back. */
  private withPlan(row: RunRow | undefined): LoadedRun | undefined {
    if (!row) return undefined;
    const parsed = this.plans.fromSnapshot(row.planHash, () => getPlanSnapshot(this.db, row.planHash)?.source);
    if (!parsed?.ok) {
      this.onProblem(`run ${row.code} can't be loaded: its stored plan ${parsed ? "no longer parses" : "is missing"}`);
      return undefined;
    }
    return { row, plan: parsed.plan };
  }
}

export function findPrompt(plan: Plan, promptId: string): Prompt | undefined {
  return plan.slides.find((slide) => slide.prompt?.id === promptId)?.prompt;
}

function statusOf(row: PromptStatus | undefined): PromptStatus {
  return row ? { phase: row.phase, revealed: row.revealed } : { phase: "pending", revealed: false };
}

function runInfo(run: LoadedRun): RunInfo {
  return {
    code: run.row.code,
    planTitle: run.plan.title,
    language: run.plan.language,
    state: run.row.state,
    k: run.row.k,
    slideCount: run.plan.slides.length,
  };
}
