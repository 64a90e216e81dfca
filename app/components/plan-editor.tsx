import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";

import { PlanPreview, PlanWarnings } from "~/components/plan-preview";
import type { Plan, PlanWarning } from "~/content/plan-schema";
import { useLeaveGuard } from "~/library/leave-guard";
import { useStaffStrings } from "~/strings/staff";

/** What /library/check answers: the plan's slides and its safety warnings, or its problems by line. */
export type PlanCheck =
  | { ok: true; plan: Plan; warnings: PlanWarning[] }
  | { ok: false; issues: Array<{ line: number; message: string }> };

/** How long typing must pause before the text is checked again. */
const CHECK_DELAY_MS = 300;

/**
 * The plan's Markdown in a textarea with a line-number gutter, beside a live
 * preview. While the organiser types, the text is checked on the server (the
 * same parser runs use) and its errors, or else its safety warnings, are listed
 * by line; each one moves the caret to its line. The textarea is named `source`, for the form around it.
 * Leaving while the text differs from `savedSource` (the version being edited)
 * asks first.
 */
export function PlanEditor({
  defaultSource,
  savedSource,
  initialCheck,
  error,
}: {
  defaultSource: string;
  savedSource: string;
  initialCheck: PlanCheck;
  error?: string;
}) {
  const [source, setSource] = useState(defaultSource);
  useLeaveGuard(source !== savedSource);
  const checker = useFetcher<PlanCheck>();
  const checkedSource = useRef(defaultSource);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const id = useId();
  const { submit } = checker;
  const t = useStaffStrings().library.editor;

  useEffect(() => {
    if (source === checkedSource.current) return;
    const timer = setTimeout(() => {
      checkedSource.current = source;
      submit({ source }, { method: "post", action: "/library/check" });
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [source, submit]);

  const check = checker.data ?? initialCheck;
  const issues = check.ok ? [] : check.issues;
  const warnings = check.ok ? check.warnings : [];
  const badLines = new Set(issues.map((issue) => issue.line));
  const warningLines = new Set(warnings.map((warning) => warning.line));
  const lineCount = source.split("\n").length;

  function goToLine(line: number) {
    const area = textarea.current;
    if (!area) return;
    const lines = area.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((offset, text) => offset + text.length + 1, 0);
    const end = start + (lines[line - 1]?.length ?? 0);
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  return (
    <div className="plan-editor">
      <div className="plan-editor__source">
        <label htmlFor={`${id}-source`}>{t.label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t.hint}
        </p>
        <div className={`plan-editor__frame${error ? " field--invalid" : ""}`}>
          <div className="plan-editor__gutter" ref={gutter} aria-hidden="true">
            {Array.from({ length: lineCount }, (_, i) => (
              <span key={i} className={lineClass(badLines.has(i + 1), warningLines.has(i + 1))}>
                {i + 1}
              </span>
            ))}
          </div>
          <textarea
            ref={textarea}
            id={`${id}-source`}
            name="source"
            value={source}
            onChange={(event) => setSource(event.target.value)}
            onScroll={(event) => {
              if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
            }}
            wrap="off"
            spellCheck
            rows={30}
            aria-invalid={error || issues.length > 0 ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : null, issues.length > 0 ? `${id}-issues` : null].filter(Boolean).join(" ")}
          />
        </div>
        {error ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>

      <section className="plan-editor__preview" aria-labelledby={`${id}-preview`}>
        <h2 id={`${id}-preview`}>
          {t.preview} {checker.state !== "idle" ? <span className="plan-editor__checking">{t.checking}</span> : null}
        </h2>
        {/* Only this one sentence is live: after each check a screen reader hears "2 errors…", not the whole list again. */}
        <div className={issues.length > 0 ? "plan-editor__result error" : "plan-editor__result notice"}>
          <p role="status">
            {issues.length > 0 ? t.errors(issues.length) : warnings.length > 0 ? `${t.noErrors} ${t.warnings(warnings.length)}` : t.noErrors}
          </p>
          {issues.length > 0 ? (
            <div id={`${id}-issues`}>
              <p>{t.goToLine}</p>
              <ul className="plan-editor__issues">
                {issues.map((issue, i) => (
                  <li key={i}>
                    <button type="button" className="button button--quiet button--small" onClick={() => goToLine(issue.line)}>
                      {t.issue(issue.line, issue.message)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <PlanWarnings warnings={warnings} headingLevel={3} onLine={goToLine} />
        {check.ok ? <PlanPreview plan={check.plan} headingLevel={3} /> : null}
      </section>
    </div>
  );
}

function lineClass(error: boolean, warning: boolean): string {
  if (error) return "plan-editor__line plan-editor__line--error";
  return warning ? "plan-editor__line plan-editor__line--warning" : "plan-editor__line";
}
