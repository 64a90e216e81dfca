import { randomBytes } from "node:crypto";

import { hashPlanSource, type PlanEntry, type PlanFiles } from "~/content/plan-files.server";
import { parsePlan, type ParseResult } from "~/content/parse-plan.server";
import { MAX_PLAN_BYTES, type Plan } from "~/content/plan-schema";
import type { Db } from "~/models/db.server";
import {
  archivedPlanKeys,
  getOwnPlan,
  getPlanVersion,
  insertPlan,
  insertPlanVersion,
  listOwnPlans,
  listPlanVersions,
  setPlanArchived,
  type PlanVersionRow,
} from "~/models/plan.server";
import type { Outcome } from "~/realtime/events";
import { planTooLong } from "~/library/forms";
import { ok, refused } from "~/domain/result";
import { staffEn } from "~/strings/en/staff-pages";
import type { StaffStrings } from "~/strings/staff-catalogues";

export type PlanKind = "built-in" | "own";

/** One exact text of a plan: a built-in file as it is now, or a saved version of an own plan. */
export interface PlanVersion {
  key: string;
  /** 1, 2, … for an own plan; null for a built-in plan (its hash says which text). */
  version: number | null;
  source: string;
  hash: string;
  result: ParseResult;
  createdAt: Date | null;
  createdBy: string | null;
}

export type ValidPlanVersion = PlanVersion & { result: { ok: true; plan: Plan } };

export interface LibraryPlan {
  /** The plan's key in the library and in runs.plan_id: a built-in plan's id, or "own_…". */
  key: string;
  kind: PlanKind;
  /** A built-in plan's file. */
  file: string | null;
  title: string;
  archived: boolean;
  /** The newest saved text, which may be a draft with errors. */
  latest: PlanVersion;
  /** The newest valid version: what a new run uses. None if every version is a draft. */
  startable: ValidPlanVersion | undefined;
  /** Every version, newest first (a built-in plan has one): read once with the plan, for its page and history. */
  versions: PlanVersion[];
  clonedFrom: string | null;
}

/**
 * One library of plans: the built-in plans from content/plans (read-only) and
 * the organisation's own plans, whose every saved version stays in the
 * database. Runs, the library pages and the editor all go through here.
 */
export class PlanLibrary {
  private readonly parsed = new Map<string, ParseResult>();

  constructor(
    private readonly db: Db,
    private readonly files: PlanFiles,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every plan, built-in first then own, each by title; and built-in files that don't parse. */
  list(): { plans: LibraryPlan[]; brokenFiles: PlanEntry[] } {
    const archived = archivedPlanKeys(this.db);
    const entries = this.files.list();
    const builtIn = entries.filter(isValidEntry).map((entry) => builtInPlan(entry, archived.has(entry.result.plan.id)));
    const own = listOwnPlans(this.db)
      .map((row) => this.ownPlan(row.id, row.clonedFrom, archived.has(row.id)))
      .filter((plan): plan is LibraryPlan => plan !== undefined);
    const byTitle = (a: LibraryPlan, b: LibraryPlan) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
    return { plans: [...builtIn.sort(byTitle), ...own.sort(byTitle)], brokenFiles: entries.filter((entry) => !entry.result.ok) };
  }

  plan(key: string): LibraryPlan | undefined {
    if (isOwnKey(key)) {
      const row = getOwnPlan(this.db, key);
      return row ? this.ownPlan(row.id, row.clonedFrom, archivedPlanKeys(this.db).has(key)) : undefined;
    }
    const entry = this.files.get(key);
    return entry ? builtInPlan(entry, archivedPlanKeys(this.db).has(key)) : undefined;
  }

  /** Every version of a plan, newest first; a built-in plan has one, its file as it is now. */
  versions(key: string): PlanVersion[] {
    if (!isOwnKey(key)) {
      const entry = this.files.get(key);
      return entry ? [builtInVersion(entry)] : [];
    }
    return listPlanVersions(this.db, key).map((row) => this.fromRow(row));
  }

  /** One version of a plan; without a number, the newest. */
  version(key: string, version?: number): PlanVersion | undefined {
    if (!isOwnKey(key)) return version === undefined ? this.versions(key)[0] : undefined;
    if (version === undefined) return this.versions(key)[0];
    const row = getPlanVersion(this.db, key, version);
    return row ? this.fromRow(row) : undefined;
  }

  /** What a new run of the plan uses: its newest valid version. Archived plans can still be started. */
  get(key: string): ValidPlanVersion | undefined {
    return this.plan(key)?.startable;
  }

  /** Adds an own plan from Markdown (an import or a new plan). An invalid text is kept as a draft. */
  create(source: string, options: { createdBy: string | null; clonedFrom?: string }, strings: StaffStrings): Outcome<PlanVersion> {
    if (Buffer.byteLength(source) > MAX_PLAN_BYTES) return refused("invalid-payload", planTooLong(strings));
    const key = `own_${randomBytes(8).toString("hex").slice(0, 10)}`;
    const now = this.now();
    const row = this.db.transaction((tx) => {
      insertPlan(tx, { id: key, clonedFrom: options.clonedFrom ?? null, createdBy: options.createdBy, createdAt: now });
      return this.insertVersion(tx, key, source, options.createdBy, now);
    });
    return ok(this.fromRow(row));
  }

  /**
   * Saves a new version of an own plan. Earlier versions stay as they were.
   * The same text as the newest version saves nothing (`created: false`), so
   * pressing Save twice doesn't fill the version list with copies.
   */
  saveVersion(key: string, source: string, createdBy: string | null, strings: StaffStrings): Outcome<PlanVersion & { created: boolean }> {
    const t = strings.library.refusals;
    if (!isOwnKey(key)) {
      return refused("forbidden", this.files.get(key) ? t.builtInReadOnly : t.noSuchPlan);
    }
    if (!getOwnPlan(this.db, key)) return refused("not-found", t.noSuchPlan);
    if (Buffer.byteLength(source) > MAX_PLAN_BYTES) return refused("invalid-payload", planTooLong(strings));
    const saved = this.db.transaction((tx) => {
      const newest = listPlanVersions(tx, key)[0];
      if (newest && newest.source === source) return { row: newest, created: false };
      return { row: this.insertVersion(tx, key, source, createdBy, this.now()), created: true };
    });
    return ok({ ...this.fromRow(saved.row), created: saved.created });
  }

  /** Copies a version of any plan (the newest if none is given) into a new own plan titled "… (copy)", with a plan id of its own. */
  clone(key: string, version: number | undefined, createdBy: string | null, strings: StaffStrings): Outcome<PlanVersion> {
    const from = this.version(key, version);
    if (!from) return refused("not-found", strings.library.refusals.noSuchPlanOrVersion);
    return this.create(copySource(from.source, this.planIds()), { createdBy, clonedFrom: `${key}@${from.version ?? from.hash.slice(0, 12)}` }, strings);
  }

  /**
   * A new own plan from the template: its text unchanged, except for a plan id
   * no plan in the library uses (the template's, or "<id>-2", "<id>-3", …).
   */
  createFromTemplate(template: string, createdBy: string | null, strings: StaffStrings): Outcome<PlanVersion> {
    return this.create(withFreshId(template, this.planIds()), { createdBy }, strings);
  }

  /** The plan ids (front matter `id`) the library's plans use in their newest text, drafts included. */
  private planIds(): Set<string> {
    const ids = this.list().plans.flatMap((plan) => [plan.latest, plan.startable].flatMap((v) => (v?.result.ok ? [v.result.plan.id] : [])));
    return new Set(ids);
  }

  setArchived(key: string, archived: boolean, strings: StaffStrings): Outcome<null> {
    if (!this.plan(key)) return refused("not-found", strings.library.refusals.noSuchPlan);
    setPlanArchived(this.db, key, archived, this.now());
    return ok(null);
  }

  /**
   * The plan a run recorded, parsed from its stored text and cached by hash;
   * its issues if it no longer parses. `readSource` is called only on a cache
   * miss, so the text is not read from the database on every answer.
   */
  async fromSnapshot(hash: string, readSource: () => Promise<string | undefined>): Promise<ParseResult | undefined> {
    const cached = this.parsed.get(hash);
    if (cached) return cached;
    const source = await readSource();
    if (source === undefined) return undefined;
    return this.parse(hash, source, `stored plan ${hash.slice(0, 12)}`);
  }

  /** Checks a plan text without saving it: the editor's live preview. */
  check(source: string, strings: StaffStrings): ParseResult {
    if (Buffer.byteLength(source) > MAX_PLAN_BYTES) return { ok: false, issues: [{ file: "plan", line: 1, message: planTooLong(strings) }] };
    return parsePlan(source, "plan");
  }

  private ownPlan(key: string, clonedFrom: string | null, archived: boolean): LibraryPlan | undefined {
    const versions = this.versions(key);
    const latest = versions[0];
    if (!latest) return undefined;
    const startable = versions.find(isValidVersion);
    return {
      key,
      kind: "own",
      file: null,
      title: titleOf(startable ?? latest),
      archived,
      latest,
      startable,
      versions,
      clonedFrom,
    };
  }

  private insertVersion(tx: Db, key: string, source: string, createdBy: string | null, now: Date): PlanVersionRow {
    const hash = hashPlanSource(source);
    const valid = this.parse(hash, source, "plan").ok;
    return insertPlanVersion(tx, { planId: key, source, hash, valid, createdBy, createdAt: now });
  }

  private fromRow(row: PlanVersionRow): PlanVersion {
    return {
      key: row.planId,
      version: row.version,
      source: row.source,
      hash: row.hash,
      result: this.parse(row.hash, row.source, "plan"),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
    };
  }

  /** Parses once per distinct text. Issues name the file "plan": line numbers are what the editor needs. */
  private parse(hash: string, source: string, file: string): ParseResult {
    const cached = this.parsed.get(hash);
    if (cached) return cached;
    const result = parsePlan(source, file);
    this.parsed.set(hash, result);
    return result;
  }
}

/** The name an exported version downloads as: a built-in plan's file name, or "<plan id>-v<N>.md" for an own plan. */
export function exportFileName(plan: LibraryPlan, version: PlanVersion): string {
  if (plan.kind === "built-in" || version.version === null) return `${plan.key}.md`;
  const slug = version.result.ok ? version.result.plan.id : slugify(titleOf(version));
  return `${slug || "plan"}-v${version.version}.md`;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export function isOwnKey(key: string): boolean {
  return key.startsWith("own_");
}

function isValidEntry(entry: PlanEntry): entry is PlanEntry & { result: { ok: true; plan: Plan } } {
  return entry.result.ok;
}

function isValidVersion(version: PlanVersion): version is ValidPlanVersion {
  return version.result.ok;
}

function builtInVersion(entry: PlanEntry & { result: { ok: true; plan: Plan } }): ValidPlanVersion {
  return { key: entry.result.plan.id, version: null, source: entry.source, hash: entry.hash, result: entry.result, createdAt: null, createdBy: null };
}

function builtInPlan(entry: PlanEntry & { result: { ok: true; plan: Plan } }, archived: boolean): LibraryPlan {
  const version = builtInVersion(entry);
  return {
    key: version.key,
    kind: "built-in",
    file: entry.file,
    title: entry.result.plan.title,
    archived,
    latest: version,
    startable: version,
    versions: [version],
    clonedFrom: null,
  };
}

function titleOf(version: PlanVersion): string {
  if (version.result.ok) return version.result.plan.title;
  // Linear patterns only: a saved draft's title line may be anything, and this runs on every library page.
  const value = /^title:[ \t]*(.*)$/m.exec(version.source)?.[1]?.trim();
  return value?.replace(/^(["'])(.*)\1$/, "$2") || staffEn.library.untitled;
}

/**
 * The text of a copy: " (copy)" added to the front matter's title, and a plan
 * id of its own ("<id>-copy", then "<id>-copy-2", …, none of `takenIds`), so
 * the copy's exports and runs never pass for the plan it came from.
 */
export function copySource(source: string, takenIds: ReadonlySet<string> = new Set()): string {
  return rewriteFrontMatter(source, {
    title: (title) => `${title} (copy)`,
    id: (id) => freeId(id, takenIds, "-copy"),
  });
}

/** The text with a plan id none of `takenIds` uses: its own if free, else "<id>-2", "<id>-3", …. */
export function withFreshId(source: string, takenIds: ReadonlySet<string>): string {
  return rewriteFrontMatter(source, { id: (id) => freeId(id, takenIds, "") });
}

/** Rewrites the front matter's title and id lines; the rest of the text stays byte for byte. */
function rewriteFrontMatter(source: string, change: { title?: (title: string) => string; id: (id: string) => string }): string {
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---/.exec(source);
  if (!frontMatter) return source;
  const { title } = change;
  let block = frontMatter[0];
  if (title) block = block.replace(/^title:[ \t]*(.*)$/m, (_line, raw: string) => `title: ${JSON.stringify(title(unquote(raw)))}`);
  block = block.replace(/^id:[ \t]*(.*)$/m, (line, raw: string) => {
    const id = unquote(raw);
    const fresh = change.id(id);
    // An id already free stays exactly as written.
    return fresh === id ? line : `id: ${fresh}`;
  });
  return block + source.slice(frontMatter[0].length);
}

function unquote(raw: string): string {
  const value = raw.trim();
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * `<id><first>`, or "<id><first>-2", "-3", … when taken (`first` is "-copy" for a copy, "" for a new plan);
 * cut to fit the 60 characters a plan id may have.
 */
function freeId(id: string, takenIds: ReadonlySet<string>, first: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? first : `${first}-${n}`;
    const candidate = `${id.slice(0, 60 - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!takenIds.has(candidate)) return candidate;
  }
}
