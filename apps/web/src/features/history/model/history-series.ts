import type { HistoryResponse, HistorySeries, NumericMetric } from '@gpu-sentinel/protocol';
import type uPlot from 'uplot';
import type { ChartBand, ChartSeries, ChartSpec } from '../../../components/chart/chart-spec';
import { gpuColorVar, gpuFillVar } from './gpu-colors';
import { METRIC_CATALOGUE } from './metric-catalogue';

/** A GPU as the charts name and colour it. */
export interface ChartedGpu {
  uuid: string;
  label: string;
  colorIndex: number;
}

export interface MetricChart {
  metric: NumericMetric;
  title: string;
  spec: ChartSpec;
  data: uPlot.AlignedData;
  hasValues: boolean;
}

interface Column {
  ts: readonly number[];
  values: readonly (number | null)[];
}

/**
 * One x column for series sampled at different times. A series has `undefined` where only another
 * has a point (uPlot draws across it) and keeps its `null`s (a real gap in the recording).
 */
export function joinColumns(columns: readonly Column[]): uPlot.AlignedData {
  const xs = [...new Set(columns.flatMap((column) => column.ts))].sort((a, b) => a - b);
  const position = new Map(xs.map((ts, index) => [ts, index]));
  const ys = columns.map((column) => {
    const out: (number | null | undefined)[] = new Array<undefined>(xs.length).fill(undefined);
    column.ts.forEach((ts, index) => {
      const at = position.get(ts);
      if (at !== undefined) out[at] = column.values[index] ?? null;
    });
    return out;
  });
  return [xs.map((ts) => ts / 1_000), ...ys];
}

const COMPARE_LABELS: Readonly<Record<number, string>> = { 86_400_000: 'previous day', 604_800_000: 'previous week' };

function compareLabel(offsetMs: number): string {
  return COMPARE_LABELS[offsetMs] ?? 'earlier';
}

function shifted(series: HistorySeries, offsetMs: number): HistorySeries {
  return { ...series, ts: series.ts.map((ts) => ts + offsetMs) };
}

const EMPTY: HistorySeries = { ts: [], min: [], avg: [], max: [] };

/**
 * One chart's spec and columns: per GPU its average line with a min–max band, then (with compare)
 * each GPU's earlier average shifted forward by the offset so that the two periods overlay.
 */
export function buildMetricChart(
  response: HistoryResponse,
  metric: NumericMetric,
  gpus: readonly ChartedGpu[],
): MetricChart {
  const info = METRIC_CATALOGUE[metric];
  const base = { unit: info.unit, digits: info.digits };
  const series: ChartSeries[] = [];
  const bands: ChartBand[] = [];
  const columns: Column[] = [];
  for (const gpu of gpus) {
    const data = response.series[gpu.uuid]?.[metric] ?? EMPTY;
    const avgIndex = series.length + 1;
    series.push(
      {
        ...base,
        label: gpu.label,
        colorVar: gpuColorVar(gpu.colorIndex),
        legendRange: { minSeries: avgIndex + 1, maxSeries: avgIndex + 2 },
      },
      { ...base, label: `${gpu.label} min`, colorVar: gpuColorVar(gpu.colorIndex), isBandEdge: true },
      { ...base, label: `${gpu.label} max`, colorVar: gpuColorVar(gpu.colorIndex), isBandEdge: true },
    );
    bands.push({ upper: avgIndex + 2, lower: avgIndex + 1, fillVar: gpuFillVar(gpu.colorIndex) });
    columns.push(
      { ts: data.ts, values: data.avg },
      { ts: data.ts, values: data.min },
      { ts: data.ts, values: data.max },
    );
  }
  const compare = response.compare;
  if (compare) {
    for (const gpu of gpus) {
      const data = shifted(compare.series[gpu.uuid]?.[metric] ?? EMPTY, compare.offsetMs);
      series.push({
        ...base,
        label: `${gpu.label}, ${compareLabel(compare.offsetMs)}`,
        colorVar: gpuColorVar(gpu.colorIndex),
        isDashed: true,
      });
      columns.push({ ts: data.ts, values: data.avg });
    }
  }
  const data = joinColumns(columns);
  const spec: ChartSpec = {
    series,
    bands,
    windowMs: response.to - response.from,
    rangeMs: { from: response.from, to: response.to },
    yMin: 0,
    ...(info.yMax === undefined ? {} : { yMax: info.yMax }),
  };
  const hasValues = data.slice(1).some((column) => Array.from(column).some((value) => typeof value === 'number'));
  return { metric, title: info.title, spec, data, hasValues };
}
