import type { HistoryPoint } from '@gpu-sentinel/protocol';
import type { Kysely, RawBuilder } from 'kysely';
import { METRIC_COLUMN_PAIRS } from './metric-columns.js';
import type { Database } from './schema.js';
import type { HistoryRequest, HistoryResult } from './store.js';

/** The engine-specific part: the index of a sample's bucket, counted from `fromMs`, as an integer. */
export type BucketIndexSql = (fromMs: number, bucketMs: number) => RawBuilder<number>;

/** `ceil((to - from) / points)` ms, at least 1, so the range fits in at most `points` buckets. */
export function bucketSizeMs(fromMs: number, toMs: number, points: number): number {
  return Math.max(1, Math.ceil((toMs - fromMs) / Math.max(1, Math.floor(points))));
}

/**
 * Downsample the raw samples of one GPU over [from, to): the average of each metric per bucket,
 * stamped with the bucket start, ascending, empty buckets left out. AVG skips nulls, so a bucket
 * where a metric was never reported gives null for it, not 0. The half-open range keeps the
 * bucket count at `points` when the range divides evenly.
 */
export async function historyFromRaw(
  db: Kysely<Database>,
  bucketIndex: BucketIndexSql,
  gpuId: number,
  request: HistoryRequest,
): Promise<HistoryResult> {
  const bucketMs = bucketSizeMs(request.from, request.to, request.points);
  const rows = await db
    .selectFrom('gpu_metrics')
    .select((eb) => [
      bucketIndex(request.from, bucketMs).as('bucket'),
      ...METRIC_COLUMN_PAIRS.map(([metric, column]) => eb.fn.avg<number | null>(column).as(metric)),
    ])
    .where('gpu_id', '=', gpuId)
    .where('ts', '>=', request.from)
    .where('ts', '<', request.to)
    .groupBy('bucket')
    .orderBy('bucket')
    .execute();
  const points = rows.map(({ bucket, ...averages }): HistoryPoint => ({
    ts: request.from + bucket * bucketMs,
    ...averages,
  }));
  return { bucketMs, points };
}
