import type { RollupTableName } from '../db.js';
import { ROLLUP_COLUMN_PAIRS } from '../metric-columns.js';
import { ROLLUP_ROW_COLUMNS } from '../rollups/upsert-rollups.js';
import type { RollupTable } from '../schema.js';

/** What a batch merges into existing rows once its raw rows are in: rollup rows per table, last-seen times. */
export interface BatchMerge {
  /** Each rollup table with the batch's rows for it, finest tier first (rollupRowsOf). */
  rollups: readonly (readonly [RollupTableName, readonly RollupTable[]])[];
  /** The newest sample time per GPU and per host in the batch. */
  gpusSeen: readonly (readonly [number, number])[];
  hostsSeen: readonly (readonly [string, number])[];
}

/** The Postgres array type each rollup column is bound as (its column type in migration 0005). */
function arrayTypeOf(column: keyof RollupTable): string {
  if (column === 'gpu_id' || column === 'samples') return 'integer[]';
  if (column === 'ts') return 'bigint[]';
  return column.endsWith('_n') ? 'integer[]' : 'double precision[]';
}

/** Rows merged into one rollup table, the columns bound as arrays from parameter `$first` on. */
function rollupUpsertSql(table: RollupTableName, first: number): string {
  const arrays = ROLLUP_ROW_COLUMNS.map((column, i) => `$${String(first + i)}::${arrayTypeOf(column)}`);
  const merges = [`samples = ${table}.samples + excluded.samples`];
  for (const [, c] of ROLLUP_COLUMN_PAIRS) {
    merges.push(
      `${c.min} = least(${table}.${c.min}, excluded.${c.min})`,
      `${c.max} = greatest(${table}.${c.max}, excluded.${c.max})`,
      `${c.sum} = ${table}.${c.sum} + excluded.${c.sum}`,
      `${c.n} = ${table}.${c.n} + excluded.${c.n}`,
    );
  }
  return `INSERT INTO ${table} (${ROLLUP_ROW_COLUMNS.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})
    ON CONFLICT (gpu_id, ts) DO UPDATE SET ${merges.join(', ')}`;
}

/**
 * The whole merge as one statement: each rollup table's upsert and the GPUs' touch as
 * data-modifying CTEs, the hosts' touch as the main query. `last_seen_at` only moves forward,
 * even when an older batch arrives late. Postgres runs the main query first, then the CTEs last
 * to first, so every batch locks tables in one order (hosts, GPUs, then the rollups coarsest
 * first), hosts before GPUs as the inventory upsert does.
 */
export function batchMergeSql(tables: readonly RollupTableName[]): string {
  const ctes = tables.map(
    (table, i) => `${table}_merged AS (${rollupUpsertSql(table, 1 + i * ROLLUP_ROW_COLUMNS.length)})`,
  );
  const next = 1 + tables.length * ROLLUP_ROW_COLUMNS.length;
  const [gpuIds, gpuTs, hostIds, hostTs] = [0, 1, 2, 3].map((i) => `$${String(next + i)}`);
  ctes.push(`gpus_touched AS (UPDATE gpus SET last_seen_at = greatest(gpus.last_seen_at, v.ts)
    FROM unnest(${gpuIds}::integer[], ${gpuTs}::bigint[]) AS v(gpu_id, ts) WHERE gpus.gpu_id = v.gpu_id)`);
  return `WITH ${ctes.join(',\n')}
  UPDATE hosts SET last_seen_at = greatest(hosts.last_seen_at, v.ts)
    FROM unnest(${hostIds}::text[], ${hostTs}::bigint[]) AS v(host_id, ts) WHERE hosts.host_id = v.host_id`;
}

/**
 * The statement's parameters: each table's rows as one array per column, then the touches'
 * arrays. Numeric arrays go as Postgres array literals made here (`{1,2.5,NULL}`: a JS number's
 * shortest round-trip text, which float8in reads back exactly), cheaper than pg quoting every
 * element, and done while the COPY is still being ingested.
 */
export function batchMergeParameters(merge: BatchMerge): unknown[] {
  const parameters: unknown[] = [];
  for (const [, rows] of merge.rollups) {
    for (const column of ROLLUP_ROW_COLUMNS) parameters.push(arrayLiteral(rows.map((row) => row[column])));
  }
  parameters.push(
    arrayLiteral(merge.gpusSeen.map(([id]) => id)),
    arrayLiteral(merge.gpusSeen.map(([, ts]) => ts)),
    merge.hostsSeen.map(([id]) => id),
    arrayLiteral(merge.hostsSeen.map(([, ts]) => ts)),
  );
  return parameters;
}

export function arrayLiteral(values: readonly (number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;
}

/** Each table list's statement name (a name is bound to one text on a connection). */
const statements = new Map<string, { name: string; text: string }>();

/** A prepared statement, ready to run with `client.query`. */
export interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * The merge as a named prepared statement, to run on the batch's connection inside its
 * transaction: parsed and planned once per connection, then bound with one array per column
 * whatever the row count. Rows must come sorted (rollups by GPU then time, touches by id) so that
 * overlapping batches lock rows in one order and wait for each other instead of deadlocking.
 */
export function batchMergeQuery(merge: BatchMerge): NamedQuery {
  const tables = merge.rollups.map(([table]) => table);
  const key = tables.join(',');
  let statement = statements.get(key);
  if (statement === undefined) {
    statement = { name: `merge_batch_${String(statements.size + 1)}`, text: batchMergeSql(tables) };
    statements.set(key, statement);
  }
  return { ...statement, values: batchMergeParameters(merge) };
}
