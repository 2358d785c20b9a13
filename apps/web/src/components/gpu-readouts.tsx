import { formatGiB } from '../lib/format';
import { MetricValue } from './metric-value';

/** "12.3 / 80.0 GiB", with N/A for a part the GPU does not report. */
export function MemoryReadout({
  usedMiB,
  totalMiB,
  testId,
}: {
  usedMiB: number | null;
  totalMiB: number | null;
  testId?: string | undefined;
}) {
  return (
    <span className="readout" data-testid={testId}>
      {usedMiB === null ? <MetricValue value={null} /> : <span className="value">{formatGiB(usedMiB)}</span>}
      <span className="readout__sep"> / </span>
      {totalMiB === null ? <MetricValue value={null} /> : <span className="value">{formatGiB(totalMiB)}</span>}
      <span className="value__unit"> GiB</span>
    </span>
  );
}

/** "310 / 700 W": power draw over the enforced limit. */
export function PowerReadout({
  drawW,
  limitW,
  testId,
}: {
  drawW: number | null;
  limitW: number | null;
  testId?: string | undefined;
}) {
  if (drawW === null && limitW === null) return <MetricValue value={null} testId={testId} />;
  return (
    <span className="readout" data-testid={testId}>
      <MetricValue value={drawW} />
      <span className="readout__sep"> / </span>
      <MetricValue value={limitW} />
      <span className="value__unit"> W</span>
    </span>
  );
}

/** Throttle (clock event) reasons, as chips; idle is normal and shown muted. */
export function ThrottleReasons({ reasons }: { reasons: readonly string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="chips" aria-label="Throttle reasons">
      {reasons.map((reason) => (
        <li key={reason} className={/idle/i.test(reason) ? 'chip' : 'chip chip--warn'}>
          {reason.replace(/_/g, ' ')}
        </li>
      ))}
    </ul>
  );
}
