import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GpuSample } from '@gpu-sentinel/protocol';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { METRIC_COLUMN_PAIRS } from '../metric-columns.js';
import { encodeThrottleReasons, SAMPLE_ROW_COLUMNS, type SqlValue } from '../sample-row.js';

const METRICS = METRIC_COLUMN_PAIRS.map(([metric]) => metric);
const COPY_SQL = `COPY gpu_metrics (${SAMPLE_ROW_COLUMNS.join(', ')}) FROM STDIN`;

/**
 * One value in COPY's text format: `\N` is NULL, and a backslash, tab, newline or carriage
 * return inside a string must be escaped or it would end the field or the row.
 */
export function copyTextValue(value: SqlValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char] ?? char);
}

const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * The batch as COPY text: one line per sample, tab-separated, the values of `sampleRowValues` in
 * SAMPLE_ROW_COLUMNS order (a test holds the two together). Built straight into strings, without
 * an array per row: this loop runs for every sample written.
 */
export function copyText(samples: readonly GpuSample[], gpuIdOf: (uuid: string) => number): string {
  const lines: string[] = [];
  for (const sample of samples) {
    let line = `${String(gpuIdOf(sample.uuid))}\t${String(sample.ts)}`;
    for (const metric of METRICS) {
      const value = sample[metric];
      line += value === null ? '\t\\N' : `\t${String(value)}`;
    }
    line += `\t${copyTextValue(sample.pstate)}\t${copyTextValue(encodeThrottleReasons(sample.throttleReasons))}\n`;
    lines.push(line);
  }
  return lines.join('');
}

/** Stream the batch into gpu_metrics on `client` (inside the caller's transaction). */
export async function copySamples(
  client: pg.PoolClient,
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): Promise<void> {
  await pipeline(Readable.from([copyText(samples, gpuIdOf)]), client.query(copyFrom(COPY_SQL)));
}
