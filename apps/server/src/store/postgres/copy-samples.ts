import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GpuSample } from '@gpu-sentinel/protocol';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { METRIC_COLUMN_PAIRS } from '../metric-columns.js';
import { encodeThrottleReasons, SAMPLE_ROW_COLUMNS } from '../sample-row.js';

const COPY_SQL = `COPY gpu_metrics (${SAMPLE_ROW_COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`;

const METRICS = METRIC_COLUMN_PAIRS.map(([metric]) => metric);
/** gpu_id, ts, the metrics, pstate, throttle_reasons: SAMPLE_ROW_COLUMNS. */
const FIELD_COUNT = 2 + METRICS.length + 2;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TWO_POW_32 = 4_294_967_296;

/**
 * The batch in COPY's binary format, the values of `sampleRowValues` in SAMPLE_ROW_COLUMNS order
 * (a test holds the two together): gpu_id as int4, ts as int8, metrics as float8, strings as
 * UTF-8, so tabs, newlines and backslashes in them need no escaping. Binary rather than text:
 * formatting 17 doubles as decimal text was the largest cost of a batch in this process (binary
 * halved this process's CPU per batch and took 2,000-row batches from ~32k to ~56k rows/s, both
 * measured interleaved on the same busy machine). The column types must match exactly:
 * integer, bigint, double precision, text (migrations 0002 on Postgres).
 */
export function copyBinary(samples: readonly GpuSample[], gpuIdOf: (uuid: string) => number): Buffer {
  const strings = samples.map((sample) => [
    pstateBytes(sample.pstate),
    toUtf8(encodeThrottleReasons(sample.throttleReasons)),
  ]);
  // An upper bound (every metric present); the buffer is cut to what was written.
  let size = SIGNATURE.length + 8 + 2;
  for (const [pstate, reasons] of strings) {
    size += 2 + (4 + 4) + (4 + 8) + METRICS.length * (4 + 8) + 4 + (pstate?.length ?? 0) + 4 + (reasons?.length ?? 0);
  }
  const buffer = Buffer.allocUnsafe(size);
  // DataView setters are about twice as fast as Buffer's write*BE here (big-endian by default).
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = SIGNATURE.copy(buffer, 0);
  view.setInt32(at, 0); // flags
  view.setInt32(at + 4, 0); // header extension length
  at += 8;
  samples.forEach((sample, i) => {
    view.setInt16(at, FIELD_COUNT);
    view.setInt32(at + 2, 4);
    view.setInt32(at + 6, gpuIdOf(sample.uuid));
    view.setInt32(at + 10, 8);
    const high = Math.floor(sample.ts / TWO_POW_32);
    view.setInt32(at + 14, high);
    view.setUint32(at + 18, sample.ts - high * TWO_POW_32);
    at += 22;
    for (const metric of METRICS) {
      const value = sample[metric];
      if (value === null) {
        view.setInt32(at, -1);
        at += 4;
      } else {
        view.setInt32(at, 8);
        view.setFloat64(at + 4, value);
        at += 12;
      }
    }
    for (const text of strings[i] ?? []) {
      if (text === null) {
        view.setInt32(at, -1);
        at += 4;
      } else {
        view.setInt32(at, text.length);
        at += 4 + text.copy(buffer, at + 4);
      }
    }
  });
  view.setInt16(at, -1);
  return buffer.subarray(0, at + 2);
}

function toUtf8(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'utf8');
}

/** pstate takes a handful of values (P0…P12): their bytes are made once, not per sample. */
const pstateCache = new Map<string, Buffer>();
function pstateBytes(pstate: string | null): Buffer | null {
  if (pstate === null) return null;
  let bytes = pstateCache.get(pstate);
  if (bytes === undefined) {
    bytes = Buffer.from(pstate, 'utf8');
    if (pstateCache.size < 64) pstateCache.set(pstate, bytes);
  }
  return bytes;
}

/** Stream the batch into gpu_metrics on `client` (inside the caller's transaction). */
export async function copySamples(
  client: pg.PoolClient,
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): Promise<void> {
  await pipeline(Readable.from([copyBinary(samples, gpuIdOf)]), client.query(copyFrom(COPY_SQL)));
}
