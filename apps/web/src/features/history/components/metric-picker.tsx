import { NUMERIC_METRICS, type NumericMetric } from '@gpu-sentinel/protocol';
import { METRIC_CATALOGUE } from '../model/metric-catalogue';

interface MetricPickerProps {
  selected: readonly NumericMetric[];
  onToggle: (metric: NumericMetric) => void;
}

/** Which metrics get a chart; the last one cannot be switched off. */
export function MetricPicker({ selected, onToggle }: MetricPickerProps) {
  return (
    <fieldset className="history-picker" data-testid="history-metric-picker">
      <legend className="history-picker__legend">Metrics</legend>
      {NUMERIC_METRICS.map((metric) => {
        const isChecked = selected.includes(metric);
        return (
          <label key={metric} className="history-check">
            <input
              type="checkbox"
              checked={isChecked}
              disabled={isChecked && selected.length === 1}
              onChange={() => onToggle(metric)}
              data-testid="history-metric-toggle"
              data-metric={metric}
            />
            {METRIC_CATALOGUE[metric].title}
          </label>
        );
      })}
    </fieldset>
  );
}
