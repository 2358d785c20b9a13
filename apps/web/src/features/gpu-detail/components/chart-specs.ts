import type { GpuInfo, NumericMetric } from '@gpu-sentinel/protocol';
import type { ChartSpec } from '../../../components/chart/chart-spec';
import { LIVE_WINDOW_MS } from '../../../lib/live/live-buffer';

export interface GpuChart {
  name: string;
  title: string;
  metrics: readonly NumericMetric[];
  spec: ChartSpec;
}

/** The GPU page's charts; the memory chart's top is the card's memory size. */
export function gpuCharts(info: Pick<GpuInfo, 'memoryTotalMiB'>): readonly GpuChart[] {
  const windowMs = LIVE_WINDOW_MS;
  return [
    {
      name: 'utilization',
      title: 'Utilisation',
      metrics: ['utilizationGpuPct', 'utilizationMemoryPct'],
      spec: {
        windowMs,
        yMax: 100,
        series: [
          { label: 'GPU', colorVar: '--chart-1', fillVar: '--chart-1-fill', unit: '%' },
          { label: 'Memory bus', colorVar: '--chart-2', unit: '%' },
        ],
      },
    },
    {
      name: 'memory',
      title: 'Memory used',
      metrics: ['memoryUsedMiB'],
      spec: {
        windowMs,
        ...(info.memoryTotalMiB === null ? {} : { yMax: info.memoryTotalMiB }),
        series: [{ label: 'Used', colorVar: '--chart-3', fillVar: '--chart-3-fill', unit: 'MiB' }],
      },
    },
    {
      name: 'temperature',
      title: 'Temperature',
      metrics: ['temperatureC', 'memoryTemperatureC'],
      spec: {
        windowMs,
        series: [
          { label: 'GPU', colorVar: '--chart-4', unit: '°C' },
          { label: 'Memory', colorVar: '--chart-2', unit: '°C' },
        ],
      },
    },
    {
      name: 'power',
      title: 'Power',
      metrics: ['powerDrawW', 'powerLimitW'],
      spec: {
        windowMs,
        series: [
          { label: 'Draw', colorVar: '--chart-5', fillVar: '--chart-5-fill', unit: 'W' },
          { label: 'Limit', colorVar: '--chart-limit', unit: 'W', isDashed: true },
        ],
      },
    },
    {
      name: 'clocks',
      title: 'Clocks',
      metrics: ['clockSmMHz', 'clockMemMHz'],
      spec: {
        windowMs,
        series: [
          { label: 'SM', colorVar: '--chart-1', unit: 'MHz' },
          { label: 'Memory', colorVar: '--chart-3', unit: 'MHz' },
        ],
      },
    },
  ];
}
