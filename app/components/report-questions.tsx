import type { ReportQuestion } from "~/runs/run-report.server";
import { useStaffStrings } from "~/strings/staff";

/**
 * The questions from the room the facilitator approved in a run (decision 036), most votes first, with the counts the
 * room last saw; once the retention purge deleted their text, only how many there were. Nothing when none.
 */
export function ReportQuestions({ questions, textPurged, k }: { questions: ReportQuestion[]; textPurged: boolean; k: number }) {
  const t = useStaffStrings().reports.questions;
  if (questions.length === 0) return null;
  return (
    <section className="report-prompt" aria-labelledby="report-questions" data-testid="report-questions">
      <h2 id="report-questions">{t.heading}</h2>
      {textPurged ? (
        <p className="notice">{t.purged(questions.length)}</p>
      ) : (
        <>
          <p className="report-prompt__facts">{t.note(k)}</p>
          <ol>
            {questions.map((question, index) => (
              <li key={index}>
                {question.text} · {t.votes(question.votes)}
                {question.answered ? ` · ${t.answered}` : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
