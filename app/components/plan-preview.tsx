import { SlideBody } from "~/components/slide-body";
import { promptsOf, type Plan, type Prompt, type Slide } from "~/content/plan-schema";
import { useStaffStrings } from "~/strings/staff";

/**
 * A whole plan as the organiser reads it before a run: every slide with what
 * the room sees, what the facilitator's notes say, and the question it asks.
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

function SlidePreview({ slide, Heading }: { slide: Slide; Heading: "h2" | "h3" }) {
  const t = useStaffStrings().library.preview;
  const facts = [
    slide.kind === "agreement" ? t.agreementSlide : slide.kind === "grounding" ? t.groundingSlide : null,
    slide.durationMinutes !== undefined ? t.minutes(slide.durationMinutes) : null,
    t.line(slide.line),
  ].filter(Boolean);
  return (
    <article aria-label={t.slide(slide.index + 1, slide.title)}>
      <Heading className="plan-preview__title">
        <span className="plan-preview__number">{slide.index + 1}.</span> {slide.title}
      </Heading>
      <p className="plan-preview__facts">{facts.join(" · ")}</p>
      {slide.sensitive ? <p className="plan-preview__sensitive">{t.sensitive(slide.sensitive)}</p> : null}
      <SlideBody html={slide.bodyHtml} />
      {slide.agreements ? (
        <ul className="plan-preview__agreements" aria-label={t.agreements}>
          {slide.agreements.map((agreement) => (
            <li key={agreement}>{agreement}</li>
          ))}
        </ul>
      ) : null}
      {slide.breathing ? (
        <p className="plan-preview__facts">{t.breathing(slide.breathing.inhale, slide.breathing.hold, slide.breathing.exhale)}</p>
      ) : null}
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

function PromptPreview({ prompt }: { prompt: Prompt }) {
  const { promptTypes } = useStaffStrings().library;
  const t = useStaffStrings().library.preview;
  return (
    <div className="plan-preview__prompt" role="group" aria-label={t.question}>
      <p className="plan-preview__label">
        {t.questionType(promptTypes[prompt.type], prompt.type === "open-text")} · <code>{prompt.id}</code>
      </p>
      <p className="plan-preview__question">{prompt.question}</p>
      {prompt.type === "single-choice" || prompt.type === "multiple-choice" ? (
        <ul>
          {prompt.options.map((option) => (
            <li key={option}>{option}</li>
          ))}
        </ul>
      ) : null}
      {prompt.type === "scale" ? (
        <p>
          {t.scale(prompt.min, prompt.minLabel, prompt.max, prompt.maxLabel)}
          {prompt.compareWith ? ` · ${t.comparedWith(prompt.compareWith)}` : null}
        </p>
      ) : null}
      {prompt.type === "word-cloud" ? <p>{t.maxWords(prompt.maxWords)}</p> : null}
      {prompt.type === "open-text" ? <p>{t.maxLength(prompt.maxLength)}</p> : null}
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
