import type { Comparison, Results, Spotlight, Tally } from "~/realtime/events";
import { resultsOf } from "~/prompts/results";
import { groupChange, percentsOf } from "~/runs/group-change";
import { useStrings } from "~/strings";

type ScaleTally = Extract<Tally, { type: "scale" }>;

/** A prompt's results as the room sees them: bars, a scale distribution, a word cloud or a wall of text. */
export function ResultsView({ results, size = "normal" }: { results: Results | null; size?: "normal" | "large" }) {
  const t = useStrings().room.results;
  if (!results || results.status === "hidden") return null;
  if (results.status === "withheld") return <p className="results-withheld">{t.withheld(results.k)}</p>;
  return (
    <div className={`results results--${size}`}>
      <TallyView tally={results.tally} />
    </div>
  );
}

/**
 * The room's results as a phone shows them: beside the earlier prompt's when this one compares with it. The phone
 * page loads this module only once results are revealed (its JavaScript budget), so this is its default export.
 */
export default function PhoneResults({ results, comparison }: { results: Results | null; comparison: Comparison | null }) {
  return comparison ? <ComparedResults comparison={comparison} results={results} headingLevel={2} /> : <ResultsView results={results} />;
}

/**
 * Two group distributions side by side (check-in, then now). Each follows its
 * own results rules, k included; nothing here could show one person's change.
 * `headingLevel` fits the two headings under the page's own (h2 under a slide's h1).
 */
export function ComparedResults({
  comparison,
  results,
  size = "normal",
  headingLevel = 3,
}: {
  comparison: Comparison;
  results: Results | null;
  size?: "normal" | "large";
  headingLevel?: 2 | 3;
}) {
  const t = useStrings().room.results;
  if (!results || results.status === "hidden") return null;
  const start = comparison.results.status === "shown" && comparison.results.tally.type === "scale" ? comparison.results.tally : null;
  const end = results.status === "shown" && results.tally.type === "scale" ? results.tally : null;
  if (start && end && start.min === end.min && start.max === end.max) {
    return <StartAndEnd start={start} end={end} question={comparison.question} size={size} />;
  }
  // Either side under k (or not yet shown): each keeps its own picture and its own reason.
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className={`compare compare--${size}`}>
      <section className="compare__side" aria-label={t.earlier}>
        <Heading className="compare__heading">{t.earlierHeading(comparison.question)}</Heading>
        <ResultsView results={comparison.results} size={size} />
      </section>
      <section className="compare__side" aria-label={t.now}>
        <Heading className="compare__heading">{t.now}</Heading>
        <ResultsView results={results} size={size} />
      </section>
      <p className="compare__note">{t.compareNote}</p>
    </div>
  );
}

/**
 * Check-in beside check-out, value by value, in percentages of each group's
 * answers: the start hatched, now solid, each bar with its number (and, for
 * screen readers, its words), so neither colour nor the theme carries the
 * meaning alone. Then one plain
 * sentence of how the group's picture moved (groupChange): two distributions,
 * never anyone's own change.
 */
function StartAndEnd({ start, end, question, size }: { start: ScaleTally; end: ScaleTally; question: string; size: "normal" | "large" }) {
  const t = useStrings().room.results;
  const [startPercents, endPercents] = [percentsOf(start), percentsOf(end)];
  const most = Math.max(1, ...startPercents, ...endPercents);
  const change = groupChange(start, end);
  const sides = [
    { key: "start", label: t.atStart, percents: startPercents },
    { key: "end", label: t.now, percents: endPercents },
  ] as const;
  return (
    <div className={`compare compare--paired compare--${size}`}>
      {/* The sentence first, where a glance lands, above the chart. */}
      {change ? <p className="compare__change">{t.changes[change.kind](t.either(change.high), t.either(change.low))}</p> : null}
      <figure className="paired-scale">
        <ul className="paired-scale__legend">
          <li>
            <span className="paired-scale__swatch paired-scale__bar--start" aria-hidden="true" />
            {t.atStartOf(question)}
          </li>
          <li>
            <span className="paired-scale__swatch paired-scale__bar--end" aria-hidden="true" />
            {t.now}
          </li>
        </ul>
        <ol className={`paired-scale__columns${start.counts.length > 7 ? " paired-scale__columns--many" : ""}`}>
          {start.counts.map((_, i) => {
            const value = start.min + i;
            return (
              // The value first, for screen readers; drawn under its pair of bars.
              <li key={value} className="paired-scale__group">
                <span className="paired-scale__value">{value}</span>
                <span className="paired-scale__pair">
                  {sides.map((side) => (
                    <span key={side.key} className={`paired-scale__column paired-scale__column--${side.key}`}>
                      <span className="paired-scale__percent">
                        <span className="visually-hidden">{side.label} </span>
                        {side.percents[i]}%
                      </span>
                      <span
                        className={`paired-scale__bar paired-scale__bar--${side.key}`}
                        style={{ height: `${(side.percents[i]! / most) * 85}%` }}
                        aria-hidden="true"
                      />
                    </span>
                  ))}
                </span>
              </li>
            );
          })}
        </ol>
        <div className="scale-chart__labels">
          <span>
            {start.min} = {start.minLabel}
          </span>
          <span>
            {start.max} = {start.maxLabel}
          </span>
        </div>
        <figcaption>{t.startAndEndCaption(start.median, end.median, start.answers, end.answers)}</figcaption>
      </figure>
      <p className="compare__note">{t.compareNote}</p>
    </div>
  );
}

/** One approved entry on its own, for reading aloud. */
export function SpotlightView({ spotlight }: { spotlight: Spotlight }) {
  const t = useStrings().room.results;
  return (
    <figure className="spotlight">
      <blockquote className="spotlight__text">{spotlight.text}</blockquote>
      <figcaption className="spotlight__position">
        {t.spotlightPosition(spotlight.position, spotlight.total)}
      </figcaption>
    </figure>
  );
}

/** The prompt type's own results view (app/prompts/<type>/results.tsx). */
function TallyView({ tally }: { tally: Tally }) {
  const { Results } = resultsOf(tally.type);
  return <Results tally={tally} />;
}
