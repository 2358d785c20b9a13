import { UplotChart } from '../../../components/chart/uplot-chart';
import type { MetricChart } from '../model/history-series';
import { METRIC_CATALOGUE } from '../model/metric-catalogue';

const CHART_HEIGHT_PX = 220;

interface HistoryChartProps {
  chart: MetricChart;
  onSelectRange: (fromMs: number, toMs: number) => void;
}

/** One metric, a line per GPU over its min–max band; dragging across it zooms the whole view. */
export function HistoryChart({ chart, onSelectRange }: HistoryChartProps) {
  const { unit } = METRIC_CATALOGUE[chart.metric];
  return (
    <figure className="panel chart-panel history-chart" data-testid="history-chart" data-metric={chart.metric}>
      <figcaption className="panel__title">
        {chart.title}
        {unit ? <span className="history-chart__unit">{unit}</span> : null}
      </figcaption>
      <UplotChart
        spec={chart.spec}
        data={chart.data}
        height={CHART_HEIGHT_PX}
        name={`history-${chart.metric}`}
        label={`${chart.title} history; drag across the chart to zoom in`}
        emptyLabel={chart.hasValues ? null : 'Not recorded in this range'}
        onSelectRange={onSelectRange}
      />
    </figure>
  );
}
