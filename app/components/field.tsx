import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldShell {
  label: ReactNode;
  name: string;
  error?: string;
  hint?: ReactNode;
  /** Announce the error when it appears: for a form that is answered without a page load (a fetcher). */
  announce?: boolean;
}

/** A labelled form control with its hint and error, tied together for screen readers. */
export function Field({ label, name, error, hint, announce, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} announce={announce}>
      {(ids) => <input id={ids.control} name={name} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />}
    </FieldFrame>
  );
}

export function SelectField({ label, name, error, hint, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(ids) => (
        <select id={ids.control} name={name} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({ label, name, error, hint, ...area }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(ids) => <textarea id={ids.control} name={name} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...area} />}
    </FieldFrame>
  );
}

/** A form-wide error (not tied to one field), announced when it appears. */
export function FormError({ error }: { error?: string }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

function FieldFrame({
  label,
  error,
  hint,
  announce,
  children,
}: Omit<FieldShell, "name"> & { children: (ids: { control: string; describedBy: string | undefined }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={`${id}-control`}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ control: `${id}-control`, describedBy })}
      {error ? (
        <p className="field__error" id={errorId} role={announce ? "alert" : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
