import { finished } from 'node:stream/promises';
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
/** A row's bytes less its strings: field count, gpu_id, ts, every metric present, two string lengths. */
const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + METRICS.length * (4 + 8) + 4 + 4;

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
  return Buffer.concat([...copyBinaryChunks(samples, gpuIdOf, samples.length)]);
}

/**
 * `copyBinary` in pieces of `rowsPerChunk` rows (the first with the header, the last with the
 * trailer), each encoded only when asked for: the caller sends a piece before encoding the next,
 * so the server ingests rows while this process encodes the rest.
 */
export function* copyBinaryChunks(
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
  rowsPerChunk: number,
): Generator<Buffer> {
  const step = Math.max(1, rowsPerChunk);
  let from = 0;
  do {
    const to = Math.min(samples.length, from + step);
    yield encodeRows(samples.slice(from, to), gpuIdOf, from === 0, to === samples.length);
    from = to;
  } while (from < samples.length);
}

function encodeRows(
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
  withHeader: boolean,
  withTrailer: boolean,
): Buffer {
  const strings: (Buffer | null)[] = [];
  // An upper bound (every metric present); the buffer is cut to what was written.
  let size = (withHeader ? SIGNATURE.length + 8 : 0) + (withTrailer ? 2 : 0);
  for (const sample of samples) {
    const pstate = pstateBytes(sample.pstate);
    const reasons = toUtf8(encodeThrottleReasons(sample.throttleReasons));
    strings.push(pstate, reasons);
    size += ROW_BYTES + (pstate?.length ?? 0) + (reasons?.length ?? 0);
  }
  const buffer = Buffer.allocUnsafe(size);
  // DataView setters are about twice as fast as Buffer's write*BE here (big-endian by default).
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = 0;
  if (withHeader) {
    at = SIGNATURE.copy(buffer, 0);
    view.setInt32(at, 0); // flags
    view.setInt32(at + 4, 0); // header extension length
    at += 8;
  }
  let text = 0;
  for (const sample of samples) {
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
    at = writeText(buffer, view, at, strings[text] ?? null);
    at = writeText(buffer, view, at, strings[text + 1] ?? null);
    text += 2;
  }
  if (withTrailer) {
    view.setInt16(at, -1);
    at += 2;
  }
  return buffer.subarray(0, at);
}

/** A text field (length, then bytes; -1 for null) at `at`; returns where the next field starts. */
function writeText(buffer: Buffer, view: DataView, at: number, bytes: Buffer | null): number {
  if (bytes === null) {
    view.setInt32(at, -1);
    return at + 4;
  }
  view.setInt32(at, bytes.length);
  return at + 4 + bytes.copy(buffer, at + 4);
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

/**
 * Stream `pieces` into gpu_metrics on `client` (inside the caller's transaction), each piece
 * asked for only once the one before is handed to the socket: the COPY statement goes out first,
 * so the first piece is encoded while the server answers, and the rest while it ingests. Resolves
 * once every row is sent, with `ingested`, which settles once the server has taken them all: the
 * caller works on (the rollups) in between. When a piece fails to encode, the COPY is cancelled
 * (CopyFail), so the connection is free for the caller's ROLLBACK instead of waiting on rows
 * that never come.
 */
export async function sendCopy(client: pg.ClientBase, pieces: Iterable<Buffer>): Promise<{ ingested: Promise<void> }> {
  const stream = client.query(copyFrom(COPY_SQL));
  const copy = { failed: false };
  const ingested = finished(stream);
  // Marked before `send` below hears of it; handled here so a failure seen only later is never unhandled.
  ingested.catch(() => (copy.failed = true));
  const send = (piece: Buffer) =>
    new Promise<void>((resolve, reject) => {
      // A failed COPY never calls the write back: hear of it from the stream instead.
      ingested.catch(reject);
      stream.write(piece, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  try {
    for (const piece of pieces) await send(piece);
  } catch (error) {
    // A COPY the server already failed is over; one still open is cancelled.
    if (!copy.failed) stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await ingested.catch(() => undefined);
    throw error;
  }
  stream.end();
  return { ingested };
}
