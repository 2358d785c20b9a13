import { temperatureBand } from '@gpu-sentinel/protocol';
import { MetricValue } from './metric-value';

const BAND_LABELS = {
  critical: 'critical (≥ 85 °C)',
  warning: 'warning (75–84 °C)',
  normal: 'normal (65–74 °C)',
  optimal: 'optimal (50–64 °C)',
  cool: 'cool (< 50 °C)',
} as const;

/** A temperature coloured by its band, with the band named for screen readers and on hover. */
export function TemperatureValue({
  temperatureC,
  testId,
}: {
  temperatureC: number | null;
  testId?: string | undefined;
}) {
  const band = temperatureBand(temperatureC);
  if (band === null) return <MetricValue value={null} testId={testId} />;
  return (
    <span className={`temperature temperature--${band}`} title={BAND_LABELS[band]} data-band={band}>
      <MetricValue value={temperatureC} unit="°C" testId={testId} />
      <span className="visually-hidden"> {band}</span>
    </span>
  );
}
