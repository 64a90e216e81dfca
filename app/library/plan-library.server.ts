import { randomBytes } from "node:crypto";

import { hashPlanSource, type PlanEntry, type PlanFiles } from "~/content/plan-files.server";
import { parsePlan, type ParseResult } from "~/content/parse-plan.server";
import { MAX_PLAN_BYTES, type Plan } from "~/content/plan-schema";
import type { OwnPlanRow, PlanVersionRow } from "~/models/plan.server";
import type { Outcome } from "~/realtime/events";
import { planTooLong } from "~/library/forms";
import { ok, refused } from "~/domain/result";
import type { Queries, Storage } from "~/storage/storage";
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

/** An own plan as this process holds it: its row and every version, newest first. */
interface OwnPlan {
  row: OwnPlanRow;
  versions: PlanVersionRow[];
}

/** A new own plan not yet written: its row and its first text. */
interface NewPlan {
  row: OwnPlanRow;
  source: string;
}

/**
 * One library of plans: the built-in plans from content/plans (read-only) and
 * the organisation's own plans, whose every saved version stays in storage.
 * Runs, the library pages and the editor all go through here.
 *
 * The own plans, every version of each, and which plans are archived are read once at start (`PlanLibrary.load`)
 * and kept in memory, each change writing storage and then the copy: only this server writes them, and a run's
 * start, the library pages and reports read plans at once, without waiting. (Every version is parsed for the
 * library page anyway, and the parses are kept.) Changes are made one after another, each reading the copy and
 * writing as one step, as when storage answered at once: two new plans never take the same plan id.
 */
export class PlanLibrary {
  private readonly parsed = new Map<string, ParseResult>();
  /** The change under way, which the next one waits for. */
  private changing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly storage: Storage,
    private readonly files: PlanFiles,
    private readonly own: Map<string, OwnPlan>,
    private readonly archived: Set<string>,
    private readonly now: () => Date,
  ) {}

  /** The library, with the own plans as storage holds them now. */
  static async load(storage: Storage, files: PlanFiles, now: () => Date = () => new Date()): Promise<PlanLibrary> {
    const own = new Map<string, OwnPlan>();
    for (const row of await storage.queries.listOwnPlans()) own.set(row.id, { row, versions: await storage.queries.listPlanVersions(row.id) });
    return new PlanLibrary(storage, files, own, await storage.queries.archivedPlanKeys(), now);
  }

  /** Every plan, built-in first then own, each by title; and built-in files that don't parse. */
  list(): { plans: LibraryPlan[]; brokenFiles: PlanEntry[] } {
    const { archived } = this;
    const entries = this.files.list();
    const builtIn = entries.filter(isValidEntry).map((entry) => builtInPlan(entry, archived.has(entry.result.plan.id)));
    const own = [...this.own.values()]
      .map(({ row }) => this.ownPlan(row.id, row.clonedFrom, archived.has(row.id)))
      .filter((plan): plan is LibraryPlan => plan !== undefined);
    const byTitle = (a: LibraryPlan, b: LibraryPlan) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
    return { plans: [...builtIn.sort(byTitle), ...own.sort(byTitle)], brokenFiles: entries.filter((entry) => !entry.result.ok) };
  }

  plan(key: string): LibraryPlan | undefined {
    if (isOwnKey(key)) {
      const row = this.own.get(key)?.row;
      return row ? this.ownPlan(row.id, row.clonedFrom, this.archived.has(key)) : undefined;
    }
    const entry = this.files.get(key);
    return entry ? builtInPlan(entry, this.archived.has(key)) : undefined;
  }

  /** Every version of a plan, newest first; a built-in plan has one, its file as it is now. */
  versions(key: string): PlanVersion[] {
    if (!isOwnKey(key)) {
      const entry = this.files.get(key);
      return entry ? [builtInVersion(entry)] : [];
    }
    return (this.own.get(key)?.versions ?? []).map((row) => this.fromRow(row));
  }

  /** One version of a plan; without a number, the newest. */
  version(key: string, version?: number): PlanVersion | undefined {
    if (!isOwnKey(key)) return version === undefined ? this.versions(key)[0] : undefined;
    if (version === undefined) return this.versions(key)[0];
    const row = this.own.get(key)?.versions.find((saved) => saved.version === version);
    return row ? this.fromRow(row) : undefined;
  }

  /** What a new run of the plan uses: its newest valid version. Archived plans can still be started. */
  get(key: string): ValidPlanVersion | undefined {
    return this.plan(key)?.startable;
  }

  /** Adds an own plan from Markdown (an import or a new plan). An invalid text is kept as a draft. */
  create(source: string, options: { createdBy: string | null; clonedFrom?: string }, strings: StaffStrings): Promise<Outcome<PlanVersion>> {
    return this.change(async () => {
      const plan = this.newPlan(source, options, strings);
      if (!plan.ok) return plan;
      const [row] = await this.add([plan.data]);
      return ok(this.fromRow(row!));
    });
  }

  /**
   * Saves a new version of an own plan. Earlier versions stay as they were.
   * The same text as the newest version saves nothing (`created: false`), so
   * pressing Save twice doesn't fill the version list with copies.
   */
  saveVersion(key: string, source: string, createdBy: string | null, strings: StaffStrings): Promise<Outcome<PlanVersion & { created: boolean }>> {
    return this.change(async () => {
      const t = strings.library.refusals;
      if (!isOwnKey(key)) {
        return refused("forbidden", this.files.get(key) ? t.builtInReadOnly : t.noSuchPlan);
      }
      const plan = this.own.get(key);
      if (!plan) return refused("not-found", t.noSuchPlan);
      if (Buffer.byteLength(source) > MAX_PLAN_BYTES) return refused("invalid-payload", planTooLong(strings));
      const newest = plan.versions[0];
      if (newest && newest.source === source) return ok({ ...this.fromRow(newest), created: false });
      const row = await this.storage.transaction((tx) => this.insertVersion(tx, key, source, createdBy, this.now()));
      plan.versions.unshift(row);
      return ok({ ...this.fromRow(row), created: true });
    });
  }

  /** Copies a version of any plan (the newest if none is given) into a new own plan titled "… (copy)", with a plan id of its own. */
  clone(key: string, version: number | undefined, createdBy: string | null, strings: StaffStrings): Promise<Outcome<PlanVersion>> {
    return this.change(async () => {
      const plan = this.copyOf(key, version, createdBy, this.planIds(), strings);
      if (!plan.ok) return plan;
      const [row] = await this.add([plan.data]);
      return ok(this.fromRow(row!));
    });
  }

  /**
   * Copies the newest version of each plan into a new own plan, as `clone` does, each with a plan id none of the
   * others takes either; and does `also` with the copies' keys, in order, in the same transaction. Every copy is
   * kept, or none: a plan that can't be copied is refused with `whyNot(its position from 1, the refusal)`.
   */
  cloneAll(
    keys: string[],
    createdBy: string | null,
    strings: StaffStrings,
    whyNot: (position: number, message: string) => string,
    also: (tx: Queries, copies: string[]) => Promise<void>,
  ): Promise<Outcome<string[]>> {
    return this.change(async () => {
      const taken = this.planIds();
      const plans: NewPlan[] = [];
      for (const [i, key] of keys.entries()) {
        const plan = this.copyOf(key, undefined, createdBy, taken, strings);
        if (!plan.ok) return refused(plan.error.code, whyNot(i + 1, plan.error.message));
        const copied = this.parse(hashPlanSource(plan.data.source), plan.data.source, "plan");
        if (copied.ok) taken.add(copied.plan.id);
        plans.push(plan.data);
      }
      const copies = plans.map((plan) => plan.row.id);
      await this.add(plans, (tx) => also(tx, copies));
      return ok(copies);
    });
  }

  /**
   * A new own plan from the template: its text unchanged, except for a plan id
   * no plan in the library uses (the template's, or "<id>-2", "<id>-3", …).
   */
  createFromTemplate(template: string, createdBy: string | null, strings: StaffStrings): Promise<Outcome<PlanVersion>> {
    return this.change(async () => {
      const plan = this.newPlan(withFreshId(template, this.planIds()), { createdBy }, strings);
      if (!plan.ok) return plan;
      const [row] = await this.add([plan.data]);
      return ok(this.fromRow(row!));
    });
  }

  /** The plan ids (front matter `id`) the library's plans use in their newest text, drafts included. */
  private planIds(): Set<string> {
    const ids = this.list().plans.flatMap((plan) => [plan.latest, plan.startable].flatMap((v) => (v?.result.ok ? [v.result.plan.id] : [])));
    return new Set(ids);
  }

  setArchived(key: string, archived: boolean, strings: StaffStrings): Promise<Outcome<null>> {
    return this.change(async () => {
      if (!this.plan(key)) return refused("not-found", strings.library.refusals.noSuchPlan);
      await this.storage.queries.setPlanArchived(key, archived, this.now());
      if (archived) this.archived.add(key);
      else this.archived.delete(key);
      return ok(null);
    });
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

  /** Runs one change once the one before it is over: it reads the copy in memory and writes storage and then the copy. */
  private change<T>(work: () => Promise<T>): Promise<T> {
    const done = this.changing.then(work);
    this.changing = done.catch(() => undefined);
    return done;
  }

  /** A new own plan, not yet written, with a key of its own; refused if the text is too long. */
  private newPlan(source: string, options: { createdBy: string | null; clonedFrom?: string }, strings: StaffStrings): Outcome<NewPlan> {
    if (Buffer.byteLength(source) > MAX_PLAN_BYTES) return refused("invalid-payload", planTooLong(strings));
    const key = `own_${randomBytes(8).toString("hex").slice(0, 10)}`;
    return ok({ row: { id: key, clonedFrom: options.clonedFrom ?? null, createdBy: options.createdBy, createdAt: this.now() }, source });
  }

  /** A copy of a version of a plan (the newest if none is given), not yet written, with a plan id none of `takenIds`. */
  private copyOf(
    key: string,
    version: number | undefined,
    createdBy: string | null,
    takenIds: ReadonlySet<string>,
    strings: StaffStrings,
  ): Outcome<NewPlan> {
    const from = this.version(key, version);
    if (!from) return refused("not-found", strings.library.refusals.noSuchPlanOrVersion);
    return this.newPlan(copySource(from.source, takenIds), { createdBy, clonedFrom: `${key}@${from.version ?? from.hash.slice(0, 12)}` }, strings);
  }

  /** Writes new own plans, each with its first version, and `also`, in one transaction; then the copy in memory. */
  private async add(plans: NewPlan[], also?: (tx: Queries) => Promise<void>): Promise<PlanVersionRow[]> {
    const rows = await this.storage.transaction(async (tx) => {
      const written: PlanVersionRow[] = [];
      for (const { row, source } of plans) {
        await tx.insertPlan(row);
        written.push(await this.insertVersion(tx, row.id, source, row.createdBy, row.createdAt));
      }
      await also?.(tx);
      return written;
    });
    for (const [i, { row }] of plans.entries()) this.own.set(row.id, { row, versions: [rows[i]!] });
    return rows;
  }

  private insertVersion(tx: Queries, key: string, source: string, createdBy: string | null, now: Date): Promise<PlanVersionRow> {
    const hash = hashPlanSource(source);
    const valid = this.parse(hash, source, "plan").ok;
    return tx.insertPlanVersion({ planId: key, source, hash, valid, createdBy, createdAt: now });
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
