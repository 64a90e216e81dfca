import { useId } from "react";

import { AnswerForm } from "~/components/answer-form";
import { SensitiveNote } from "~/components/sensitive-note";
import { SlideBody } from "~/components/slide-body";
import { promptsOf, type Plan, type PlanWarning, type Prompt, type Slide } from "~/content/plan-schema";
import { logicOf } from "~/prompts/registry";
import { resultsOf } from "~/prompts/results";
import { useStrings } from "~/strings";
import { useStaffStrings } from "~/strings/staff";

/**
 * A whole plan as the organiser reads it before a run: every slide as the
 * display and a phone will show it, side by side, with the facilitator's notes
 * and the question's settings under it.
 * The library's plan page and the editor's live preview both show this.
 */
export function PlanPreview({ plan, headingLevel = 2 }: { plan: Plan; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const t = useStaffStrings().library.facts;
  return (
    <div className="plan-preview">
      <p className="plan-preview__summary">{plan.summary}</p>
      <p className="plan-card__facts">
        {t.size(plan.durationMinutes, plan.slides.length, promptsOf(plan).length)} · {t.audience(plan.audience)}
      </p>
      {plan.contentNotes.length > 0 ? <p className="plan-card__notes">{t.contentNotes(plan.contentNotes.join("; "))}</p> : null}
      <ol className="plan-preview__slides">
        {plan.slides.map((slide) => (
          <li key={slide.index} className="plan-preview__slide">
            <SlidePreview slide={slide} Heading={Heading} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * One slide as the room will meet it: a landscape frame with what the display
 * shows, beside a phone with what a participant's phone shows (the answer
 * form, inert), then what only the facilitator sees.
 */
function SlidePreview({ slide, Heading }: { slide: Slide; Heading: "h2" | "h3" }) {
  const t = useStaffStrings().library.preview;
  const facts = [
    slide.kind === "agreement" ? t.agreementSlide : slide.kind === "grounding" ? t.groundingSlide : slide.kind === "round" ? t.roundSlide : null,
    slide.durationMinutes !== undefined ? t.minutes(slide.durationMinutes) : null,
    t.line(slide.line),
  ].filter(Boolean);
  return (
    <article aria-label={t.slide(slide.index + 1, slide.title)}>
      <Heading className="plan-preview__title">
        <span className="plan-preview__number">{slide.index + 1}.</span> {slide.title}
      </Heading>
      <p className="plan-preview__facts">{facts.join(" · ")}</p>
      <div className="slide-preview">
        <figure className="slide-preview__frame slide-preview__frame--display">
          <figcaption className="plan-preview__label">{t.onDisplay}</figcaption>
          <div className="slide-preview__screen slide-preview__screen--display">
            <DisplayPreview slide={slide} />
          </div>
        </figure>
        <figure className="slide-preview__frame slide-preview__frame--phone">
          <figcaption className="plan-preview__label">{t.onPhone}</figcaption>
          <div className="slide-preview__screen slide-preview__screen--phone">
            <PhonePreview slide={slide} />
          </div>
        </figure>
      </div>
      {slide.prompt ? <PromptPreview prompt={slide.prompt} /> : null}
      {slide.notesHtml.trim() ? (
        <div className="plan-preview__notes" role="group" aria-label={t.notes}>
          <p className="plan-preview__label">{t.notes}</p>
          <SlideBody html={slide.notesHtml} />
        </div>
      ) : null}
    </article>
  );
}

/** What the audience display shows on the slide before any result: the same parts, in the same order. */
function DisplayPreview({ slide }: { slide: Slide }) {
  const t = useStaffStrings().library.preview;
  const room = useStrings();
  const prompt = slide.prompt;
  return (
    <>
      <p className="slide-preview__title">{slide.title}</p>
      {slide.sensitive ? <SensitiveNote note={slide.sensitive} /> : null}
      <SlideBody html={slide.bodyHtml} />
      {slide.agreements ? (
        <ul className="slide-preview__agreements" aria-label={t.agreements}>
          {slide.agreements.map((agreement, i) => (
            <li key={`${i}:${agreement}`}>{agreement}</li>
          ))}
        </ul>
      ) : null}
      {slide.breathing ? <p>{t.breathing(slide.breathing.inhale, slide.breathing.hold, slide.breathing.exhale)}</p> : null}
      {slide.kind === "round" ? <p>{room.room.round}</p> : null}
      {prompt ? (
        <div className="slide-preview__prompt">
          <p className="slide-preview__question">{prompt.question}</p>
          <PromptChoices prompt={prompt} />
          <p className="slide-preview__hint">{room.display.answerHidden}</p>
        </div>
      ) : null}
    </>
  );
}

/** What the room can choose from, as the display shows it before any result (the prompt type's own `Choices`). */
function PromptChoices({ prompt }: { prompt: Prompt }) {
  const { Choices } = resultsOf(prompt.type);
  return Choices ? <Choices prompt={prompt} /> : null;
}

/** What a participant's phone shows on the slide while its question is open; nothing here can be sent. */
function PhonePreview({ slide }: { slide: Slide }) {
  const t = useStaffStrings().library.preview;
  const { phone, room } = useStrings();
  return (
    <>
      <p className="slide-preview__title">{slide.title}</p>
      {slide.sensitive ? <SensitiveNote note={slide.sensitive} /> : null}
      {slide.agreements ? (
        <>
          <ul className="slide-preview__agreements" aria-label={t.agreements}>
            {slide.agreements.map((agreement, i) => (
              <li key={`${i}:${agreement}`}>{agreement}</li>
            ))}
          </ul>
          <button type="button" className="button button--primary button--wide" disabled>
            {phone.imIn.button}
          </button>
        </>
      ) : null}
      {slide.breathing ? <p>{t.breathing(slide.breathing.inhale, slide.breathing.hold, slide.breathing.exhale)}</p> : null}
      {slide.kind === "round" ? <p className="phone__listen">{room.round}</p> : null}
      {!slide.prompt && slide.kind === "content" ? <p className="phone__listen">{phone.listen}</p> : null}
      {slide.prompt ? <AnswerForm prompt={slide.prompt} initial={null} disabled onSubmit={() => undefined} /> : null}
      {slide.questions === "open" ? <p className="slide-preview__hint">{t.questionBox}</p> : null}
      {slide.bodyHtml.trim() ? (
        <details className="phone__slide-text">
          <summary>{phone.slideText}</summary>
          <SlideBody html={slide.bodyHtml} />
        </details>
      ) : null}
    </>
  );
}

/** The question's settings, which neither screen spells out. */
function PromptPreview({ prompt }: { prompt: Prompt }) {
  const { promptTypes } = useStaffStrings().library;
  const t = useStaffStrings().library.preview;
  const logic = logicOf(prompt.type);
  const settings = logic.settings(t, prompt);
  return (
    <div className="plan-preview__prompt" role="group" aria-label={t.question}>
      <p className="plan-preview__label">
        {t.questionType(promptTypes[prompt.type], logic.text?.kind === "entries")} · <code>{prompt.id}</code>
      </p>
      {settings.length > 0 ? <p>{settings.join(" · ")}</p> : null}
    </div>
  );
}

/** A draft's problems, each with the line it is on (as `file:line` for a file in content/plans). */
export function PlanIssues({ issues, file }: { issues: Array<{ line: number; message: string }>; file?: string }) {
  const t = useStaffStrings().library.preview;
  return (
    <ul className="plan-issues">
      {issues.map((issue, i) => (
        <li key={i}>
          {/* A file in content/plans is named as the command line names it, so both point at the same place. */}
          {file ? <code>{`${file}:${issue.line}`}</code> : <strong>{t.issueLine(issue.line)}</strong>} {issue.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * A plan's safety warnings, under a heading of their own so they read as
 * warnings and not errors: the plan can still be started. With `onLine`, each
 * one is a button that moves to its line (the editor).
 */
export function PlanWarnings({
  warnings,
  headingLevel = 2,
  onLine,
}: {
  warnings: PlanWarning[];
  headingLevel?: 2 | 3;
  onLine?: (line: number) => void;
}) {
  const t = useStaffStrings().library.warnings;
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (warnings.length === 0) return null;
  return (
    <section className="plan-warnings" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t.heading}</Heading>
      <p>{t.intro}</p>
      <ul className="plan-warnings__list">
        {warnings.map((warning, i) => (
          <li key={i}>
            {onLine ? (
              <button type="button" className="button button--quiet button--small" onClick={() => onLine(warning.line)}>
                {t.warning(warning.line, warning.message, warning.rule)}
              </button>
            ) : (
              t.warning(warning.line, warning.message, warning.rule)
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
