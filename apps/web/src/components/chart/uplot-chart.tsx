import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../lib/theme';
import { buildChartOptions, showLatestInLegend, type ChartInteractions } from './chart-options';
import { chartShapeKey, type ChartSpec } from './chart-spec';
import './chart.css';

interface UplotChartProps {
  spec: ChartSpec;
  data: uPlot.AlignedData;
  height: number;
  /** Suffix of the `chart-<name>` test id. */
  name: string;
  label: string;
  /** Shown over the chart when there is nothing to draw (a metric the GPU does not report). */
  emptyLabel?: string | null | undefined;
  /** With it, dragging across the chart selects a time span (epoch ms) and hands it here. */
  onSelectRange?: ((fromMs: number, toMs: number) => void) | undefined;
}

/**
 * THE chart: one uPlot instance per mounted chart, created on mount and again only when the theme
 * or the spec's shape changes; new data goes through `setData`, size through a ResizeObserver.
 */
export function UplotChart({ spec, data, height, name, label, emptyLabel, onSelectRange }: UplotChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const latest = useRef({ spec, data, onSelectRange });
  const theme = useTheme();
  const shapeKey = chartShapeKey(spec);
  const isSelectable = onSelectRange !== undefined;

  useLayoutEffect(() => {
    latest.current = { spec, data, onSelectRange };
  });

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const width = Math.max(container.clientWidth, 1);
    // Read when used (a drag ends, new data arrives), so new ones do not rebuild the chart.
    const interactions: ChartInteractions = {
      currentRangeMs: () => latest.current.spec.rangeMs,
      ...(isSelectable ? { onSelectRange: (fromMs, toMs) => latest.current.onSelectRange?.(fromMs, toMs) } : {}),
    };
    const options = buildChartOptions(latest.current.spec, container, width, height, interactions);
    const chart = new uPlot(options, latest.current.data, container);
    chartRef.current = chart;
    showLatestInLegend(chart);
    const observer = new ResizeObserver(() => {
      if (container.clientWidth > 0) chart.setSize({ width: container.clientWidth, height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [shapeKey, theme, height, isSelectable]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setData(data);
    showLatestInLegend(chart);
  }, [data]);

  return (
    <div className="chart-frame">
      <div
        ref={containerRef}
        className={spec.isCompact ? 'chart chart--compact' : 'chart'}
        data-testid={`chart-${name}`}
        role="img"
        aria-label={emptyLabel ? `${label}: ${emptyLabel}` : label}
      />
      {emptyLabel ? (
        <div className="chart-frame__empty" style={{ height }} aria-hidden="true">
          {emptyLabel}
        </div>
      ) : null}
    </div>
  );
}
