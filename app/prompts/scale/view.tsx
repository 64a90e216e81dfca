import { useStrings } from "~/strings";

import type { PromptView } from "../view";

import type { ScaleAnswer, ScaleTally } from "./index";
import type { ScalePrompt } from "./plan";

export const scaleView: PromptView<ScalePrompt, ScaleAnswer, ScaleTally> = {
  Input: function ScaleInput({ prompt, draft, onChange }) {
    const t = useStrings().phone.answer;
    const chosen = draft ? draft.value : null;
    const values = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => prompt.min + i);
    // Screen readers hear the lowest and highest values with their labels: "1 (Not at all)".
    const end = (value: number) =>
      value === prompt.min ? ` ${t.scaleEnd(prompt.minLabel)}` : value === prompt.max ? ` ${t.scaleEnd(prompt.maxLabel)}` : "";
    return (
      <div className="scale-input">
        <div className="scale-input__values">
          {values.map((value) => (
            <label key={value} className="scale-input__value">
              <input type="radio" name={prompt.id} checked={chosen === value} onChange={() => onChange({ type: "scale", value })} />
              <span>
                {value}
                <span className="visually-hidden">{end(value)}</span>
              </span>
            </label>
          ))}
        </div>
        <div className="scale-input__labels" aria-hidden="true">
          <span>{prompt.minLabel}</span>
          <span>{prompt.maxLabel}</span>
        </div>
      </div>
    );
  },
  Choices: ({ prompt }) => (
    <p className="display__scale">
      {prompt.min} = {prompt.minLabel} · {prompt.max} = {prompt.maxLabel}
    </p>
  ),
  isComplete: () => true,
  describe: (t, _prompt, answer) => t.scale(answer.value),
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
