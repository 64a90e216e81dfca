import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { parsePlan, type ParseResult } from "./parse-plan.server";
import { MAX_PLAN_BYTES, type Plan, type PlanIssue } from "./plan-schema";

export interface PlanEntry {
  /** Path relative to the working directory, as shown in errors. */
  file: string;
  source: string;
  /** SHA-256 of the source: what a run records as the exact version it used. */
  hash: string;
  result: ParseResult;
}

export function hashPlanSource(source: string): string {
  return createHash("sha256").update(source).digest("hex");
}

/**
 * The plans in content/plans. Files are re-read when they change, so an
 * organiser's edit shows on the next page load. A broken plan is listed with
 * its issues; it never stops the server.
 */
export class PlanFiles {
  private readonly files = new Map<string, { mtimeMs: number; size: number; entry: PlanEntry }>();

  constructor(private readonly dir: string) {}

  /** Every plan file: valid ones by title, then broken ones; a duplicate id is reported on the later file. */
  list(): PlanEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((name) => name.endsWith(".md") && name !== "README.md");
    } catch {
      return [];
    }
    const entries = names.sort().map((name) => this.read(path.join(this.dir, name)));
    const seen = new Map<string, string>();
    return entries
      .map((entry) => {
        if (!entry.result.ok) return entry;
        const earlier = seen.get(entry.result.plan.id);
        if (!earlier) {
          seen.set(entry.result.plan.id, entry.file);
          return entry;
        }
        const issue: PlanIssue = { file: entry.file, line: 1, message: `plan id "${entry.result.plan.id}" is already used by ${earlier}` };
        return { ...entry, result: { ok: false as const, issues: [issue] } };
      })
      .sort((a, b) => Number(!a.result.ok) - Number(!b.result.ok) || titleOf(a).localeCompare(titleOf(b)));
  }

  /** A valid plan by id, as it is on disk now. */
  get(planId: string): (PlanEntry & { result: { ok: true; plan: Plan } }) | undefined {
    return this.list().find(
      (entry): entry is PlanEntry & { result: { ok: true; plan: Plan } } => entry.result.ok && entry.result.plan.id === planId,
    );
  }

  private read(fullPath: string): PlanEntry {
    const file = path.relative(process.cwd(), fullPath) || fullPath;
    let stat: fs.Stats;
    let source: string;
    try {
      stat = fs.statSync(fullPath);
      const cached = this.files.get(fullPath);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.entry;
      if (stat.size > MAX_PLAN_BYTES) {
        const message = `is ${Math.ceil(stat.size / 1000)} KB; a plan can be at most ${MAX_PLAN_BYTES / 1000} KB`;
        return { file, source: "", hash: "", result: { ok: false, issues: [{ file, line: 1, message }] } };
      }
      source = fs.readFileSync(fullPath, "utf8");
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
      return { file, source: "", hash: "", result: { ok: false, issues: [{ file, line: 1, message: `could not read this file (${reason})` }] } };
    }
    const entry: PlanEntry = { file, source, hash: hashPlanSource(source), result: parsePlan(source, file) };
    this.files.set(fullPath, { mtimeMs: stat.mtimeMs, size: stat.size, entry });
    return entry;
  }
}

function titleOf(entry: PlanEntry): string {
  return entry.result.ok ? entry.result.plan.title : entry.file;
}
