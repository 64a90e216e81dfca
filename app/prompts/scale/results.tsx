import { useStrings } from "~/strings";

import type { PromptResults } from "../view";

import type { ScaleTally } from "./index";
import type { ScalePrompt } from "./plan";

export const scaleResults: PromptResults<ScalePrompt, ScaleTally> = {
  Choices: ({ prompt }) => (
    <p className="display__scale">
      {prompt.min} = {prompt.minLabel} · {prompt.max} = {prompt.maxLabel}
    </p>
  ),
  Results: function ScaleChart({ tally }) {
    const t = useStrings().room.results;
    const most = Math.max(1, ...tally.counts);
    return (
      <figure className="scale-chart">
        <ol className="scale-chart__columns">
          {tally.counts.map((count, i) => {
            const value = tally.min + i;
            return (
              <li key={value} className={`scale-chart__column${value === tally.median ? " scale-chart__column--median" : ""}`}>
                <span className="scale-chart__count">{count}</span>
                <span className="scale-chart__bar" style={{ height: `${(count / most) * 100}%` }} aria-hidden="true" />
                <span className="scale-chart__value">
                  <span className="visually-hidden">{t.chose(count)}</span>
                  {value}
                </span>
              </li>
            );
          })}
        </ol>
        <div className="scale-chart__labels">
          <span>
            {tally.min} = {tally.minLabel}
          </span>
          <span>
            {tally.max} = {tally.maxLabel}
          </span>
        </div>
        <figcaption>
          {t.median} <strong>{tally.median}</strong> · {t.answers(tally.answers)}
        </figcaption>
      </figure>
    );
  },
};
