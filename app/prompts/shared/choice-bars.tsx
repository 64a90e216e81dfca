import { useStrings } from "~/strings";

function percent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

/** A choice prompt's results: one bar per option, with its count and share of answers. */
export function ChoiceBars({ tally, manyChoices = false }: { tally: { answers: number; options: Array<{ label: string; count: number }> }; manyChoices?: boolean }) {
  const t = useStrings().room.results;
  const most = Math.max(1, ...tally.options.map((o) => o.count));
  return (
    <ul className="bars" aria-label={t.answers(tally.answers)}>
      {tally.options.map((option) => (
        <li key={option.label} className="bars__row">
          <span className="bars__label">{option.label}</span>
          <span className="bars__track" aria-hidden="true">
            <span className="bars__fill" style={{ width: `${(option.count / most) * 100}%` }} />
          </span>
          <span className="bars__value">
            {option.count} <span className="bars__percent">({percent(option.count, tally.answers)}%)</span>
          </span>
        </li>
      ))}
      {manyChoices ? <li className="bars__note">{t.manyChoices}</li> : null}
    </ul>
  );
}
