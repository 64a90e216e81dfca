import type { ReactNode } from "react";

import type { ModerationAction, Results, Spotlight, Tally } from "~/realtime/events";
import { useConsoleStrings } from "~/strings/console";

type OpenTextTally = Extract<Tally, { type: "open-text" }>;
type WordCloudTally = Extract<Tally, { type: "word-cloud" }>;

/**
 * The console's queue for free text. Nothing reaches the display until it is
 * approved here. Entries arrive in groups of at least k and in the same
 * arbitrary order the display uses, so the queue hints at nobody. Reading
 * aloud starts and stops here; the console's one Next steps through it.
 */
export function ModerationQueue({
  tally,
  spotlight,
  disabled,
  mayDistress,
  onModerate,
  onSpotlight,
}: {
  tally: OpenTextTally;
  spotlight: Spotlight | null;
  disabled: boolean;
  /** Whether a text holds words from the plan language's distress list (distressMatcher): marked while it waits. */
  mayDistress: (text: string) => boolean;
  onModerate: (text: string, action: ModerationAction) => void;
  onSpotlight: (text: string | null) => void;
}) {
  const t = useConsoleStrings().moderation;
  const pending = tally.entries.filter((entry) => entry.moderation === "pending");
  const approved = tally.entries.filter((entry) => entry.moderation === "approved");
  const hidden = tally.entries.filter((entry) => entry.moderation === "hidden");
  const reading = spotlight !== null && approved.some((entry) => entry.text === spotlight.text);

  return (
    <div className="moderation">
      <section aria-labelledby="queue-title">
        <h4 id="queue-title">
          {t.toRead} <span className="moderation__count">({pending.length})</span>
        </h4>
        {pending.length === 0 ? <p className="moderation__empty">{t.nothingWaiting}</p> : null}
        <PendingList
          testId="moderation-pending"
          entries={pending.map((entry) => ({ text: entry.text, count: entry.count }))}
          disabled={disabled}
          mayDistress={mayDistress}
          onModerate={onModerate}
        />
      </section>

      <section aria-labelledby="approved-title">
        <h4 id="approved-title">
          {t.approved} <span className="moderation__count">({approved.length})</span>
        </h4>
        {approved.length > 0 ? (
          <div className="moderation__read-aloud" role="group" aria-label={t.readAloud}>
            {spotlight && reading ? (
              <>
                <span data-testid="reading-aloud">{t.readingAloud(spotlight.position, spotlight.total)}</span>
                <Action quiet disabled={disabled} onClick={() => onSpotlight(null)}>
                  {t.showAll}
                </Action>
                <p className="moderation__empty">{t.readingAloudHint}</p>
              </>
            ) : (
              <Action disabled={disabled} onClick={() => onSpotlight(approved[0]!.text)}>
                {t.startReading}
              </Action>
            )}
          </div>
        ) : null}
        <ul className="moderation__list" data-testid="moderation-approved">
          {approved.map((entry) => (
            <li key={entry.text} className={`moderation__item${entry.text === spotlight?.text ? " moderation__item--spotlit" : ""}`}>
              <EntryText text={entry.text} count={entry.count} />
              <span className="moderation__actions">
                <Action quiet disabled={disabled} onClick={() => onSpotlight(entry.text)}>
                  {t.showAlone}
                </Action>
                <Action quiet disabled={disabled} onClick={() => onModerate(entry.text, "hide")}>
                  {t.hide}
                </Action>
              </span>
            </li>
          ))}
        </ul>
      </section>

      {hidden.length > 0 ? (
        <details className="moderation__hidden">
          <summary>{t.hidden(hidden.length)}</summary>
          <p className="moderation__empty">{t.hiddenNote}</p>
          <ul className="moderation__list" data-testid="moderation-hidden">
            {hidden.map((entry) => (
              <li key={entry.text} className="moderation__item">
                <EntryText text={entry.text} count={entry.count} />
                <Action quiet disabled={disabled} onClick={() => onModerate(entry.text, "reset")}>
                  {t.backToQueue}
                </Action>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/**
 * Entries (texts, words or questions) waiting for the facilitator, each with Approve and Hide. One holding words from
 * the distress list is marked "may signal distress", with a line suggesting not to show it. An entry with an `id` (a
 * question) is acted on by its id, others by their text.
 */
export function PendingList({
  testId,
  entries,
  disabled,
  mayDistress,
  onModerate,
}: {
  testId: string;
  entries: Array<{ id?: string; text: string; count: number }>;
  disabled: boolean;
  mayDistress: (text: string) => boolean;
  onModerate: (textOrId: string, action: ModerationAction) => void;
}) {
  const t = useConsoleStrings().moderation;
  return (
    <ul className="moderation__list" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.id ?? entry.text} className={`moderation__item${mayDistress(entry.text) ? " moderation__item--distress" : ""}`}>
          {mayDistress(entry.text) ? (
            <p className="moderation__distress">
              <strong>{t.mayDistress}</strong> {t.mayDistressHint}
            </p>
          ) : null}
          <EntryText text={entry.text} count={entry.count} />
          <span className="moderation__actions">
            <Action disabled={disabled} onClick={() => onModerate(entry.id ?? entry.text, "approve")}>
              {t.approve}
            </Action>
            <Action quiet disabled={disabled} onClick={() => onModerate(entry.id ?? entry.text, "hide")}>
              {t.hide}
            </Action>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A small console button; `quiet` for the ones that don't move an entry forward. */
export function Action({ quiet, disabled, onClick, children }: { quiet?: boolean; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className={`button button--small${quiet ? " button--quiet" : ""}`} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

export function EntryText({ text, count }: { text: string; count: number }) {
  return (
    <span className="moderation__text">
      {text}
      {count > 1 ? <span className="text-wall__count"> ×{count}</span> : null}
    </span>
  );
}

/**
 * Word-cloud words with a hide / show toggle each. Hidden words never reach a display or phone. On a
 * sensitive slide (`needsApproval`) words wait to be read first, like free text: each is approved or hidden
 * here, and only approved words reach the display.
 */
export function WordModeration({
  tally,
  needsApproval,
  disabled,
  mayDistress,
  onModerate,
}: {
  tally: WordCloudTally;
  needsApproval: boolean;
  disabled: boolean;
  /** Whether a word holds words from the plan language's distress list: marked while it waits. */
  mayDistress: (text: string) => boolean;
  onModerate: (word: string, action: ModerationAction) => void;
}) {
  const t = useConsoleStrings().moderation;
  const decided = tally.words.filter((word) => !word.pending);
  const chips = (
    <ul className="moderation__words" data-testid="word-moderation">
      {decided.map(({ word, count, hidden }) => (
        <li key={word}>
          <button
            type="button"
            className={`chip${hidden ? " chip--hidden" : ""}`}
            aria-pressed={hidden ? "true" : "false"}
            disabled={disabled}
            onClick={() => onModerate(word, hidden ? "reset" : "hide")}
          >
            {word} <span className="chip__count">{count}</span>{" "}
            <span className="chip__state">{hidden ? (needsApproval ? t.wordHiddenToQueue : t.wordHidden) : t.wordShown}</span>
          </button>
        </li>
      ))}
    </ul>
  );
  if (!needsApproval) {
    return (
      <details className="moderation moderation--words">
        <summary>{t.hideWord}</summary>
        {chips}
      </details>
    );
  }
  const pending = tally.words.filter((word) => word.pending);
  return (
    <div className="moderation moderation--words">
      <section aria-labelledby="word-queue-title">
        <h4 id="word-queue-title">
          {t.wordsToRead} <span className="moderation__count">({pending.length})</span>
        </h4>
        <p className="moderation__empty">{pending.length === 0 ? t.nothingWaiting : t.wordsWaitNote}</p>
        <PendingList
          testId="word-moderation-pending"
          entries={pending.map((entry) => ({ text: entry.word, count: entry.count }))}
          disabled={disabled}
          mayDistress={mayDistress}
          onModerate={onModerate}
        />
      </section>
      {decided.length > 0 ? (
        <section aria-labelledby="word-decided-title">
          <h4 id="word-decided-title">{t.wordsDecided}</h4>
          {chips}
        </section>
      ) : null}
    </div>
  );
}

/**
 * The console's results as the room gets them: a word cloud without its hidden words and the words still
 * waiting for approval (the moderation panel lists those), so "on the display" means what it says.
 */
export function roomsShare(results: Results | null): Results | null {
  if (results?.status !== "shown" || results.tally.type !== "word-cloud") return results;
  return { ...results, tally: { ...results.tally, words: results.tally.words.filter((word) => !word.hidden && !word.pending) } };
}

/** The shown tally, if it is of the given type. */
export function shownTally<T extends Tally["type"]>(results: Results | null, type: T): Extract<Tally, { type: T }> | null {
  return results?.status === "shown" && results.tally.type === type ? (results.tally as Extract<Tally, { type: T }>) : null;
}
