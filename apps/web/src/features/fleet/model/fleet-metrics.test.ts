import { describe, expect, it } from 'vitest';
import { gpuInfo, gpuSample } from '../../../test/fixtures';
import { formatMetric, heatLevel, legendSteps, memoryUsedPct, metricValue } from './fleet-metrics';

describe('the fleet colour scale', () => {
  it('puts each value on one of six levels, by its metric’s thresholds', () => {
    expect([0, 9, 10, 49, 50, 89, 90, 100].map((pct) => heatLevel('util', pct))).toEqual([0, 0, 1, 2, 3, 4, 5, 5]);
    expect([35, 50, 70, 79, 80, 84, 85, 95].map((c) => heatLevel('temp', c))).toEqual([0, 1, 2, 3, 4, 4, 5, 5]);
    expect(heatLevel('mem', null)).toBeNull();
  });

  it('has a legend that names every level’s range', () => {
    expect(legendSteps('util').map((step) => step.label)).toEqual([
      '< 10 %',
      '10–29 %',
      '30–49 %',
      '50–69 %',
      '70–89 %',
      '≥ 90 %',
    ]);
    expect(legendSteps('temp').at(-2)?.label).toBe('80–84 °C');
  });
});

describe('fleet metrics', () => {
  it('reads utilisation, temperature and memory used %, and says N/A for what is not reported', () => {
    const info = gpuInfo(0, { memoryTotalMiB: 80_000 });
    const sample = gpuSample(0, 0, { memoryUsedMiB: 20_000, memoryTotalMiB: 80_000, temperatureC: 71 });
    expect(metricValue('mem', sample, info)).toBe(25);
    expect(metricValue('temp', sample, info)).toBe(71);
    expect(memoryUsedPct(gpuSample(0, 0, { memoryTotalMiB: null }), gpuInfo(0, { memoryTotalMiB: null }))).toBeNull();
    expect(metricValue('util', gpuSample(0, 0, { utilizationGpuPct: null }), info)).toBeNull();
    expect(formatMetric('temp', 71.4)).toBe('71 °C');
    expect(formatMetric('util', null)).toBe('N/A');
  });
});
