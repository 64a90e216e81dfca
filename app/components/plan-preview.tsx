import { SlideBody } from "~/components/slide-body";
import { PROMPT_TYPE_LABELS, promptsOf, type Plan, type Prompt, type Slide } from "~/content/plan-schema";

/**
 * A whole plan as the organiser reads it before a run: every slide with what
 * the room sees, what the facilitator's notes say, and the question it asks.
 * The library's plan page and the editor's live preview both show this.
 */
export function PlanPreview({ plan, headingLevel = 2 }: { plan: Plan; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="plan-preview">
      <p className="plan-preview__summary">{plan.summary}</p>
      <p className="plan-card__facts">
        About {plan.durationMinutes} minutes · {plan.slides.length} slides · {promptsOf(plan).length} questions ·
        Audience: {plan.audience}
      </p>
      {plan.contentNotes.length > 0 ? <p className="plan-card__notes">Content notes: {plan.contentNotes.join("; ")}</p> : null}
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
  const facts = [
    slide.kind === "agreement" ? "Agreement slide" : slide.kind === "grounding" ? "Grounding slide (collects nothing)" : null,
    slide.durationMinutes !== undefined ? `${slide.durationMinutes} min` : null,
    `line ${slide.line}`,
  ].filter(Boolean);
  return (
    <article aria-label={`Slide ${slide.index + 1}: ${slide.title}`}>
      <Heading className="plan-preview__title">
        <span className="plan-preview__number">{slide.index + 1}.</span> {slide.title}
      </Heading>
      <p className="plan-preview__facts">{facts.join(" · ")}</p>
      {slide.sensitive ? <p className="plan-preview__sensitive">Sensitive: {slide.sensitive}</p> : null}
      <SlideBody html={slide.bodyHtml} />
      {slide.agreements ? (
        <ul className="plan-preview__agreements" aria-label="Agreements">
          {slide.agreements.map((agreement) => (
            <li key={agreement}>{agreement}</li>
          ))}
        </ul>
      ) : null}
      {slide.breathing ? (
        <p className="plan-preview__facts">
          Breathing guide: in {slide.breathing.inhale} s, hold {slide.breathing.hold} s, out {slide.breathing.exhale} s
        </p>
      ) : null}
      {slide.prompt ? <PromptPreview prompt={slide.prompt} /> : null}
      {slide.notesHtml.trim() ? (
        <div className="plan-preview__notes" role="group" aria-label="Facilitator notes">
          <p className="plan-preview__label">Facilitator notes</p>
          <SlideBody html={slide.notesHtml} />
        </div>
      ) : null}
    </article>
  );
}

function PromptPreview({ prompt }: { prompt: Prompt }) {
  return (
    <div className="plan-preview__prompt" role="group" aria-label="Question">
      <p className="plan-preview__label">
        Question · {PROMPT_TYPE_LABELS[prompt.type]}
        {prompt.type === "open-text" ? " (moderated)" : ""} · <code>{prompt.id}</code>
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
          {prompt.min} ({prompt.minLabel}) to {prompt.max} ({prompt.maxLabel})
          {prompt.compareWith ? ` · compared with ${prompt.compareWith}` : null}
        </p>
      ) : null}
      {prompt.type === "word-cloud" ? <p>Up to {prompt.maxWords} words each</p> : null}
      {prompt.type === "open-text" ? <p>Up to {prompt.maxLength} characters</p> : null}
    </div>
  );
}

/** A draft's problems, each with the line it is on (as `file:line` for a file in content/plans). */
export function PlanIssues({ issues, file }: { issues: Array<{ line: number; message: string }>; file?: string }) {
  return (
    <ul className="plan-issues">
      {issues.map((issue, i) => (
        <li key={i}>
          {/* A file in content/plans is named as the command line names it, so both point at the same place. */}
          {file ? <code>{`${file}:${issue.line}`}</code> : <strong>{`Line ${issue.line}:`}</strong>} {issue.message}
        </li>
      ))}
    </ul>
  );
}
