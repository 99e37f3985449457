// SPDX-License-Identifier: EUPL-1.2
// Form building blocks: a labelled field with its error tied to it, and an error summary
// that takes focus so screen-reader and keyboard users learn at once what went wrong.
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useActionResult, useFocusTaken, useHydrated } from "~/components/announcer";
import type { FieldErrors } from "~/lib/validation";

interface FieldShellProps {
  inputId: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (describedBy: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** Label, hint and error around one control, with the error and hint tied to it for screen readers. */
function FieldShell({ inputId, label, hint, error, className, children }: FieldShellProps) {
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span className="sr-only">Fel: </span>
          {error}
        </p>
      ) : null}
      {children({
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
      })}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

export function Field({ name, label, hint, error, id, className, ...input }: FieldProps) {
  const inputId = id ?? `f-${name}`;
  return (
    <FieldShell inputId={inputId} label={label} hint={hint} error={error} className={className}>
      {(described) => <input id={inputId} name={name} className="input" {...described} {...input} />}
    </FieldShell>
  );
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

export function TextArea({ name, label, hint, error, id, ...input }: TextAreaProps) {
  const inputId = id ?? `f-${name}`;
  return (
    <FieldShell inputId={inputId} label={label} hint={hint} error={error}>
      {(described) => <textarea id={inputId} name={name} className="input min-h-32" {...described} {...input} />}
    </FieldShell>
  );
}

interface SelectProps {
  name: string;
  /** When a page has several forms with the same field. */
  id?: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

export function Select({ name, id, label, options, defaultValue, error, hint, required }: SelectProps) {
  const inputId = id ?? `f-${name}`;
  return (
    <FieldShell inputId={inputId} label={label} hint={hint} error={error}>
      {(described) => (
        <select id={inputId} name={name} defaultValue={defaultValue} required={required} className="input" {...described}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** Lists every error with a link to its field, under `title` (by default how many errors there are). Renders nothing without errors. */
export function ErrorSummary({ errors, labels, title }: { errors?: FieldErrors | null; labels?: Record<string, string>; title?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  const takeFocus = useFocusTaken();
  useEffect(() => {
    if (entries.length > 0) takeFocus(ref.current);
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="error-summary">
      <h2 id="error-summary-title" className="text-lg font-semibold">
        {title ?? (entries.length === 1 ? "Det finns ett fel i formuläret" : `Det finns ${entries.length} fel i formuläret`)}
      </h2>
      <ul className="mt-2 list-disc pl-5">
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === "form" ? (
              message
            ) : (
              <a href={`#f-${field}`} className="underline">
                {labels?.[field] ? `${labels[field]}: ` : ""}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A status message after an action succeeded. It takes focus, since the control that was used is
 * often gone from the changed page, and its text goes to the status region that has been in the page
 * since it loaded (components/announcer.tsx). This box is a status itself only in a page the server
 * rendered with it and no JavaScript has taken over: a region inserted together with its text is
 * not announced, and one status region per page keeps the message from being read twice.
 */
export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  const ref = useRef<HTMLDivElement>(null);
  useActionResult(ref);
  const hydrated = useHydrated();
  return (
    <div ref={ref} tabIndex={-1} role={hydrated ? undefined : "status"} className={tone === "success" ? "notice-success" : "notice-info"}>
      {children}
    </div>
  );
}
