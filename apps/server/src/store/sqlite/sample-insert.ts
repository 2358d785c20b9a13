import type { GpuSample } from '@gpu-sentinel/protocol';
import type BetterSqlite3 from 'better-sqlite3';
import { SAMPLE_ROW_COLUMNS, writeSampleRowValues, type SqlValue } from '../sample-row.js';

/** Rows per multi-row INSERT on the hot path; the rest of a batch goes through the one-row statement. */
export const ROWS_PER_INSERT = 128;

const insertSql = (rows: number) => {
  const tuple = `(${SAMPLE_ROW_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO gpu_metrics (${SAMPLE_ROW_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
};
// `last_seen_at` only moves forward, even when an older batch arrives late.
const TOUCH_GPU_SQL = 'UPDATE gpus SET last_seen_at = max(last_seen_at, ?) WHERE gpu_id = ?';
const TOUCH_HOST_SQL = 'UPDATE hosts SET last_seen_at = max(last_seen_at, ?) WHERE host_id = ?';

/** Writes one batch; must be called inside a transaction on the same connection. */
export type SampleWriteFn = (samples: readonly GpuSample[], gpuIdOf: (uuid: string) => number) => void;

/**
 * The hot write path bypasses Kysely: multi-row INSERTs prepared once per row count, reused for
 * every batch, run inside the caller's transaction on the same connection. Measured on the
 * 2-core dev machine (100k samples of 8 GPUs in 2,000-row batches, file DB, WAL, one transaction
 * per batch with the rollup upserts, best of 6, machine shared with other work, load ~7):
 *   rows per INSERT:   1: ~215k samples/s   32: ~212k   64: ~239k   128: ~266k   256: ~246k
 * and through Store.insertSamples with 128 (best of 3): 264-272k samples/s. Earlier, one row per
 * statement without rollups measured ~220k/s; Kysely's multi-row INSERT 86-95k/s.
 */
export function prepareSampleWrite(handle: BetterSqlite3.Database, rowsPerInsert = ROWS_PER_INSERT): SampleWriteFn {
  const inserts = new InsertStatements(handle);
  const touchGpu = handle.prepare<[number, number]>(TOUCH_GPU_SQL);
  const touchHost = handle.prepare<[number, string]>(TOUCH_HOST_SQL);
  const width = SAMPLE_ROW_COLUMNS.length;
  const full = new Array<SqlValue>(width * rowsPerInsert);
  return (samples, gpuIdOf) => {
    const gpuLatest = new Map<number, number>();
    const hostLatest = new Map<string, number>();
    const tailRows = samples.length % rowsPerInsert;
    const bulkRows = samples.length - tailRows;
    // The rows after the last full statement go in one statement of their own size.
    const tail = new Array<SqlValue>(width * tailRows);
    let row = 0;
    for (const sample of samples) {
      const gpuId = gpuIdOf(sample.uuid);
      if (row < bulkRows) {
        const slot = row % rowsPerInsert;
        writeSampleRowValues(sample, gpuId, full, slot * width);
        if (slot === rowsPerInsert - 1) inserts.of(rowsPerInsert).run(full);
      } else {
        writeSampleRowValues(sample, gpuId, tail, (row - bulkRows) * width);
      }
      row += 1;
      if (sample.ts > (gpuLatest.get(gpuId) ?? -1)) gpuLatest.set(gpuId, sample.ts);
      if (sample.ts > (hostLatest.get(sample.hostId) ?? -1)) hostLatest.set(sample.hostId, sample.ts);
    }
    if (tailRows > 0) inserts.of(tailRows).run(tail);
    for (const [gpuId, ts] of gpuLatest) touchGpu.run(ts, gpuId);
    for (const [hostId, ts] of hostLatest) touchHost.run(ts, hostId);
  };
}

/** Multi-row INSERTs prepared once per row count (batch sizes repeat, so few are ever made). */
class InsertStatements {
  private static readonly MAX_CACHED = 32;
  private readonly byRows = new Map<number, BetterSqlite3.Statement<[SqlValue[]]>>();

  constructor(private readonly handle: BetterSqlite3.Database) {}

  of(rows: number): BetterSqlite3.Statement<[SqlValue[]]> {
    let statement = this.byRows.get(rows);
    if (statement === undefined) {
      if (this.byRows.size >= InsertStatements.MAX_CACHED) this.byRows.clear();
      statement = this.handle.prepare<[SqlValue[]]>(insertSql(rows));
      this.byRows.set(rows, statement);
    }
    return statement;
  }
}
