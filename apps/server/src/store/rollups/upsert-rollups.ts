import { coarsenBuckets, rollupSamples, type RollupBucket } from '@gpu-sentinel/core';
import { ROLLUP_TIERS, TIER_BUCKET_MS, type GpuSample } from '@gpu-sentinel/protocol';
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { chunked, MAX_BIND_PARAMS, ROLLUP_TABLES, type RollupTableName, type StoreDb } from '../db.js';
import type { SqlDialect } from '../dialect.js';
import { ROLLUP_COLUMN_PAIRS } from '../metric-columns.js';
import type { RollupTable } from '../schema.js';

/**
 * Shared by both engines (call it inside the transaction that writes the raw rows):
 *
 *   upsertRollups(trx, dialect, samples, gpuIdOf)
 *
 * folds the batch per GPU per minute, per 10 minutes and per hour (packages/core `rollupSamples`
 * for the minutes, `coarsenBuckets` for each coarser tier from the one before) and merges the
 * buckets into gpu_metrics_1m / gpu_metrics_10m / gpu_metrics_1h: min and max
 * merged with the dialect's least/greatest (null-safe), sums, counts and `samples` added. One
 * multi-row upsert per chunk, chunked under the engines' bind-parameter limits; a batch covers
 * few buckets, so this is usually one statement per tier. The pieces are exported for an engine
 * that runs the statements its own way (SQLite caches them prepared: see sqlite/rollup-write.ts).
 */
export async function upsertRollups(
  db: StoreDb,
  dialect: SqlDialect,
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): Promise<void> {
  for (const [table, rows] of rollupRowsOf(samples, gpuIdOf)) await upsertRollupRows(db, dialect, table, rows);
}

/**
 * The batch folded into rows of each rollup table, finest tier first. Only the finest tier reads
 * the samples; each coarser one folds the tier before it (a 2,000-sample batch of 8 GPUs is ~70
 * minute buckets, so the 10-minute and hour tiers cost a fraction of the minutes).
 */
export function rollupRowsOf(
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): [RollupTableName, RollupTable[]][] {
  if (samples.length === 0) return [];
  const tables: [RollupTableName, RollupTable[]][] = [];
  let finer: RollupBucket[] | undefined;
  for (const tier of ROLLUP_TIERS) {
    const buckets =
      finer === undefined ? rollupSamples(samples, TIER_BUCKET_MS[tier]) : coarsenBuckets(finer, TIER_BUCKET_MS[tier]);
    tables.push([ROLLUP_TABLES[tier], buckets.map((bucket) => rollupRow(bucket, gpuIdOf(bucket.uuid)))]);
    finer = buckets;
  }
  return tables;
}

/** The columns of a rollup row, in the order `rollupRow` fills them and statements bind them. */
export const ROLLUP_ROW_COLUMNS: readonly (keyof RollupTable)[] = [
  'gpu_id',
  'ts',
  'samples',
  ...ROLLUP_COLUMN_PAIRS.flatMap(([, columns]) => [columns.min, columns.max, columns.sum, columns.n]),
];

/** Most rows one upsert carries, under both engines' bind-parameter limits. */
export const ROLLUP_ROWS_PER_STATEMENT = Math.floor(MAX_BIND_PARAMS / ROLLUP_ROW_COLUMNS.length);

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

/** The bind parameters of `rows` in the order `upsertRollupStatement` takes them: row by row, ROLLUP_ROW_COLUMNS each. */
export function rollupRowParameters(rows: readonly RollupTable[]): (number | null)[] {
  const parameters: (number | null)[] = [];
  for (const row of rows) for (const column of ROLLUP_ROW_COLUMNS) parameters.push(row[column]);
  return parameters;
}

/** Merge rows into a rollup table: each row's bucket is created, or combined with the stored one. */
export async function upsertRollupRows(
  db: StoreDb,
  dialect: SqlDialect,
  table: RollupTableName,
  rows: readonly RollupTable[],
): Promise<void> {
  for (const chunk of chunked(rows, ROLLUP_ROWS_PER_STATEMENT)) {
    await db.executeQuery(upsertRollupStatement(db, dialect, table, chunk));
  }
}

/**
 * The upsert of `rows` (at most ROLLUP_ROWS_PER_STATEMENT) as SQL and parameters. The SQL
 * depends only on the table and the row count, so an engine may prepare it once per count and
 * bind `rollupRowParameters(rows)`.
 */
export function upsertRollupStatement(
  db: StoreDb,
  dialect: SqlDialect,
  table: RollupTableName,
  rows: readonly RollupTable[],
): CompiledQuery {
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
  return db
    .insertInto(table)
    .values(rows.map(inColumnOrder))
    .onConflict((oc) => oc.columns(['gpu_id', 'ts']).doUpdateSet(merges))
    .compile();
}

/** Kysely lists a multi-row insert's columns in first-seen key order: make it ROLLUP_ROW_COLUMNS. */
function inColumnOrder(row: RollupTable): RollupTable {
  const ordered: Record<string, number | null> = {};
  for (const column of ROLLUP_ROW_COLUMNS) ordered[column] = row[column];
  return ordered as RollupTable;
}
