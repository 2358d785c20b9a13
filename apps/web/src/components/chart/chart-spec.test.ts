import { describe, expect, it } from 'vitest';
import { chartShapeKey, type ChartSpec } from './chart-spec';

const spec: ChartSpec = {
  windowMs: 60_000,
  rangeMs: { from: 0, to: 60_000 },
  series: [{ label: 'GPU', colorVar: '--chart-1', unit: '%' }],
};

describe('when a chart is rebuilt', () => {
  it('keeps the chart when only its fixed time range moves, and rebuilds it for other series', () => {
    expect(chartShapeKey({ ...spec, rangeMs: { from: 5_000, to: 65_000 } })).toBe(chartShapeKey(spec));
    const other = { label: 'Other', colorVar: '--chart-2', unit: '%' };
    expect(chartShapeKey({ ...spec, series: [...spec.series, other] })).not.toBe(chartShapeKey(spec));
  });
});
