import type { HistoryResponse } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { buildMetricChart, joinColumns } from './history-series';

const GPUS = [
  { uuid: 'GPU-a', label: '#0 A100', colorIndex: 0 },
  { uuid: 'GPU-b', label: '#1 A100', colorIndex: 1 },
];

const response: HistoryResponse = {
  simulated: true,
  from: 10_000,
  to: 40_000,
  tier: '1m',
  bucketMs: 10_000,
  series: {
    'GPU-a': {
      temperatureC: { ts: [10_000, 20_000, 30_000], min: [40, 41, null], avg: [50, 51, null], max: [60, 61, null] },
    },
    'GPU-b': { temperatureC: { ts: [20_000], min: [30], avg: [35], max: [39] } },
  },
  compare: {
    offsetMs: 86_400_000,
    from: 10_000 - 86_400_000,
    to: 40_000 - 86_400_000,
    tier: '1m',
    bucketMs: 10_000,
    series: { 'GPU-a': { temperatureC: { ts: [10_000 - 86_400_000], min: [44], avg: [45], max: [46] } } },
  },
};

describe('history charts', () => {
  it('joins series on one time axis: a real gap stays null, a point only another series has is spanned', () => {
    const data = joinColumns([
      { ts: [1_000, 3_000], values: [1, null] },
      { ts: [2_000], values: [7] },
    ]);
    expect(data).toEqual([
      [1, 2, 3],
      [1, undefined, null],
      [undefined, 7, undefined],
    ]);
  });

  it('draws per GPU an average over its min–max band, then the previous day dashed on top of the same times', () => {
    const chart = buildMetricChart(response, 'temperatureC', GPUS);
    expect(chart.title).toBe('Temperature');
    expect(chart.spec.rangeMs).toEqual({ from: 10_000, to: 40_000 });
    expect(chart.spec.series.map((series) => series.label)).toEqual([
      '#0 A100',
      '#0 A100 min',
      '#0 A100 max',
      '#1 A100',
      '#1 A100 min',
      '#1 A100 max',
      '#0 A100, previous day',
      '#1 A100, previous day',
    ]);
    expect(chart.spec.series.every((series) => series.unit === '°C')).toBe(true);
    expect(chart.spec.bands).toEqual([
      { upper: 3, lower: 2, fillVar: '--history-gpu-0-band' },
      { upper: 6, lower: 5, fillVar: '--history-gpu-1-band' },
    ]);
    expect(chart.spec.series[6]).toMatchObject({ isDashed: true, colorVar: '--history-gpu-0' });
    expect(chart.data[0]).toEqual([10, 20, 30]);
    expect(chart.data[1]).toEqual([50, 51, null]);
    expect(chart.data[4]).toEqual([undefined, 35, undefined]);
    // Shifted forward by a day: yesterday's 10 s bucket sits on today's.
    expect(chart.data[7]).toEqual([45, undefined, undefined]);
    expect(chart.hasValues).toBe(true);
  });

  it('knows when a range has nothing to draw', () => {
    const nothing: HistoryResponse = {
      simulated: false,
      from: 0,
      to: 60_000,
      tier: 'raw',
      bucketMs: 1_000,
      series: {},
    };
    expect(buildMetricChart(nothing, 'powerDrawW', GPUS).hasValues).toBe(false);
    expect(buildMetricChart(response, 'powerDrawW', GPUS).hasValues).toBe(false);
  });
});
