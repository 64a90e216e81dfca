import type { AppLoadContext } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";

import { findPrompt, promptsOf, type Plan, type Prompt, type PromptType } from "~/content/plan-schema";
import type { PlanLibrary } from "~/library/plan-library.server";
import { logicOf } from "~/prompts/registry";
import type { HistoryRow } from "~/models/history.server";
import type { Comparison, Results, Tally } from "~/realtime/events";
import type { Storage } from "~/storage/storage";
import { staffEn } from "~/strings/en/staff-pages";
import { staffStringsFor, type StaffStrings } from "~/strings/staff-catalogues";
import { formatStaffDate } from "~/utils/dates";

import type { LoadedRun, RunEngine } from "./run-engine.server";
import { answersOf } from "~/domain/tally";

/** A run as history and its report's header show it: every value ready to print. */
export interface RunSummary {
  id: string;
  code: string;
  live: boolean;
  k: number;
  /** ISO 8601, UTC. */
  startedAt: string;
  /** The start as staff pages print dates (formatStaffDate), e.g. "3 May 2025, 18:30". */
  started: string;
  /** "1 h 5 min", or "in progress" for a live run. */
  duration: string;
  /** The name of who started it, or "—". */
  facilitator: string;
  /** "version 3", or "built-in". */
  version: string;
  /** The own plan's version number; null for a built-in plan. */
  planVersion: number | null;
  /** The most phones connected at once, or "fewer than k": a small number could help tell who was there. */
  participants: string;
}

/** One prompt of an ended run, as the room could have seen it. */
export interface PromptReport {
  prompt: Prompt;
  typeLabel: string;
  /** False for a prompt never opened in the run. */
  asked: boolean;
  /** Whether the facilitator revealed its results to the room. */
  revealed: boolean;
  /** Whether the room saw results: revealed with at least k answers (revealed under k, the room was told they're withheld). */
  shownInRoom: boolean;
  results: Results;
  comparison: Comparison | null;
  /** Answers (passes not counted) and passes; null under k, where even the count is withheld. */
  counts: { answers: number; passes: number } | null;
  /**
   * Participants' own words, moderated and deleted at retention: "entries" (free text: only approved ones
   * are kept for the report) or "words" (a cloud's); null for a type whose answers are choices.
   */
  ownText: "entries" | "words" | null;
  /** Whether "compare runs" offers this prompt (a choice or scale prompt still in the plan's newest version). */
  comparable: boolean;
}

/** A question from the room the facilitator approved (decision 036): its text (null once purged) and released votes. */
export interface ReportQuestion {
  text: string | null;
  votes: number;
  answered: boolean;
}

export interface EndedReport {
  live: false;
  planKey: string;
  planTitle: string;
  summary: RunSummary;
  /** True once the retention purge deleted the run's free text and words. */
  textPurged: boolean;
  prompts: PromptReport[];
  /** The question box's approved questions, most votes first; empty when none were approved. */
  questions: ReportQuestion[];
}

/** A live run's report holds no results at all, so nobody can watch answers arrive. */
export type RunReport = EndedReport | { live: true; planKey: string; planTitle: string; summary: RunSummary };

/** One run's share of each option of a prompt, for comparing runs over time. */
export interface ComparedRun {
  id: string;
  started: string;
  k: number;
  /** "missing": the run's version of the plan has no such prompt (or a different kind of prompt). */
  status: "shown" | "withheld" | "missing";
  answers: number | null;
  /** One entry per option of the comparison's `options`, in that order. */
  shares: Array<{ option: string; count: number; share: number }>;
  /** A scale's middle answer. */
  median: number | null;
}

export interface RunComparison {
  planKey: string;
  planTitle: string;
  /** Prompts that can be compared (choices and scales), from the plan's newest version. */
  prompts: Array<{ id: string; question: string }>;
  /**
   * `kind`: "values" for values in order (a scale's), "options" for labels; `manyChoices`: one answer can
   * hold several options, so the counts add up to more than the answers.
   */
  prompt: { id: string; question: string; type: PromptType; kind: "options" | "values"; manyChoices: boolean } | null;
  /** Options matched across versions by label (a scale's by value). */
  options: string[];
  /** Ended runs, oldest first. */
  runs: ComparedRun[];
}

/** A session of a course, as course history and the course's check-in and check-out name it. */
export interface CourseSessionRef {
  position: number;
  planKey: string;
  planTitle: string;
}

/** One ended run of a course's session: its check-out and the check-in it is compared with, each under k on its own. */
export interface CheckInOutRun {
  id: string;
  started: string;
  k: number;
  /** False when the run's check-out was never opened. */
  asked: boolean;
  /** Null when the run's plan has no check-out compared with a check-in. */
  checkOut: { results: Results; comparison: Comparison } | null;
}

export const CSV_COLUMNS = ["plan", "plan_version", "run_started", "prompt_id", "prompt_type", "question", "option", "count", "answers", "passes", "status"];

/**
 * Run history, reports, CSV export and comparisons for organisers. Results
 * come from the engine (reportResults), so k, moderation and held-back
 * answers follow exactly the rules the room's screens followed.
 */
export class RunReports {
  constructor(
    private readonly storage: Storage,
    private readonly engine: RunEngine,
    private readonly plans: PlanLibrary,
  ) {}

  /**
   * A plan's runs, newest first; undefined when the library has no such plan and it never ran.
   * `inLibrary` is false once its file is gone (its runs stay).
   */
  async history(planKey: string, tag: string): Promise<{ planKey: string; planTitle: string; inLibrary: boolean; runs: RunSummary[] } | undefined> {
    const rows = await this.storage.queries.runsOfPlan(planKey);
    const named = await this.planTitle(planKey, rows[0]);
    return named && { planKey, ...named, runs: rows.map((row) => summaryOf(row, tag)) };
  }

  /** The library's title for the plan, or, once it is gone, the title its newest run recorded. */
  private async planTitle(planKey: string, newest: HistoryRow | undefined): Promise<{ planTitle: string; inLibrary: boolean } | undefined> {
    const plan = this.plans.plan(planKey);
    const planTitle = plan?.title ?? (newest ? (await this.engine.loadRun(newest.id))?.plan.title : undefined);
    return planTitle === undefined ? undefined : { planTitle, inLibrary: plan !== undefined };
  }

  /** A run's report, its words in the staff page's language (`tag`); undefined for an unknown run. */
  async report(runId: string, tag: string): Promise<RunReport | undefined> {
    const row = await this.storage.queries.getHistoryRow(runId);
    const run = row ? await this.engine.loadRun(runId) : undefined;
    if (!row || !run) return undefined;
    const head = { planKey: row.planId, planTitle: run.plan.title, summary: summaryOf(row, tag) };
    if (row.state === "live") return { live: true, ...head };
    const comparable = new Set(this.comparablePrompts(row.planId, run.plan).map((prompt) => prompt.id));
    const prompts: PromptReport[] = [];
    for (const prompt of promptsOf(run.plan)) prompts.push(await this.promptReport(run, prompt, comparable.has(prompt.id), tag));
    const questions = (await this.storage.queries.approvedQuestions(runId)).map((question) => ({
      text: question.text,
      votes: question.releasedVotes,
      answered: question.state === "answered",
    }));
    return { live: false, ...head, textPurged: row.textPurgedAt !== null, prompts, questions };
  }

  /** The same prompt across a plan's ended runs; `promptId` defaults to the first comparable prompt. */
  async compare(planKey: string, promptId: string | undefined, tag: string): Promise<RunComparison | undefined> {
    const rows = await this.storage.queries.runsOfPlan(planKey, "oldest");
    const named = await this.planTitle(planKey, rows.at(-1));
    if (!named) return undefined;
    const ended = rows.filter((row) => row.state === "ended");
    const loaded: Array<{ row: HistoryRow; run: LoadedRun | undefined }> = [];
    for (const row of ended) loaded.push({ row, run: await this.engine.loadRun(row.id) });
    const prompts = this.comparablePrompts(planKey, loaded.findLast((entry) => entry.run)?.run?.plan);
    const chosen = prompts.find((prompt) => prompt.id === promptId) ?? (promptId === undefined ? prompts[0] : undefined);
    const base = { planKey, planTitle: named.planTitle, prompts: prompts.map(({ id, question }) => ({ id, question })) };
    if (!chosen) return { ...base, prompt: null, options: [], runs: [] };

    const tallies: Array<{ row: HistoryRow; results: Results | null }> = [];
    for (const { row, run } of loaded) {
      const prompt = run ? findPrompt(run.plan, chosen.id) : undefined;
      if (!run || !prompt || logicOf(prompt.type).comparison?.kind !== logicOf(chosen.type).comparison?.kind || !comparable(prompt)) tallies.push({ row, results: null });
      else tallies.push({ row, results: (await this.engine.reportResults(run, prompt)).results });
    }
    const options = optionsOf(chosen, tallies.map((entry) => entry.results));
    return {
      ...base,
      prompt: {
        id: chosen.id,
        question: chosen.question,
        type: chosen.type,
        kind: logicOf(chosen.type).comparison?.kind ?? "options",
        manyChoices: logicOf(chosen.type).comparison?.manyPerAnswer === true,
      },
      options,
      runs: tallies.map(({ row, results }) => comparedRun(row, results, options, tag)),
    };
  }

  /** A course's runs together: each session in order, with its runs newest first (as a plan's history lists them). */
  async courseHistory(sessions: CourseSessionRef[], tag: string): Promise<Array<CourseSessionRef & { runs: RunSummary[] }>> {
    const courseRuns: Array<CourseSessionRef & { runs: RunSummary[] }> = [];
    for (const session of sessions) {
      courseRuns.push({ ...session, runs: (await this.storage.queries.runsOfPlan(session.planKey)).map((row) => summaryOf(row, tag)) });
    }
    return courseRuns;
  }

  /**
   * Each session in order with its ended runs (oldest first), each run's
   * check-out beside the check-in it is compared with (the run's last scale
   * with `compare-with`). Each side is the group's distribution under the
   * run's k on its own, as the run's report shows it: never a count under k,
   * never anything per person.
   */
  async courseCheckInOut(sessions: CourseSessionRef[], tag: string): Promise<Array<CourseSessionRef & { runs: CheckInOutRun[] }>> {
    const courseRuns: Array<CourseSessionRef & { runs: CheckInOutRun[] }> = [];
    for (const session of sessions) {
      const runs: CheckInOutRun[] = [];
      for (const row of (await this.storage.queries.runsOfPlan(session.planKey, "oldest")).filter((ended) => ended.state === "ended")) {
        const base = { id: row.id, started: formatStaffDate(row.startedAt, tag), k: row.k };
        const run = await this.engine.loadRun(row.id);
        const checkOut = run ? promptsOf(run.plan).findLast((prompt) => "compareWith" in prompt && prompt.compareWith) : undefined;
        if (!run || !checkOut) {
          runs.push({ ...base, asked: false, checkOut: null });
          continue;
        }
        const { status, results, comparison } = await this.engine.reportResults(run, checkOut);
        runs.push({ ...base, asked: status.phase !== "pending", checkOut: comparison ? { results, comparison } : null });
      }
      courseRuns.push({ ...session, runs });
    }
    return courseRuns;
  }

  /** Choice and scale prompts of the plan's newest valid version (or of `fallback`, once the plan has none): what compare offers. */
  private comparablePrompts(planKey: string, fallback: Plan | undefined): Prompt[] {
    const plan = this.plans.get(planKey)?.result.plan ?? fallback;
    return plan ? promptsOf(plan).filter(comparable) : [];
  }

  private async promptReport(run: LoadedRun, prompt: Prompt, comparable: boolean, tag: string): Promise<PromptReport> {
    const { status, counts, results, comparison } = await this.engine.reportResults(run, prompt);
    return {
      prompt,
      typeLabel: staffStringsFor(tag).library.promptTypes[prompt.type],
      asked: status.phase !== "pending",
      revealed: status.revealed,
      shownInRoom: status.revealed && results.status === "shown",
      results,
      comparison,
      counts: results.status === "shown" ? { answers: answersOf(counts), passes: counts.passes } : null,
      ownText: logicOf(prompt.type).text?.kind ?? null,
      comparable,
    };
  }
}

/** A run's report for a loader, in the staff page's language (`tag`); an unknown run is a 404, thrown. */
export async function requireReport(context: AppLoadContext, runId: string | undefined, tag: string): Promise<RunReport> {
  const report = await context.beside.reports.report(runId ?? "", tag);
  if (!report) throw new Response(staffStringsFor(tag).reports.noSuchRun, { status: 404 });
  return report;
}

/**
 * The CSV of an ended run: aggregates only, one row per prompt and option,
 * nothing per person and never open text. A word cloud's options are the
 * words public screens could show (never a hidden word, nor an unapproved one
 * on a sensitive slide), with their counts. Under k a prompt's counts are left
 * empty. Every cell that a spreadsheet would read as a formula is neutralised.
 */
export function reportCsv(report: EndedReport): { filename: string; body: string } {
  const { summary } = report;
  const rows = report.prompts.flatMap((entry) => {
    const { prompt, results, counts } = entry;
    const shown = results.status === "shown" ? results.tally : null;
    const row = (option: string, count: number | null) => [
      report.planKey,
      summary.planVersion ?? "built-in",
      summary.startedAt,
      prompt.id,
      prompt.type,
      prompt.question,
      option,
      shown ? count : null,
      counts?.answers ?? null,
      counts?.passes ?? null,
      shown ? "shown" : "withheld",
    ];
    return logicOf(prompt.type).csvRows(prompt, shown).map(([option, count]) => row(option, count));
  });
  // The question box as open text is: one row, never the text (one person's words); its count is how many were approved.
  const questions = report.questions.length === 0 ? [] : [[
    report.planKey,
    summary.planVersion ?? "built-in",
    summary.startedAt,
    "",
    "questions",
    staffEn.reports.questions.csvQuestion,
    "",
    report.questions.length,
    null,
    null,
    "shown",
  ]];
  const cells = [CSV_COLUMNS, ...rows, ...questions].map((cellsOfRow) => cellsOfRow.map((cell) => neutralise(cell === null ? "" : String(cell))));
  return { filename: `${report.planKey}-${summary.startedAt.slice(0, 10)}-${summary.code}.csv`, body: stringify(cells) };
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe: participants' words can't become formulas. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function summaryOf(row: HistoryRow, tag: string): RunSummary {
  const t = staffStringsFor(tag).reports.summary;
  return {
    id: row.id,
    code: row.code,
    live: row.state === "live",
    k: row.k,
    startedAt: row.startedAt.toISOString(),
    started: formatStaffDate(row.startedAt, tag),
    duration: row.endedAt ? durationOf(row.endedAt.getTime() - row.startedAt.getTime(), t) : t.inProgress,
    facilitator: row.facilitator ?? t.nobody,
    version: row.planVersion === null ? t.builtIn : t.planVersion(row.planVersion),
    planVersion: row.planVersion,
    // Not while it runs: next to the console's answer count it would be the "n of m answered" no screen may show.
    participants:
      row.state === "live" ? t.whenItEnds : row.peakParticipants < row.k ? t.fewerThan(row.k) : String(row.peakParticipants),
  };
}

function durationOf(ms: number, t: StaffStrings["reports"]["summary"]): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return minutes < 60 ? t.minutes(minutes) : t.hours(Math.floor(minutes / 60), minutes % 60);
}

/** Prompts whose answers split into shares: choices and scales. */
function comparable(prompt: Prompt): boolean {
  return logicOf(prompt.type).comparison !== undefined;
}

/** A comparable tally as option → count: a choice's label, or a scale's value as text. */
function countsOf(tally: Tally): Map<string, number> {
  return logicOf(tally.type).comparison?.counts(tally) ?? new Map<string, number>();
}

/** The options to compare: the chosen prompt's, then any only older versions had (a scale's values in order). */
function optionsOf(prompt: Prompt, results: Array<Results | null>): string[] {
  const comparison = logicOf(prompt.type).comparison;
  const seen = new Set<string>(comparison?.kind === "options" ? comparison.options(prompt) : []);
  for (const result of results) {
    if (result?.status === "shown") for (const option of countsOf(result.tally).keys()) seen.add(option);
  }
  if (comparison?.kind === "values") {
    for (const value of comparison.options(prompt)) seen.add(value);
    return [...seen].sort((a, b) => Number(a) - Number(b));
  }
  return [...seen];
}

function comparedRun(row: HistoryRow, results: Results | null, options: string[], tag: string): ComparedRun {
  const base = { id: row.id, started: formatStaffDate(row.startedAt, tag), k: row.k };
  if (!results) return { ...base, status: "missing", answers: null, shares: [], median: null };
  if (results.status !== "shown") return { ...base, status: "withheld", answers: null, shares: [], median: null };
  const { tally } = results;
  const counts = countsOf(tally);
  // Shares of all choices made: with multiple choice one answer can hold several.
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  return {
    ...base,
    status: "shown",
    answers: tally.answers,
    shares: options.map((option) => {
      const count = counts.get(option) ?? 0;
      return { option, count, share: total === 0 ? 0 : count / total };
    }),
    median: "median" in tally ? tally.median : null,
  };
}
