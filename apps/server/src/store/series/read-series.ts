import type { HistorySeries, NumericMetric } from '@gpu-sentinel/protocol';
import { sql, type AliasedRawBuilder, type CompiledQuery } from 'kysely';
import { ROLLUP_TABLES, toNumber, toNumberOrNull, type StoreDb } from '../db.js';
import type { SqlDialect } from '../dialect.js';
import { findGpuIds } from '../inventory.js';
import { METRIC_COLUMNS, rollupColumnsOf } from '../metric-columns.js';
import type { SeriesRequest, SeriesResult } from '../store.js';

type Numeric = number | string | null;

/** Runs the one aggregate query; an engine may run it off the event loop (SQLite: a worker thread). */
export type QueryRunner = (query: CompiledQuery) => Promise<readonly unknown[]>;
/** One row per GPU per bucket: `m<i>_min`, `m<i>_avg` (raw) or `m<i>_sum`/`m<i>_n` (rollups), `m<i>_max`. */
type BucketRow = { gpu_id: number; bucket: number | string } & Record<string, Numeric>;

/**
 * Shared by both engines: `readSeries(db, dialect, request)` answers Store.readSeries with one
 * query for every requested GPU, grouped by GPU and bucket. Raw rows give min/avg/max directly;
 * rollup rows give min of minima, max of maxima and sum(sum)/sum(n), so the average weighs every
 * sample equally however the rows were split. Only the requested metrics' columns are read.
 */
export async function readSeries(
  db: StoreDb,
  dialect: SqlDialect,
  request: SeriesRequest,
  run: QueryRunner = async (query) => (await db.executeQuery(query)).rows,
): Promise<SeriesResult> {
  const gpuIds = await findGpuIds(db, [...new Set(request.uuids)]);
  const result: SeriesResult = new Map();
  const uuidOf = new Map<number, string>();
  for (const [uuid, gpuId] of gpuIds) {
    uuidOf.set(gpuId, uuid);
    result.set(uuid, new Map(request.metrics.map((metric) => [metric, emptySeries()])));
  }
  if (gpuIds.size === 0 || request.metrics.length === 0) return result;

  const rows = (await run(bucketQuery(db, dialect, request, [...gpuIds.values()]))) as readonly BucketRow[];
  const isRaw = request.tier === 'raw';
  for (const row of rows) {
    const uuid = uuidOf.get(row.gpu_id);
    const byMetric = uuid === undefined ? undefined : result.get(uuid);
    if (byMetric === undefined) continue;
    const ts = request.origin + toNumber(row.bucket) * request.bucketMs;
    request.metrics.forEach((metric, i) => {
      const series = byMetric.get(metric);
      if (series === undefined) return;
      series.ts.push(ts);
      series.min.push(toNumberOrNull(row[`m${String(i)}_min`] ?? null));
      series.max.push(toNumberOrNull(row[`m${String(i)}_max`] ?? null));
      series.avg.push(isRaw ? toNumberOrNull(row[`m${String(i)}_avg`] ?? null) : averageOf(row, i));
    });
  }
  return result;
}

function emptySeries(): HistorySeries {
  return { ts: [], min: [], avg: [], max: [] };
}

function averageOf(row: BucketRow, i: number): number | null {
  const n = toNumberOrNull(row[`m${String(i)}_n`] ?? null) ?? 0;
  const sum = toNumberOrNull(row[`m${String(i)}_sum`] ?? null) ?? 0;
  return n === 0 ? null : sum / n;
}

/** The aggregates one metric contributes to the select list, aliased by its position in the request. */
function metricAggregates(metric: NumericMetric, i: number, isRaw: boolean): AliasedRawBuilder<Numeric, string>[] {
  const column = METRIC_COLUMNS[metric];
  const aggregate = (fn: 'min' | 'max' | 'avg' | 'sum', ref: string, suffix: string) =>
    sql<Numeric>`${sql.raw(fn)}(${sql.ref(ref)})`.as(`m${String(i)}_${suffix}`);
  if (isRaw) return [aggregate('min', column, 'min'), aggregate('avg', column, 'avg'), aggregate('max', column, 'max')];
  const columns = rollupColumnsOf(column);
  return [
    aggregate('min', columns.min, 'min'),
    aggregate('max', columns.max, 'max'),
    aggregate('sum', columns.sum, 'sum'),
    aggregate('sum', columns.n, 'n'),
  ];
}

function bucketQuery(db: StoreDb, dialect: SqlDialect, request: SeriesRequest, gpuIds: number[]): CompiledQuery {
  const isRaw = request.tier === 'raw';
  const table = request.tier === 'raw' ? 'gpu_metrics' : ROLLUP_TABLES[request.tier];
  const aggregates = request.metrics.flatMap((metric, i) => metricAggregates(metric, i, isRaw));
  const query = db
    .selectFrom(table)
    .select(['gpu_id', dialect.bucketIndex(request.origin, request.bucketMs).as('bucket')])
    .select(aggregates)
    .where('gpu_id', 'in', gpuIds)
    .where('ts', '>=', request.from)
    .where('ts', '<', request.to)
    .groupBy(['gpu_id', 'bucket'])
    .orderBy('gpu_id')
    .orderBy('bucket');
  return query.compile();
}
