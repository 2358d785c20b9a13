import type { GpuSample } from '@gpu-sentinel/protocol';
import { METRIC_COLUMN_PAIRS } from './metric-columns.js';

export type SqlValue = number | string | null;

/** The columns of a raw sample row, in the order `sampleRowValues` fills them. */
export const SAMPLE_ROW_COLUMNS: readonly string[] = [
  'gpu_id',
  'ts',
  ...METRIC_COLUMN_PAIRS.map(([, column]) => column),
  'pstate',
  'throttle_reasons',
];

/** One sample as positional values for SAMPLE_ROW_COLUMNS. */
export function sampleRowValues(sample: GpuSample, gpuId: number): SqlValue[] {
  const values: SqlValue[] = [gpuId, sample.ts];
  for (const [metric] of METRIC_COLUMN_PAIRS) values.push(sample[metric]);
  values.push(sample.pstate, encodeThrottleReasons(sample.throttleReasons));
  return values;
}

/** JSON, so reason names can hold any character; null for "none" saves a few bytes on most rows. */
export function encodeThrottleReasons(reasons: readonly string[]): string | null {
  return reasons.length === 0 ? null : JSON.stringify(reasons);
}
