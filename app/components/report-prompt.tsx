import { Link } from "@remix-run/react";

import type { PromptReport } from "~/runs/run-report.server";
import { useStaffStrings } from "~/strings/staff";

import { ComparedResults, ResultsView } from "./results-view";

/**
 * One prompt of a run's report: what the room could have seen of it, with its counts, and for a choice or a
 * scale a link to the same prompt across runs.
 */
export function ReportPrompt({ entry, textPurged, planKey }: { entry: PromptReport; textPurged: boolean; planKey: string }) {
  const { prompt, results, comparison, counts } = entry;
  const text = entry.ownText !== null;
  const compareLink = `/library/${encodeURIComponent(planKey)}/compare?prompt=${encodeURIComponent(prompt.id)}`;
  const t = useStaffStrings().reports.prompt;
  return (
    <section className="report-prompt" aria-labelledby={`prompt-${prompt.id}`}>
      <h2 id={`prompt-${prompt.id}`}>{prompt.question}</h2>
      <p className="report-prompt__facts">
        {entry.typeLabel} ·{" "}
        {!entry.asked ? t.notAsked : entry.shownInRoom ? t.shown : entry.revealed ? t.withheldInRoom : t.notShown}
        {counts ? ` · ${t.counts(counts.answers, counts.passes)}` : null}
      </p>
      {!entry.asked ? null : results.status !== "shown" ? (
        <p className="results-withheld">{t.withheld(results.status === "withheld" ? results.k : "k")}</p>
      ) : text && textPurged ? (
        <p className="notice">{t.textPurged}</p>
      ) : comparison ? (
        <ComparedResults comparison={comparison} results={results} />
      ) : (
        <ResultsView results={results} />
      )}
      {entry.ownText === "entries" && !textPurged && results.status === "shown" ? (
        <p className="report-prompt__note">{t.approvedOnly}</p>
      ) : null}
      {entry.comparable ? (
        <p className="report-prompt__note">
          <Link to={compareLink}>
            {t.compare}
            <span className="visually-hidden">: {prompt.question}</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}
