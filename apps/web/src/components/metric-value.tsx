import { formatFixed } from '../lib/format';

interface MetricValueProps {
  value: number | null | undefined;
  unit?: string;
  digits?: number;
  testId?: string | undefined;
}

/** A number with its unit, or a muted "N/A" when the GPU cannot report it (never a 0). */
export function MetricValue({ value, unit, digits = 0, testId }: MetricValueProps) {
  if (value === null || value === undefined) {
    return (
      <span className="value value--na" data-testid={testId} title="Not reported by this GPU or driver">
        N/A
      </span>
    );
  }
  return (
    <span className="value" data-testid={testId}>
      {formatFixed(value, digits)}
      {unit ? <span className="value__unit"> {unit}</span> : null}
    </span>
  );
}

/** A plain "N/A" for text that is not a number (versions, serials). */
export function TextValue({ value }: { value: string | null | undefined }) {
  return value ? <span>{value}</span> : <span className="value--na">N/A</span>;
}
