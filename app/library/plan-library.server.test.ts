import fs from "node:fs";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { hashPlanSource, PlanFiles } from "~/content/plan-files.server";
import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { openDatabase, type DatabaseHandle } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import { staffEn } from "~/strings/en/staff-pages";

import { copySource, exportFileName, PlanLibrary } from "./plan-library.server";

const FIXTURES = path.resolve("tests/fixtures/plans");
const EVERY_PROMPT = fs.readFileSync(path.join(FIXTURES, "every-prompt.md"), "utf8");
const BROKEN = EVERY_PROMPT.replace("duration: 20", "duration: soon");

const opened: DatabaseHandle[] = [];
afterEach(() => opened.splice(0).forEach((handle) => handle.close()));

function library() {
  const handle = openDatabase(":memory:");
  opened.push(handle);
  let clock = Date.parse("2025-03-01T10:00:00Z");
  return PlanLibrary.load(new SqliteStorage(handle), new PlanFiles(FIXTURES), () => new Date((clock += 60_000)));
}

async function own(plans: PlanLibrary, source = EVERY_PROMPT.replace("id: every-prompt", "id: my-plan")) {
  const created = await plans.create(source, { createdBy: null }, staffEn);
  if (!created.ok) throw new Error(created.error.message);
  return created.data.key;
}

describe("PlanLibrary", () => {
  it("keeps every saved version as it was and numbers them 1, 2, 3", async () => {
    const plans = await library();
    const key = await own(plans);
    const v2 = EVERY_PROMPT.replace("Glad you're here.", "Welcome, all.");
    expect(await plans.saveVersion(key, v2, null, staffEn)).toMatchObject({ ok: true, data: { version: 2, created: true } });
    expect(plans.versions(key).map((version) => version.version)).toEqual([2, 1]);
    expect(plans.version(key, 1)?.source).toBe(EVERY_PROMPT.replace("id: every-prompt", "id: my-plan"));
    expect(plans.version(key)?.source).toBe(v2);
  });

  it("saves nothing when the text is the same as the newest version", async () => {
    const plans = await library();
    const key = await own(plans, EVERY_PROMPT);
    expect(await plans.saveVersion(key, EVERY_PROMPT, null, staffEn)).toMatchObject({ ok: true, data: { version: 1, created: false } });
    expect(plans.versions(key)).toHaveLength(1);
  });

  it("keeps an invalid text as a draft; new runs use the newest valid version", async () => {
    const plans = await library();
    const key = await own(plans);
    const v2 = EVERY_PROMPT.replace("Glad you're here.", "Welcome, all.");
    await plans.saveVersion(key, v2, null, staffEn);
    await plans.saveVersion(key, BROKEN, null, staffEn);
    const plan = plans.plan(key)!;
    expect(plan.latest.version).toBe(3);
    expect(plan.latest.result.ok).toBe(false);
    expect(plans.get(key)).toMatchObject({ version: 2, hash: hashPlanSource(v2) });
  });

  it("can't start a plan whose every version is a draft", async () => {
    const plans = await library();
    const key = await own(plans, BROKEN);
    expect(plans.plan(key)?.startable).toBeUndefined();
    expect(plans.get(key)).toBeUndefined();
  });

  it("lists a draft by the title its text gives, quickly even when that line is long and odd (fuzz finding)", async () => {
    const plans = await library();
    const key = await own(plans, BROKEN.replace(/^title: .*$/m, `title: "Odd${" ".repeat(40_000)}x`));
    const started = performance.now();
    expect(plans.plan(key)?.title).toBe(`"Odd${" ".repeat(40_000)}x`);
    expect(copySource(`---\ntitle: 'Mine'${" ".repeat(40_000)}\n---\n`)).toBe(`---\ntitle: "Mine (copy)"\n---\n`);
    // The old patterns took 23 s and 14 s on such a line.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(plans.plan(await own(plans, BROKEN.replace(/^title: .*$/m, "title:   'Quoted draft'  ")))?.title).toBe("Quoted draft");
  });

  it("refuses to change a built-in plan and says to clone it", async () => {
    const plans = await library();
    expect(await plans.saveVersion("every-prompt", EVERY_PROMPT, null, staffEn)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("clones a chosen version into a new plan titled with (copy)", async () => {
    const plans = await library();
    const key = await own(plans, EVERY_PROMPT);
    await plans.saveVersion(key, EVERY_PROMPT.replace("Glad you're here.", "Welcome, all."), null, staffEn);
    const copy = await plans.clone(key, 1, null, staffEn);
    expect(copy.ok && copy.data.source).toBe(copySource(EVERY_PROMPT, new Set(["every-prompt"])));
    expect(copy.ok && plans.plan(copy.data.key)).toMatchObject({ title: "Every prompt type (copy)", clonedFrom: `${key}@1`, versions: [expect.objectContaining({ version: 1 })] });
  });

  it("gives each copy a plan id of its own, never one a plan in the library has", async () => {
    const plans = await library();
    const idOf = (key: string) => {
      const version = plans.version(key);
      return version?.result.ok ? version.result.plan.id : undefined;
    };
    const first = await plans.clone("every-prompt", undefined, null, staffEn);
    const second = await plans.clone("every-prompt", undefined, null, staffEn);
    const ofCopy = first.ok ? await plans.clone(first.data.key, undefined, null, staffEn) : first;
    expect([first, second, ofCopy].map((copy) => copy.ok && idOf(copy.data.key))).toEqual([
      "every-prompt-copy",
      "every-prompt-copy-2",
      "every-prompt-copy-copy",
    ]);
  });

  it("cuts a copy's id to the 60 characters a plan id may have, and leaves a text without front matter alone", async () => {
    const long = "a".repeat(58) + "-b";
    expect(copySource(`---\nid: ${long}\ntitle: T\n---\n`)).toBe(`---\nid: ${"a".repeat(55)}-copy\ntitle: "T (copy)"\n---\n`);
    expect(copySource(`---\nid: "quoted"\n---\n`, new Set(["quoted-copy"]))).toBe(`---\nid: quoted-copy-2\n---\n`);
    expect(copySource("# No front matter\n")).toBe("# No front matter\n");
  });

  it("archives a plan without deleting it: it can still be started, and restored", async () => {
    const plans = await library();
    expect(await plans.setArchived("every-prompt", true, staffEn)).toEqual({ ok: true, data: null });
    expect(plans.list().plans.find((plan) => plan.key === "every-prompt")?.archived).toBe(true);
    expect(plans.get("every-prompt")).toBeDefined();
    await plans.setArchived("every-prompt", false, staffEn);
    expect(plans.plan("every-prompt")?.archived).toBe(false);
    expect(await plans.setArchived("no-such-plan", true, staffEn)).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("holds in memory exactly what storage holds: a library loaded again lists every plan, version and archive the same", async () => {
    const handle = openDatabase(":memory:");
    opened.push(handle);
    const storage = new SqliteStorage(handle);
    const plans = await PlanLibrary.load(storage, new PlanFiles(FIXTURES));
    const key = await own(plans);
    await plans.saveVersion(key, BROKEN, null, staffEn);
    await plans.clone("every-prompt", undefined, null, staffEn);
    await plans.setArchived(key, true, staffEn);
    // Two new plans asked for at once still take plan ids of their own.
    await Promise.all([plans.clone("every-prompt", undefined, null, staffEn), plans.clone("every-prompt", undefined, null, staffEn)]);
    const again = await PlanLibrary.load(storage, new PlanFiles(FIXTURES));
    expect(again.list()).toEqual(plans.list());
    const ids = plans.list().plans.map((plan) => (plan.latest.result.ok ? plan.latest.result.plan.id : plan.key));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses a text over the size limit", async () => {
    const plans = await library();
    const huge = EVERY_PROMPT + "x".repeat(MAX_PLAN_BYTES);
    expect(await plans.create(huge, { createdBy: null }, staffEn)).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(plans.check(huge, staffEn)).toMatchObject({ ok: false, issues: [{ line: 1 }] });
  });

  it("names exports by plan id and version; a built-in plan by its id", async () => {
    const plans = await library();
    const key = await own(plans);
    await plans.saveVersion(key, BROKEN.replace("id: every-prompt", "id: my-plan"), null, staffEn);
    expect(exportFileName(plans.plan(key)!, plans.version(key, 1)!)).toBe("my-plan-v1.md");
    // A draft may not parse, so its name comes from its title.
    expect(exportFileName(plans.plan(key)!, plans.version(key, 2)!)).toBe("every-prompt-type-v2.md");
    expect(exportFileName(plans.plan("every-prompt")!, plans.version("every-prompt")!)).toBe("every-prompt.md");
  });
});
