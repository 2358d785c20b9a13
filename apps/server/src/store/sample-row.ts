import type { GpuSample } from '@gpu-sentinel/protocol';
import { METRIC_COLUMN_PAIRS, type MetricColumn } from './metric-columns.js';

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
  const values: SqlValue[] = new Array<SqlValue>(SAMPLE_ROW_COLUMNS.length);
  writeSampleRowValues(sample, gpuId, values, 0);
  return values;
}

/** The same values written into `target` from `offset` (one array for a multi-row statement, no copies). */
export function writeSampleRowValues(sample: GpuSample, gpuId: number, target: SqlValue[], offset: number): void {
  let at = offset;
  target[at++] = gpuId;
  target[at++] = sample.ts;
  for (const [metric] of METRIC_COLUMN_PAIRS) target[at++] = sample[metric];
  target[at++] = sample.pstate;
  target[at] = encodeThrottleReasons(sample.throttleReasons);
}

/** JSON, so reason names can hold any character; null for "none" saves a few bytes on most rows. */
export function encodeThrottleReasons(reasons: readonly string[]): string | null {
  return reasons.length === 0 ? null : JSON.stringify(reasons);
}

/** A raw row joined with its GPU, as exports read it back. */
export type StoredSampleRow = {
  gpu_id: number;
  ts: number | string;
  uuid: string;
  host_id: string;
  idx: number;
  pstate: string | null;
  throttle_reasons: string | null;
} & Record<MetricColumn, number | null>;

/** A stored raw row back as the sample that was written (index and host as the GPU has them now). */
export function sampleFromRow(row: StoredSampleRow): GpuSample {
  const sample = {
    ts: Number(row.ts),
    hostId: row.host_id,
    uuid: row.uuid,
    index: row.idx,
    pstate: row.pstate,
    throttleReasons: decodeThrottleReasons(row.throttle_reasons),
  } as GpuSample;
  for (const [metric, column] of METRIC_COLUMN_PAIRS) sample[metric] = row[column];
  return sample;
}

export function decodeThrottleReasons(encoded: string | null): string[] {
  return encoded === null ? [] : (JSON.parse(encoded) as string[]);
}
