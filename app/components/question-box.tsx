import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";

import type { AudienceQuestions, Result } from "~/realtime/events";
import { askedQuestionsKey } from "~/realtime/device";
import { useStrings } from "~/strings";
import { useQuestionStrings } from "~/strings/questions";
import { sayRefusal, type RefusalOnTheWire } from "~/strings/refusal";

/**
 * The phone's question box (decision 036): write a question for the facilitator, and upvote the approved ones.
 * This module, with its strings, loads only when a box opens (React.lazy in j.$code.tsx), so the phone page's
 * first download stays within its budget. "You asked this" comes from this phone's own memory: the server keeps
 * no link from a question to the phone that sent it, and no other screen marks it.
 */
export default function QuestionBox({
  code,
  questions,
  k,
  voted,
  maxLength,
  mayDistress,
  nudge: renderNudge,
  onSend,
  onVote,
}: {
  code: string;
  questions: AudienceQuestions;
  k: number;
  /** Ids of the questions this phone voted for, as the server last said. */
  voted: ReadonlySet<string>;
  /** MAX_QUESTION_LENGTH, from the page (so this chunk shares no module with it but React and the strings it needs). */
  maxLength: number;
  mayDistress: (text: string) => boolean;
  /** The page's offer of Get help (Nudge), shown after a question with words from the distress list. */
  nudge: (onDismiss: () => void) => ReactNode;
  onSend: (text: string) => Promise<Result<{ id: string; text: string }> | { ok: false; error: RefusalOnTheWire }>;
  onVote: (questionId: string) => Promise<Result<unknown> | { ok: false; error: RefusalOnTheWire }>;
}) {
  const t = useQuestionStrings().phone;
  const { refusals } = useStrings();
  const [text, setText] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "sending" | "sent" } | { kind: "failed"; refusal: RefusalOnTheWire }>({ kind: "idle" });
  const [nudge, setNudge] = useState(false);
  const [asked, setAsked] = useState<string[]>([]);
  const [voting, setVoting] = useState<string | null>(null);
  // Why the last vote wasn't counted (the box closed, a break began...), until the next vote.
  const [voteRefused, setVoteRefused] = useState<RefusalOnTheWire | null>(null);
  const fieldId = useId();
  useEffect(() => setAsked(readAsked(code)), [code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === "sending" || text.trim() === "") return;
    setState({ kind: "sending" });
    const result = await onSend(text);
    if (!result.ok) {
      // The text stays in the box: nothing is lost.
      setState({ kind: "failed", refusal: result.error });
      return;
    }
    setAsked(rememberAsked(code, result.data.id));
    setState({ kind: "sent" });
    setText("");
    // Checked here, on the phone's own words, after they are on their way; nothing about it is sent anywhere.
    if (mayDistress(result.data.text)) setNudge(true);
  };

  const vote = async (questionId: string) => {
    if (voted.has(questionId) || voting) return;
    setVoting(questionId);
    setVoteRefused(null);
    const result = await onVote(questionId);
    setVoting(null);
    if (!result.ok) setVoteRefused(result.error);
  };

  return (
    <section className="question-box" aria-labelledby={`${fieldId}-heading`} data-testid="question-box">
      <h2 id={`${fieldId}-heading`}>{t.heading}</h2>
      <p className="question-box__intro">{t.intro}</p>
      <form className="question-box__form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={fieldId}>{t.label}</label>
        <textarea
          id={fieldId}
          value={text}
          rows={3}
          maxLength={maxLength}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (state.kind !== "sending") setState({ kind: "idle" });
          }}
        />
        <button type="submit" className="button button--primary" aria-disabled={state.kind === "sending" || text.trim() === ""}>
          {state.kind === "sending" ? t.sending : t.send}
        </button>
      </form>
      <div role="status" className="question-box__status">
        {state.kind === "sent" ? <p>{t.sent}</p> : null}
        {state.kind === "failed" ? <p className="error">{t.notSent(sayRefusal(refusals, state.refusal))}</p> : null}
      </div>
      {nudge ? renderNudge(() => setNudge(false)) : null}

      <h3>{t.listHeading}</h3>
      {questions.list.length === 0 ? <p className="question-box__none">{t.none}</p> : <p className="question-box__note">{t.votesMove(k)}</p>}
      <div role="status" className="question-box__status" data-testid="vote-status">
        {voteRefused ? <p className="error">{t.notVoted(sayRefusal(refusals, voteRefused))}</p> : null}
      </div>
      <ol className="question-box__list">
        {questions.list.map((question) => {
          const mine = voted.has(question.id);
          const textId = `${fieldId}-${question.id}`;
          return (
            <li key={question.id} className={`question-box__item question-box__item--${question.state}`}>
              <p className="question-box__text" id={textId}>
                {question.text}
              </p>
              <p className="question-box__meta">
                <span>{t.votes(question.votes)}</span>
                {question.state === "answering" ? <strong>{t.answeringNow}</strong> : null}
                {question.state === "answered" ? <span>{t.answered}</span> : null}
                {mine ? <span>{t.upvoted}</span> : null}
                {asked.includes(question.id) ? <em>{t.yours}</em> : null}
              </p>
              {question.state !== "answered" ? (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-pressed={mine}
                  aria-disabled={mine || voting !== null}
                  aria-describedby={textId}
                  onClick={() => void vote(question.id)}
                >
                  {t.upvote}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** This phone's own questions in this run, from its storage (an empty list if storage is blocked). */
function readAsked(code: string): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(askedQuestionsKey(code)) ?? "[]");
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

function rememberAsked(code: string, id: string): string[] {
  const asked = [...readAsked(code), id];
  try {
    window.localStorage.setItem(askedQuestionsKey(code), JSON.stringify(asked));
  } catch {
    // Storage blocked: this page remembers it until it reloads.
  }
  return asked;
}
