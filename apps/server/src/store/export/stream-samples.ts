import type { GpuSample } from '@gpu-sentinel/protocol';
import { toNumber, type StoreDb } from '../db.js';
import { findGpuIds } from '../inventory.js';
import { METRIC_COLUMN_PAIRS } from '../metric-columns.js';
import { sampleFromRow, type StoredSampleRow } from '../sample-row.js';
import type { ExportRequest } from '../store.js';
import { keysetChunks, type RowKey } from './keyset-chunks.js';

/** The gpu_ids an export reads: undefined for every GPU; empty when none of the uuids is known. */
export async function exportGpuIds(db: StoreDb, request: ExportRequest): Promise<number[] | undefined> {
  if (request.uuids === undefined) return undefined;
  return [...(await findGpuIds(db, [...new Set(request.uuids)])).values()];
}

/**
 * Shared by both engines: `streamSampleChunks(db, request)` is Store.streamSamples over whatever
 * connection `db` is (the engine passes its read connection or pool). Rows come ordered by time,
 * then GPU, over [from, to), at most about `chunkRows` per chunk (see keysetChunks).
 */
export async function* streamSampleChunks(db: StoreDb, request: ExportRequest): AsyncGenerator<GpuSample[]> {
  const gpuIds = await exportGpuIds(db, request);
  if (gpuIds?.length === 0) return;
  const base = () => {
    let query = db
      .selectFrom('gpu_metrics')
      .innerJoin('gpus', 'gpus.gpu_id', 'gpu_metrics.gpu_id')
      .select([
        'gpu_metrics.gpu_id',
        'gpu_metrics.ts',
        'gpus.uuid',
        'gpus.host_id',
        'gpus.idx',
        'gpu_metrics.pstate',
        'gpu_metrics.throttle_reasons',
        ...METRIC_COLUMN_PAIRS.map(([, column]) => `gpu_metrics.${column}` as const),
      ])
      .where('gpu_metrics.ts', '>=', request.from)
      .where('gpu_metrics.ts', '<', request.to);
    if (gpuIds !== undefined) query = query.where('gpu_metrics.gpu_id', 'in', gpuIds);
    return query;
  };
  const keyOf = (row: StoredSampleRow): RowKey => [toNumber(row.ts), row.gpu_id];
  const chunks = keysetChunks<StoredSampleRow>(
    {
      isKeyUnique: false,
      keyOf,
      after: async (after, limit) => {
        let query = base();
        if (after !== undefined) {
          const [ts, gpuId] = after as [number, number];
          query = query
            .where('gpu_metrics.ts', '>=', ts)
            .where((eb) => eb.or([eb('gpu_metrics.ts', '>', ts), eb('gpu_metrics.gpu_id', '>', gpuId)]));
        }
        return query.orderBy('gpu_metrics.ts').orderBy('gpu_metrics.gpu_id').limit(limit).execute();
      },
      at: async ([ts, gpuId]) =>
        base()
          .where('gpu_metrics.ts', '=', ts as number)
          .where('gpu_metrics.gpu_id', '=', gpuId as number)
          .execute(),
    },
    request.chunkRows,
  );
  for await (const rows of chunks) yield rows.map(sampleFromRow);
}
