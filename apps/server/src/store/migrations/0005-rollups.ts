import { sql, type Kysely } from 'kysely';
import { epochMsType, isPostgres, metricType } from './migration-dialect.js';

/** Frozen copy of the metric columns as of this migration (see 0002). */
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

export const ROLLUP_TABLES_V1 = ['gpu_metrics_1m', 'gpu_metrics_10m', 'gpu_metrics_1h'] as const;

/**
 * Per-minute, per-10-minute and per-hour rollups: one row per GPU per bucket (`ts` = bucket
 * start), with the min, max, sum and count of every metric. Sums and counts (not averages) are
 * stored so a batch merges into its row exactly; the average is `sum / n`.
 *
 * On SQLite the tables are WITHOUT ROWID: the rows are stored in primary-key order (gpu_id, ts),
 * so a GPU's time range is one sequential run of the b-tree instead of an index walk with a
 * table lookup per row (30 days of one GPU's minutes: ~46 ms instead of ~94 ms here). Postgres
 * has no such option and needs none for these sizes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of ROLLUP_TABLES_V1) {
    let table = db.schema
      .createTable(name)
      .addColumn('gpu_id', 'integer', (c) => c.notNull().references('gpus.gpu_id'))
      .addColumn('ts', epochMsType(db), (c) => c.notNull())
      .addColumn('samples', 'integer', (c) => c.notNull());
    for (const column of METRIC_COLUMNS_V1) {
      table = table
        .addColumn(`${column}_min`, metricType(db))
        .addColumn(`${column}_max`, metricType(db))
        .addColumn(`${column}_sum`, metricType(db), (c) => c.notNull().defaultTo(0))
        .addColumn(`${column}_n`, 'integer', (c) => c.notNull().defaultTo(0));
    }
    table = table.addPrimaryKeyConstraint(`${name}_pkey`, ['gpu_id', 'ts']);
    if (!isPostgres(db)) table = table.modifyEnd(sql`without rowid`);
    await table.execute();
    await db.schema.createIndex(`${name}_ts_idx`).on(name).column('ts').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ROLLUP_TABLES_V1) await db.schema.dropTable(name).execute();
}
