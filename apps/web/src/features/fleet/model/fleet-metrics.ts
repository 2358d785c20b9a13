import type { GpuInfo, GpuSample } from '@gpu-sentinel/protocol';
import { formatFixed } from '../../../lib/format';

/** The metrics a fleet cell can show and hosts can be sorted by. */
export const FLEET_METRICS = ['util', 'temp', 'mem'] as const;
export type FleetMetric = (typeof FLEET_METRICS)[number];

export const METRIC_LABELS: Record<FleetMetric, string> = {
  util: 'Utilisation',
  temp: 'Temperature',
  mem: 'Memory used',
};

const METRIC_UNITS: Record<FleetMetric, string> = { util: '%', temp: '°C', mem: '%' };

/** A GPU is busy from this utilisation up, and idle below IDLE_BELOW_PCT. */
export const BUSY_FROM_PCT = 50;
export const IDLE_BELOW_PCT = 10;
/** A GPU is hot from this temperature up. */
export const HOT_FROM_C = 80;

/**
 * The colour scale: a value's level (0–5) is how many of its metric's thresholds it reaches. The
 * temperature steps follow the temperature bands used elsewhere (50, 65, 75, 85) with "hot" at 80.
 */
export const HEAT_THRESHOLDS: Record<FleetMetric, readonly number[]> = {
  util: [10, 30, 50, 70, 90],
  mem: [10, 30, 50, 70, 90],
  temp: [50, 65, 75, HOT_FROM_C, 85],
};
export const HEAT_LEVEL_COUNT = 6;

export function isFleetMetric(value: string | null): value is FleetMetric {
  return (FLEET_METRICS as readonly (string | null)[]).includes(value);
}

/** Memory used as a percentage of the total; null when either is unknown. */
export function memoryUsedPct(sample: GpuSample | null, info: GpuInfo): number | null {
  const usedMiB = sample?.memoryUsedMiB ?? null;
  const totalMiB = sample?.memoryTotalMiB ?? info.memoryTotalMiB;
  if (usedMiB === null || totalMiB === null || totalMiB <= 0) return null;
  return Math.min(100, (usedMiB / totalMiB) * 100);
}

export function metricValue(metric: FleetMetric, sample: GpuSample | null, info: GpuInfo): number | null {
  switch (metric) {
    case 'util':
      return sample?.utilizationGpuPct ?? null;
    case 'temp':
      return sample?.temperatureC ?? null;
    case 'mem':
      return memoryUsedPct(sample, info);
  }
}

/** The colour level 0–5 of a value, or null when there is none (drawn hatched). */
export function heatLevel(metric: FleetMetric, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return HEAT_THRESHOLDS[metric].filter((threshold) => value >= threshold).length;
}

/** "87 %", "72 °C"; "N/A" when the GPU does not report it. */
export function formatMetric(metric: FleetMetric, value: number | null): string {
  return value === null ? 'N/A' : `${formatFixed(value)} ${METRIC_UNITS[metric]}`;
}

export interface LegendStep {
  level: number;
  label: string;
}

/** The legend of a metric's scale: one step per level, "< 10 %", "10–29 %", …, "≥ 90 %". */
export function legendSteps(metric: FleetMetric): LegendStep[] {
  const thresholds = HEAT_THRESHOLDS[metric];
  const unit = METRIC_UNITS[metric];
  return Array.from({ length: HEAT_LEVEL_COUNT }, (_, level) => {
    const low = thresholds[level - 1];
    const high = thresholds[level];
    if (low === undefined) return { level, label: `< ${String(high)} ${unit}` };
    if (high === undefined) return { level, label: `≥ ${String(low)} ${unit}` };
    return { level, label: `${String(low)}–${String(high - 1)} ${unit}` };
  });
}
