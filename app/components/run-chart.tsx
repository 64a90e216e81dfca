import type { CSSProperties } from "react";

import type { RunComparison } from "~/runs/run-report.server";
import { useStaffStrings } from "~/strings/staff";

import { orderedSwatches } from "./chart-colours";

/** Choices' colours are picked in turn; an option beyond the palette reuses one, its label still says which it is. */
const PALETTE_SIZE = 8;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * One prompt across runs, oldest first: a 100% stacked bar per run with a
 * legend, and the same numbers as a table for screen readers and print.
 */
export function RunChart({ comparison }: { comparison: RunComparison }) {
  const { prompt, options, runs } = comparison;
  const t = useStaffStrings().reports.chart;
  if (!prompt) return null;
  const scale = prompt.kind === "values";
  // A scale's values are in order, so their colours are too: light for the lowest, dark for the highest.
  const ordered = scale ? orderedSwatches(options.length) : null;
  const colourOf = (i: number): { className: string; style?: CSSProperties } =>
    ordered
      ? { className: "run-chart__colour--ordered", style: { background: ordered[i]!.background, color: ordered[i]!.ink } }
      : { className: `run-chart__colour--${i % PALETTE_SIZE}` };
  return (
    <>
      <figure className="run-chart" aria-hidden="true">
        <ul className="run-chart__legend">
          {options.map((option, i) => (
            <li key={option}>
              <span className={`run-chart__swatch ${colourOf(i).className}`} style={colourOf(i).style} />
              {option}
            </li>
          ))}
        </ul>
        <ol className="run-chart__runs">
          {runs.map((run) => (
            <li key={run.id} className="run-chart__run">
              <span className="run-chart__label">{run.started}</span>
              {run.status === "shown" ? (
                <span className="run-chart__bar">
                  {run.shares.map((share, i) =>
                    share.share > 0 ? (
                      <span
                        key={share.option}
                        className={`run-chart__segment ${colourOf(i).className}`}
                        style={{ ...colourOf(i).style, width: `${share.share * 100}%` }}
                        title={`${share.option}: ${percent(share.share)}`}
                      >
                        {share.share >= 0.08 ? percent(share.share) : null}
                      </span>
                    ) : null,
                  )}
                </span>
              ) : (
                <span className="run-chart__empty">{run.status === "withheld" ? t.withheld(run.k) : t.missing}</span>
              )}
              {scale && run.median !== null ? <span className="run-chart__median">{t.median(run.median)}</span> : null}
            </li>
          ))}
        </ol>
        {prompt.manyChoices ? <figcaption>{t.manyChoices}</figcaption> : null}
      </figure>
      <table className="run-table">
        <caption>{t.caption(prompt.question, prompt.manyChoices)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.runStarted}</th>
            {options.map((option) => (
              <th key={option} scope="col">
                {option}
              </th>
            ))}
            {scale ? <th scope="col">{t.medianColumn}</th> : null}
            <th scope="col">{t.answers}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">{run.started}</th>
              {run.status === "shown" ? (
                <>
                  {run.shares.map((share) => (
                    <td key={share.option}>{percent(share.share)}</td>
                  ))}
                  {scale ? <td>{run.median}</td> : null}
                  <td>{run.answers}</td>
                </>
              ) : (
                <td colSpan={options.length + (scale ? 2 : 1)}>
                  {run.status === "withheld" ? t.withheld(run.k) : t.missing}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
