import { sql, type Kysely } from 'kysely';
import { isPostgres } from './migration-dialect.js';

/**
 * Frozen copy of the metric columns as of this migration: a shipped migration never changes.
 * A metric added later gets its own `ALTER TABLE … ADD COLUMN` migration (a test checks that
 * every column in metric-columns.ts exists).
 */
const METRIC_COLUMNS_V1 = [
  'utilization_gpu_pct',
  'utilization_memory_pct',
  'memory_used_mib',
  'memory_total_mib',
  'temperature_c',
  'memory_temperature_c',
  'power_draw_w',
  'power_limit_w',
  'fan_speed_pct',
  'clock_sm_mhz',
  'clock_mem_mhz',
  'encoder_pct',
  'decoder_pct',
  'pcie_rx_kbps',
  'pcie_tx_kbps',
  'ecc_errors_corrected',
  'ecc_errors_uncorrected',
] as const;

/** Raw samples: one row per GPU per tick, one nullable REAL per metric, `ts` in epoch ms. */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await upPostgres(db);
    return;
  }
  // A plain INTEGER PRIMARY KEY (rowid alias, no AUTOINCREMENT): raw ids are never referenced
  // elsewhere, and AUTOINCREMENT costs a sqlite_sequence write per insert.
  let table = db.schema
    .createTable('gpu_metrics')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('gpu_id', 'integer', (c) => c.notNull().references('gpus.gpu_id'))
    .addColumn('ts', 'integer', (c) => c.notNull());
  for (const column of METRIC_COLUMNS_V1) table = table.addColumn(column, 'real');
  await table.addColumn('pstate', 'text').addColumn('throttle_reasons', 'text').execute();

  await db.schema.createIndex('gpu_metrics_gpu_id_ts_idx').on('gpu_metrics').columns(['gpu_id', 'ts']).execute();
  await db.schema.createIndex('gpu_metrics_ts_idx').on('gpu_metrics').column('ts').execute();
}

/**
 * Postgres: the same columns, partitioned by day on `ts` so retention drops whole partitions
 * (the store creates each day's partition as samples arrive). No `id`: a primary key on a
 * partitioned table must include the partition key, and nothing references raw rows. No foreign
 * key on `gpu_id` either: its per-row check cost about a quarter of COPY's time, and the only
 * writer takes gpu_ids from `gpus` in the same transaction (GPUs are never deleted). The indexes
 * are declared on the parent so every partition gets them.
 *
 * `ts` keeps a b-tree although rows arrive in time order: a BRIN index instead cut the server's
 * COPY time by ~30% and raised ingest ~9%, but exports lean on the b-tree (measured over 3.5M
 * rows): the earliest `ts` of a range went from ~0 to ~420 ms (a scan of every row in range,
 * once per export and per empty window), and each 10k-row export window from ~8 to ~17 ms.
 */
async function upPostgres(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('gpu_metrics')
    .addColumn('gpu_id', 'integer', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull());
  for (const column of METRIC_COLUMNS_V1) table = table.addColumn(column, 'double precision');
  await table
    .addColumn('pstate', 'text')
    .addColumn('throttle_reasons', 'text')
    .modifyEnd(sql`partition by range (ts)`)
    .execute();

  await db.schema.createIndex('gpu_metrics_gpu_id_ts_idx').on('gpu_metrics').columns(['gpu_id', 'ts']).execute();
  await db.schema.createIndex('gpu_metrics_ts_idx').on('gpu_metrics').column('ts').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gpu_metrics').execute();
}
