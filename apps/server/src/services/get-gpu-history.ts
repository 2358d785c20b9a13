import type { Clock } from '@gpu-sentinel/core';
import {
  NUMERIC_METRICS,
  type GpuHistoryQuery,
  type GpuHistoryResponse,
  type HistoryPoint,
  type HistorySeries,
  type NumericMetric,
} from '@gpu-sentinel/protocol';
import { ValidationError } from '../errors/app-error.js';
import type { LiveState } from '../live/live-state.js';
import type { Store } from '../store/store.js';
import { requireGpu } from './get-gpu.js';
import { planHistoryWindow } from './plan-history-window.js';
import type { RetentionControl } from './retention/retention-job.js';

export const DEFAULT_HISTORY_WINDOW_MS = 15 * 60_000;
export const DEFAULT_HISTORY_POINTS = 900;

export interface GetGpuHistoryDeps {
  live: LiveState;
  store: Pick<Store, 'readSeries'>;
  clock: Clock;
  retention: Pick<RetentionControl, 'retention'>;
}

/**
 * `GET /gpus/:uuid/history`: the average of every metric per bucket, read from the tier the
 * planner picks (so a month costs what an hour does); defaults to the last 15 minutes in 900 points.
 */
export async function getGpuHistory(
  deps: GetGpuHistoryDeps,
  uuid: string,
  query: GpuHistoryQuery,
): Promise<GpuHistoryResponse> {
  requireGpu(deps.live, uuid);
  const to = query.to ?? (query.from === undefined ? deps.clock.now() : query.from + DEFAULT_HISTORY_WINDOW_MS);
  const from = query.from ?? Math.max(0, to - DEFAULT_HISTORY_WINDOW_MS);
  if (from >= to) throw new ValidationError('from must be before to', 'from');
  const points = query.points ?? DEFAULT_HISTORY_POINTS;
  const plan = planHistoryWindow(deps, from, to, points);
  const result = await deps.store.readSeries({ uuids: [uuid], metrics: NUMERIC_METRICS, ...plan, from, to });
  return {
    simulated: deps.live.isGpuSimulated(uuid),
    uuid,
    from,
    to,
    bucketMs: plan.bucketMs,
    // A GPU seen live whose inventory row is not written yet has no history: empty, not a 404.
    points: averagesAsPoints(result.get(uuid) ?? new Map()),
  };
}

/** Series of min/avg/max per metric → one point per bucket with each metric's average (null where missing). */
export function averagesAsPoints(series: ReadonlyMap<NumericMetric, HistorySeries>): HistoryPoint[] {
  const byTs = new Map<number, HistoryPoint>();
  const pointAt = (ts: number): HistoryPoint => {
    let point = byTs.get(ts);
    if (point === undefined) {
      point = { ts, ...nullMetrics() };
      byTs.set(ts, point);
    }
    return point;
  };
  for (const [metric, { ts, avg }] of series) {
    ts.forEach((bucket, i) => {
      pointAt(bucket)[metric] = avg[i] ?? null;
    });
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

function nullMetrics(): Record<NumericMetric, null> {
  return Object.fromEntries(NUMERIC_METRICS.map((metric) => [metric, null])) as Record<NumericMetric, null>;
}
