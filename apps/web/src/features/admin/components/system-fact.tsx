import type { ReactNode } from 'react';
import type { Severity } from '../model/system-format';

interface SystemFactProps {
  label: string;
  testId: string;
  /** `warn` and `alarm` frame the fact so it stands out from the healthy ones. */
  severity?: Severity;
  isNumber?: boolean;
  isWide?: boolean;
  /** A line under the value saying why it stands out. */
  note?: string | null;
  children: ReactNode;
}

const SEVERITY_CLASSES: Record<Severity, string> = {
  ok: '',
  warn: ' system-fact--warn',
  alarm: ' storage-facts__item--alarm',
};

/** One labelled value of the System page. */
export function SystemFact({ label, testId, severity = 'ok', isNumber, isWide, note, children }: SystemFactProps) {
  const className = `storage-facts__item${isWide === true ? ' storage-facts__item--wide' : ''}${SEVERITY_CLASSES[severity]}`;
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd className={isNumber === true ? 'num' : undefined} data-testid={testId} data-severity={severity}>
        {children}
      </dd>
      {note ? <dd className="storage-facts__note">{note}</dd> : null}
    </div>
  );
}

/** `warn` for a count that should be zero and is not. */
export function nonZero(count: number, severity: Severity = 'warn'): Severity {
  return count > 0 ? severity : 'ok';
}
