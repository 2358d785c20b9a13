import type { ReactElement, ReactNode } from 'react';
import { cloneElement } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** One input, select or textarea: it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string | undefined;
}

/** A labelled input with its error (from the form or the API) right beneath it. */
export function FormField({ id, label, error, hint, children, className }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error === undefined ? undefined : true,
        'aria-describedby': error === undefined ? undefined : errorId,
      })}
      {hint === undefined ? null : <span className="field__hint">{hint}</span>}
      {error === undefined ? null : (
        <span className="field-error" id={errorId} data-testid={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
