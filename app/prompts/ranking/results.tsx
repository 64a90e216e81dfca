import { useStrings } from "~/strings";

import { OptionList } from "../shared/option-list";
import type { PromptResults } from "../view";

import type { RankingTally } from "./index";
import type { RankingPrompt } from "./plan";

/** The options in the group's order: most points first, then most first places, then the plan's order. */
export function groupOrder(tally: RankingTally): RankingTally["options"] {
  return tally.options
    .map((option, i) => ({ option, i }))
    .sort((a, b) => b.option.points - a.option.points || b.option.first - a.option.first || a.i - b.i)
    .map(({ option }) => option);
}

export const rankingResults: PromptResults<RankingPrompt, RankingTally> = {
  Choices: ({ prompt }) => <OptionList options={prompt.options} />,
  Results: function RankingResults({ tally }) {
    const t = useStrings().room.results;
    const most = Math.max(1, ...tally.options.map((o) => o.points));
    return (
      <figure className="ranking-results">
        <ol className="bars" aria-label={t.answers(tally.answers)}>
          {groupOrder(tally).map((option) => (
            <li key={option.label} className="bars__row">
              <span className="bars__label">{option.label}</span>
              <span className="bars__track" aria-hidden="true">
                <span className="bars__fill" style={{ width: `${(option.points / most) * 100}%` }} />
              </span>
              <span className="bars__value">
                {t.ranking.points(option.points)} <span className="bars__percent">· {t.ranking.first(option.first)}</span>
              </span>
            </li>
          ))}
        </ol>
        <figcaption className="bars__note">
          {t.ranking.legend(tally.top, tally.top - 1)}
          {tally.top < tally.options.length ? ` ${t.ranking.unranked}` : ""} {t.answers(tally.answers)}
        </figcaption>
      </figure>
    );
  },
};
