import type { GpuSample } from '@gpu-sentinel/protocol';
import { toNumber, toNumberOrNull, type StoreDb } from '../db.js';
import { findGpuIds } from '../inventory.js';
import { METRIC_COLUMN_PAIRS } from '../metric-columns.js';
import { sampleFromRow, type StoredSampleRow } from '../sample-row.js';
import type { ExportRequest } from '../store.js';
import { timeWindowChunks, type TimeKey } from './time-window-chunks.js';

/** The gpu_ids an export reads: undefined for every GPU; empty when none of the uuids is known. */
export async function exportGpuIds(db: StoreDb, request: ExportRequest): Promise<number[] | undefined> {
  if (request.uuids === undefined) return undefined;
  return [...(await findGpuIds(db, [...new Set(request.uuids)])).values()];
}

/**
 * Shared by both engines: `streamSampleChunks(db, request)` is Store.streamSamples over whatever
 * connection `db` is (the engine passes its read connection or pool). Rows come ordered by time,
 * then GPU, over [from, to), `chunkRows` per chunk (see timeWindowChunks).
 */
export async function* streamSampleChunks(db: StoreDb, request: ExportRequest): AsyncGenerator<GpuSample[]> {
  const gpuIds = await exportGpuIds(db, request);
  if (gpuIds?.length === 0) return;
  const inRange = (from: number, to: number) => {
    let query = db
      .selectFrom('gpu_metrics')
      .innerJoin('gpus', 'gpus.gpu_id', 'gpu_metrics.gpu_id')
      .where('gpu_metrics.ts', '>=', from)
      .where('gpu_metrics.ts', '<', to);
    if (gpuIds !== undefined) query = query.where('gpu_metrics.gpu_id', 'in', gpuIds);
    return query.select([
      'gpu_metrics.gpu_id',
      'gpu_metrics.ts',
      'gpus.uuid',
      'gpus.host_id',
      'gpus.idx',
      'gpu_metrics.pstate',
      'gpu_metrics.throttle_reasons',
      ...METRIC_COLUMN_PAIRS.map(([, column]) => `gpu_metrics.${column}` as const),
    ]);
  };
  const chunks = timeWindowChunks<StoredSampleRow>(
    {
      isKeyUnique: false,
      keyOf: (row): TimeKey => [toNumber(row.ts), row.gpu_id],
      firstTs: async (from, to) => {
        let query = db.selectFrom('gpu_metrics').where('ts', '>=', from).where('ts', '<', to);
        if (gpuIds !== undefined) query = query.where('gpu_id', 'in', gpuIds);
        const row = await query.select((eb) => eb.fn.min('ts').as('first')).executeTakeFirst();
        return toNumberOrNull(row?.first ?? null) ?? undefined;
      },
      read: async (from, to, after, limit) => {
        let query = inRange(from, to);
        if (after !== undefined) {
          const [ts, gpuId] = after;
          query = query.where((eb) =>
            eb.or([
              eb('gpu_metrics.ts', '>', ts),
              eb.and([eb('gpu_metrics.ts', '=', ts), eb('gpu_metrics.gpu_id', '>', gpuId)]),
            ]),
          );
        }
        return query.orderBy('gpu_metrics.ts').orderBy('gpu_metrics.gpu_id').limit(limit).execute();
      },
      at: async ([ts, gpuId]) =>
        inRange(ts, ts + 1)
          .where('gpu_metrics.gpu_id', '=', gpuId)
          .execute(),
    },
    request,
    request.chunkRows,
  );
  for await (const rows of chunks) yield rows.map(sampleFromRow);
}
