import { readAllFacilitatorSecrets } from "./facilitator-cookie.server";
import type { RunEngine } from "./run-engine.server";

/** A live run this browser facilitates, as the library lists it to continue. */
export interface LiveRun {
  code: string;
  planTitle: string;
  /** ISO 8601, UTC. */
  startedAt: string;
}

/**
 * The live runs whose facilitator secret this browser holds (its facilitator
 * cookies), so a facilitator who left the console can find the way back.
 * Ended runs and cookies whose secret no longer matches are left out.
 */
export async function liveRunsOf(engine: RunEngine, cookieHeader: string | null | undefined): Promise<LiveRun[]> {
  const runs: LiveRun[] = [];
  for (const [code, secret] of readAllFacilitatorSecrets(cookieHeader)) {
    const run = await engine.loadRunByCode(code);
    if (!run || run.row.state !== "live" || !engine.isFacilitator(run.row, secret)) continue;
    runs.push({ code, planTitle: run.plan.title, startedAt: run.row.startedAt.toISOString() });
  }
  return runs;
}
