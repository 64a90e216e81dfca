import type { Accounts } from "~/auth/accounts.server";

import type { LibraryPlan, PlanVersion } from "./plan-library.server";

/** What a library card shows of a plan. Facts come from the version a new run would use. */
export function planCard(plan: LibraryPlan) {
  const startable = plan.startable?.result.plan;
  return {
    key: plan.key,
    kind: plan.kind,
    title: plan.title,
    archived: plan.archived,
    latestVersion: plan.latest.version,
    draft: !plan.latest.result.ok,
    startable: plan.startable !== undefined,
    startableVersion: plan.startable?.version ?? null,
    facts: startable
      ? {
          summary: startable.summary,
          durationMinutes: startable.durationMinutes,
          audience: startable.audience,
          contentNotes: startable.contentNotes,
          slideCount: startable.slides.length,
          promptCount: startable.slides.filter((slide) => slide.prompt).length,
        }
      : null,
  };
}

export type PlanCard = ReturnType<typeof planCard>;

/** A plan's versions, newest first, with who saved each (by name; a removed account shows as unknown). */
export function versionList(plan: LibraryPlan, versions: PlanVersion[], accounts: Accounts) {
  const names = new Map(accounts.list().map((account) => [account.id, account.name]));
  return versions.map((version) => ({
    version: version.version,
    savedAt: version.createdAt?.toISOString() ?? null,
    // Formatted here, in UTC, so the server's and the browser's renderings agree.
    savedAtText: version.createdAt ? `${version.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : null,
    savedBy: version.createdBy ? (names.get(version.createdBy) ?? "a removed account") : null,
    draft: !version.result.ok,
    usedByNewRuns: plan.startable !== undefined && plan.startable.hash === version.hash && plan.startable.version === version.version,
  }));
}

/** Reads `?version=N` (or another parameter): undefined for none, null for something that isn't a version number. */
export function versionParam(request: Request, name = "version"): number | undefined | null {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}
