import { rollupSamples, type RollupBucket } from '@gpu-sentinel/core';
import type { GpuSample, RollupTier } from '@gpu-sentinel/protocol';
import { sql, type RawBuilder } from 'kysely';
import { chunked, MAX_BIND_PARAMS, ROLLUP_TABLES, type RollupTableName, type StoreDb } from '../db.js';
import type { SqlDialect } from '../dialect.js';
import { ROLLUP_COLUMN_PAIRS } from '../metric-columns.js';
import type { RollupTable } from '../schema.js';

/**
 * Shared by both engines (call it inside the transaction that writes the raw rows):
 *
 *   upsertRollups(trx, dialect, samples, gpuIdOf)
 *
 * folds the batch per GPU per minute and per hour (packages/core `rollupSamples`) and merges the
 * buckets into gpu_metrics_1m / gpu_metrics_1h: min and max merged with the dialect's
 * least/greatest (null-safe), sums, counts and `samples` added. One multi-row upsert per chunk,
 * chunked under the engines' bind-parameter limits; a batch covers few buckets, so this is
 * usually one statement per tier.
 */
export async function upsertRollups(
  db: StoreDb,
  dialect: SqlDialect,
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): Promise<void> {
  if (samples.length === 0) return;
  for (const tier of ['1m', '1h'] as const satisfies readonly RollupTier[]) {
    const tierMs = tier === '1m' ? 60_000 : 3_600_000;
    const rows = rollupSamples(samples, tierMs).map((bucket) => rollupRow(bucket, gpuIdOf(bucket.uuid)));
    await upsertRollupRows(db, dialect, ROLLUP_TABLES[tier], rows);
  }
}

const COLUMNS_PER_ROW = 3 + ROLLUP_COLUMN_PAIRS.length * 4;
const ROWS_PER_STATEMENT = Math.floor(MAX_BIND_PARAMS / COLUMNS_PER_ROW);

/** One bucket as a rollup table row. */
export function rollupRow(bucket: RollupBucket, gpuId: number): RollupTable {
  const row: Record<string, number | null> = { gpu_id: gpuId, ts: bucket.ts, samples: bucket.samples };
  for (const [metric, columns] of ROLLUP_COLUMN_PAIRS) {
    const aggregate = bucket.metrics[metric];
    row[columns.min] = aggregate.min;
    row[columns.max] = aggregate.max;
    row[columns.sum] = aggregate.sum;
    row[columns.n] = aggregate.n;
  }
  return row as RollupTable;
}

/** Merge rows into a rollup table: each row's bucket is created, or combined with the stored one. */
export async function upsertRollupRows(
  db: StoreDb,
  dialect: SqlDialect,
  table: RollupTableName,
  rows: readonly RollupTable[],
): Promise<void> {
  const existing = (column: string): RawBuilder<number | null> => sql`${sql.ref(`${table}.${column}`)}`;
  const incoming = (column: string): RawBuilder<number | null> => sql`${sql.ref(`excluded.${column}`)}`;
  const added = (column: string): RawBuilder<number> => sql`${existing(column)} + ${incoming(column)}`;
  const merges: Record<string, RawBuilder<number | null>> = { samples: added('samples') };
  for (const [, columns] of ROLLUP_COLUMN_PAIRS) {
    merges[columns.min] = dialect.leastOf(existing(columns.min), incoming(columns.min));
    merges[columns.max] = dialect.greatestOf(existing(columns.max), incoming(columns.max));
    merges[columns.sum] = added(columns.sum);
    merges[columns.n] = added(columns.n);
  }
  for (const chunk of chunked(rows, ROWS_PER_STATEMENT)) {
    await db
      .insertInto(table)
      .values(chunk)
      .onConflict((oc) => oc.columns(['gpu_id', 'ts']).doUpdateSet(merges))
      .execute();
  }
}
