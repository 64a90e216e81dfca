import type { FacilitatorQuestions, QuestionAction } from "~/realtime/events";
import { useQuestionStrings } from "~/strings/questions";

import { Action, EntryText, PendingList } from "./moderation-queue";
import { useConsoleStrings } from "~/strings/console";

/**
 * The console's question box (decision 036): the switch that keeps it open all session, the questions waiting to
 * be read (marked when they may signal distress, like free text), the approved ones by votes with "Answering now"
 * and "Answered", and the hidden ones. Questions carry nothing of who sent them; the order of those waiting is random.
 */
export function QuestionQueue({
  questions,
  k,
  disabled,
  mayDistress,
  onOpen,
  onSet,
  onHideWaiting,
}: {
  questions: FacilitatorQuestions;
  k: number;
  disabled: boolean;
  mayDistress: (text: string) => boolean;
  onOpen: (open: boolean, slide?: boolean) => void;
  onSet: (questionId: string, action: QuestionAction) => void;
  onHideWaiting: () => void;
}) {
  const t = useQuestionStrings().console;
  const moderation = useConsoleStrings().moderation;
  const waiting = questions.list.filter((question) => question.state === "pending");
  const approved = questions.list.filter((question) => question.state === "approved" || question.state === "answering" || question.state === "answered");
  const hidden = questions.list.filter((question) => question.state === "hidden");

  return (
    // Not a named region: the console's current question is the region named "Question".
    <div className="question-queue moderation" data-testid="question-queue">
      <h2>{t.heading}</h2>
      {/* Pressed while the server says the box is open all session: the state is the run's, not this page's. */}
      <button
        type="button"
        className={`button button--small question-queue__switch${questions.sessionLong ? " button--primary" : ""}`}
        aria-pressed={questions.sessionLong}
        disabled={disabled}
        onClick={() => onOpen(!questions.sessionLong)}
      >
        {t.sessionLong}
      </button>
      {/* Closes it now, even on a slide that opens it; a slide's box closed so can be opened again. */}
      {questions.open ? (
        <button type="button" className="button button--small" disabled={disabled} onClick={() => onOpen(false, true)}>
          {t.closeNow}
        </button>
      ) : questions.slideOpens && questions.closedHere ? (
        <button type="button" className="button button--small" disabled={disabled} onClick={() => onOpen(true, true)}>
          {t.openAgain}
        </button>
      ) : null}
      <p className="moderation__empty" role="status">
        {questions.open ? (questions.sessionLong ? t.open : t.openOnSlide) : questions.closedHere ? t.closedHere : t.closed}
      </p>

      <h3 className="question-queue__heading">{t.waiting(waiting.length)}</h3>
      {waiting.length === 0 ? (
        <p className="moderation__empty">{t.nothingWaiting}</p>
      ) : (
        <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={onHideWaiting}>
          {t.hideWaiting(waiting.length)}
        </button>
      )}
      <PendingList
        testId="question-pending"
        entries={waiting.map((question) => ({ id: question.id, text: question.text, count: 1 }))}
        disabled={disabled}
        mayDistress={mayDistress}
        onModerate={(id, action) => onSet(id, action)}
      />

      {approved.length > 0 ? (
        <>
          <h3 className="question-queue__heading">{t.approvedHeading(approved.length)}</h3>
          <p className="moderation__empty">{t.votesNote(k)}</p>
          <ol className="moderation__list" data-testid="question-approved">
            {approved.map((question) => (
              <li
                key={question.id}
                className={`moderation__item${question.state === "answering" ? " moderation__item--spotlit" : ""}${question.state === "answered" ? " question-queue__answered" : ""}`}
              >
                <EntryText text={question.text} count={1} />
                <span className="question-queue__votes">{t.votes(question.votes)}</span>
                <span className="moderation__actions">
                  {question.state === "answering" ? (
                    <Action disabled={disabled} onClick={() => onSet(question.id, "answered")}>
                      {t.markAnswered}
                    </Action>
                  ) : (
                    <Action disabled={disabled} quiet={question.state === "answered"} onClick={() => onSet(question.id, "answering")}>
                      {question.state === "answered" ? `${t.answered} · ${t.answerNow}` : t.answerNow}
                    </Action>
                  )}
                  <Action quiet disabled={disabled} onClick={() => onSet(question.id, "hide")}>
                    {t.hide}
                  </Action>
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {hidden.length > 0 ? (
        <details className="moderation__hidden">
          <summary>{t.hiddenHeading(hidden.length)}</summary>
          <ul className="moderation__list">
            {hidden.map((question) => (
              <li key={question.id} className="moderation__item">
                <EntryText text={question.text} count={1} />
                <Action quiet disabled={disabled} onClick={() => onSet(question.id, "reset")}>
                  {moderation.backToQueue}
                </Action>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
