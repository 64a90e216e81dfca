import { Link } from "@remix-run/react";

import type { PromptReport } from "~/runs/run-report.server";

import { ComparedResults, ResultsView } from "./results-view";

/**
 * One prompt of a run's report: what the room could have seen of it, with its counts, and for a choice or a
 * scale a link to the same prompt across runs.
 */
export function ReportPrompt({ entry, textPurged, planKey }: { entry: PromptReport; textPurged: boolean; planKey: string }) {
  const { prompt, results, comparison, counts } = entry;
  const text = prompt.type === "open-text" || prompt.type === "word-cloud";
  const compareLink = `/library/${encodeURIComponent(planKey)}/compare?prompt=${encodeURIComponent(prompt.id)}`;
  return (
    <section className="report-prompt" aria-labelledby={`prompt-${prompt.id}`}>
      <h2 id={`prompt-${prompt.id}`}>{prompt.question}</h2>
      <p className="report-prompt__facts">
        {entry.typeLabel} ·{" "}
        {!entry.asked ? "not asked in this run" : entry.revealed ? "results were shown in the room" : "results were not shown in the room"}
        {counts ? ` · ${counts.answers} ${counts.answers === 1 ? "answer" : "answers"}, ${counts.passes} passed` : null}
      </p>
      {!entry.asked ? null : results.status !== "shown" ? (
        <p className="results-withheld">Fewer than {results.status === "withheld" ? results.k : "k"} answers: results withheld.</p>
      ) : text && textPurged ? (
        <p className="notice">The text was deleted after the retention period; only the counts remain.</p>
      ) : comparison ? (
        <ComparedResults comparison={comparison} results={results} />
      ) : (
        <ResultsView results={results} />
      )}
      {prompt.type === "open-text" && !textPurged && results.status === "shown" ? (
        <p className="report-prompt__note">Only entries the facilitator approved are kept and shown.</p>
      ) : null}
      {entry.comparable ? (
        <p className="report-prompt__note">
          <Link to={compareLink}>
            Compare across runs<span className="visually-hidden">: {prompt.question}</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}
