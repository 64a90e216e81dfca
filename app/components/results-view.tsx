import type { Comparison, Results, Spotlight, Tally } from "~/realtime/events";
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

function TallyView({ tally }: { tally: Tally }) {
  switch (tally.type) {
    case "single-choice":
    case "multiple-choice":
      return <ChoiceBars tally={tally} />;
    case "scale":
      return <ScaleChart tally={tally} />;
    case "word-cloud":
      return <WordCloud tally={tally} />;
    case "open-text":
      return <TextWall tally={tally} />;
  }
}

function percent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

function ChoiceBars({ tally }: { tally: Extract<Tally, { options: unknown }> }) {
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
      {tally.type === "multiple-choice" ? <li className="bars__note">{t.manyChoices}</li> : null}
    </ul>
  );
}

function ScaleChart({ tally }: { tally: Extract<Tally, { type: "scale" }> }) {
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
}

/** Sizes grow with the square root of the count and at most triple, so one repeated word can't drown the rest. */
function WordCloud({ tally }: { tally: Extract<Tally, { type: "word-cloud" }> }) {
  const t = useStrings().room.results;
  const most = Math.max(1, ...tally.words.map((w) => w.count));
  const words = [...tally.words].sort((a, b) => scatter(a.word) - scatter(b.word));
  return (
    <ul className="word-cloud" aria-label={t.words}>
      {words.map(({ word, count }) => (
        <li key={word} style={{ fontSize: `${1 + 2 * Math.sqrt((count - 1) / Math.max(1, most - 1))}em` }}>
          {word}
          {count > 1 ? <span className="visually-hidden">{` (${count})`}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A stable, meaningless order, so the cloud doesn't read as a ranking. */
function scatter(word: string): number {
  let hash = 2166136261;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
  return hash >>> 0;
}

function TextWall({ tally }: { tally: Extract<Tally, { type: "open-text" }> }) {
  return (
    <ul className="text-wall">
      {tally.entries.map(({ text, count }) => (
        <li key={text}>
          {text}
          {count > 1 ? <span className="text-wall__count"> ×{count}</span> : null}
        </li>
      ))}
    </ul>
  );
}
