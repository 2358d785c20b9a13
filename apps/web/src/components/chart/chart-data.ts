import type { HistoryPoint, NumericMetric } from '@gpu-sentinel/protocol';
import type uPlot from 'uplot';

/** The part of a sample or history point that charts read. */
export type MetricPoint = Pick<HistoryPoint, 'ts' | NumericMetric>;

/** Columns for uPlot: time in seconds, then one column per metric (null stays null: a gap, not a 0). */
export function toAlignedData(points: readonly MetricPoint[], metrics: readonly NumericMetric[]): uPlot.AlignedData {
  const xs = points.map((point) => point.ts / 1_000);
  const columns = metrics.map((metric) => points.map((point) => point[metric]));
  return [xs, ...columns];
}

/** Whether any series (beyond the time column) has a value to draw. */
export function hasAnyValue(data: uPlot.AlignedData): boolean {
  for (const column of data.slice(1)) {
    for (const value of column) {
      if (value !== null && value !== undefined) return true;
    }
  }
  return false;
}
