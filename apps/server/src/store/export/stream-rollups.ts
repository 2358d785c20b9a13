import type { NumericMetric, RollupExportRow, RollupTier } from '@gpu-sentinel/protocol';
import { ROLLUP_TABLES, toNumber, toNumberOrNull, type StoreDb } from '../db.js';
import { ROLLUP_COLUMN_PAIRS } from '../metric-columns.js';
import type { ExportRequest } from '../store.js';
import { timeWindowChunks, type TimeKey } from './time-window-chunks.js';
import { exportGpuIds } from './stream-samples.js';

type Numeric = number | string | null;
type StoredRollupRow = {
  gpu_id: number;
  ts: Numeric;
  samples: Numeric;
  uuid: string;
  host_id: string;
  idx: number;
} & Record<string, Numeric>;

/**
 * Shared by both engines: `streamRollupChunks(db, tier, request)` is Store.streamRollups: rows of
 * one rollup tier over [from, to), ordered by time then GPU, in chunks of `chunkRows`, each with
 * min/avg/max per metric (avg = sum / n; all null where the metric was never reported).
 */
export async function* streamRollupChunks(
  db: StoreDb,
  tier: RollupTier,
  request: ExportRequest,
): AsyncGenerator<RollupExportRow[]> {
  const gpuIds = await exportGpuIds(db, request);
  if (gpuIds?.length === 0) return;
  const table = ROLLUP_TABLES[tier];
  const chunks = timeWindowChunks<StoredRollupRow>(
    {
      isKeyUnique: true,
      keyOf: (row): TimeKey => [toNumber(row.ts ?? 0), row.gpu_id],
      firstTs: async (from, to) => {
        let query = db.selectFrom(table).where('ts', '>=', from).where('ts', '<', to);
        if (gpuIds !== undefined) query = query.where('gpu_id', 'in', gpuIds);
        const row = await query.select((eb) => eb.fn.min('ts').as('first')).executeTakeFirst();
        return toNumberOrNull(row?.first ?? null) ?? undefined;
      },
      read: async (from, to, after, limit) => {
        let query = db
          .selectFrom(table)
          .innerJoin('gpus', 'gpus.gpu_id', `${table}.gpu_id`)
          .selectAll(table)
          .select(['gpus.uuid', 'gpus.host_id', 'gpus.idx'])
          .where(`${table}.ts`, '>=', from)
          .where(`${table}.ts`, '<', to);
        if (gpuIds !== undefined) query = query.where(`${table}.gpu_id`, 'in', gpuIds);
        if (after !== undefined) {
          const [ts, gpuId] = after;
          query = query.where((eb) =>
            eb.or([
              eb(`${table}.ts`, '>', ts),
              eb.and([eb(`${table}.ts`, '=', ts), eb(`${table}.gpu_id`, '>', gpuId)]),
            ]),
          );
        }
        const rows = await query.orderBy(`${table}.ts`).orderBy(`${table}.gpu_id`).limit(limit).execute();
        return rows;
      },
      at: () => Promise.resolve([]),
    },
    request,
    request.chunkRows,
  );
  for await (const rows of chunks) yield rows.map((row) => rollupExportRow(row, tier));
}

function rollupExportRow(row: StoredRollupRow, tier: RollupTier): RollupExportRow {
  const metrics: Partial<Record<NumericMetric, { min: number | null; avg: number | null; max: number | null }>> = {};
  for (const [metric, columns] of ROLLUP_COLUMN_PAIRS) {
    const n = toNumberOrNull(row[columns.n] ?? null) ?? 0;
    const sum = toNumberOrNull(row[columns.sum] ?? null) ?? 0;
    metrics[metric] = {
      min: toNumberOrNull(row[columns.min] ?? null),
      avg: n === 0 ? null : sum / n,
      max: toNumberOrNull(row[columns.max] ?? null),
    };
  }
  return {
    ts: toNumber(row.ts ?? 0),
    tier,
    hostId: row.host_id,
    uuid: row.uuid,
    index: row.idx,
    samples: toNumber(row.samples ?? 0),
    metrics,
  };
}
