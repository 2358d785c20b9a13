import { legendSteps, METRIC_LABELS, type FleetMetric } from '../model/fleet-metrics';

/** What the cell colours mean for the metric shown. */
export function FleetLegend({ metric }: { metric: FleetMetric }) {
  return (
    <div
      className={`fleet-legend fleet-scale--${metric}`}
      data-testid="fleet-legend"
      aria-label={`${METRIC_LABELS[metric]} colour scale`}
    >
      <span className="fleet-legend__title">{METRIC_LABELS[metric]}</span>
      <ol className="fleet-legend__steps">
        {legendSteps(metric).map((step) => (
          <li key={step.level} className="fleet-legend__step" data-level={step.level}>
            {step.label}
          </li>
        ))}
        <li className="fleet-legend__step" data-level="none">
          N/A
        </li>
        <li className="fleet-legend__step fleet-legend__step--stale">stale</li>
      </ol>
    </div>
  );
}
