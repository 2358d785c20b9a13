import type { Clock } from '@gpu-sentinel/core';
import {
  COMPARE_OFFSETS_MS,
  DEFAULT_HISTORY_SERIES_POINTS,
  NUMERIC_METRICS,
  type HistoryQuery,
  type HistoryResponse,
  type HistorySeries,
  type HistorySeriesByGpu,
  type HistoryWindow,
  type NumericMetric,
} from '@gpu-sentinel/protocol';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { LiveState } from '../live/live-state.js';
import type { SeriesResult, Store } from '../store/store.js';
import { planHistoryWindow } from './plan-history-window.js';
import type { RetentionControl } from './retention/retention-job.js';

export const DEFAULT_HISTORY_RANGE_MS = 3_600_000;

export interface GetHistoryDeps {
  live: LiveState;
  store: Pick<Store, 'readSeries'>;
  clock: Clock;
  retention: Pick<RetentionControl, 'retention'>;
}

interface WindowRequest {
  uuids: readonly string[];
  metrics: readonly NumericMetric[];
  from: number;
  to: number;
  points: number;
}

/**
 * `GET /history`: min/avg/max per bucket for several GPUs and metrics, read from the coarsest tier
 * that still gives the points asked for (and still holds the range under the retention in force).
 * Defaults: every GPU in the live inventory, every metric, the last hour, 1,000 points.
 */
export async function getHistory(deps: GetHistoryDeps, query: HistoryQuery): Promise<HistoryResponse> {
  const to = query.to ?? (query.from === undefined ? deps.clock.now() : query.from + DEFAULT_HISTORY_RANGE_MS);
  const from = query.from ?? Math.max(0, to - DEFAULT_HISTORY_RANGE_MS);
  if (from >= to) throw new ValidationError('from: must be before to', 'from');
  const request: WindowRequest = {
    uuids: [...new Set(query.gpus ?? deps.live.inventory().map((gpu) => gpu.uuid))],
    metrics: query.metrics ?? NUMERIC_METRICS,
    from,
    to,
    points: query.points ?? DEFAULT_HISTORY_SERIES_POINTS,
  };
  const offsetMs = query.compare === undefined ? undefined : COMPARE_OFFSETS_MS[query.compare];
  const [current, earlier] = await Promise.all([
    readWindow(deps, request),
    offsetMs === undefined
      ? undefined
      : readWindow(deps, { ...request, from: Math.max(0, from - offsetMs), to: Math.max(1, to - offsetMs) }),
  ]);
  requireKnown(deps.live, request.uuids, [current.found, earlier?.found]);
  const response: HistoryResponse = { ...current.window, simulated: isSimulated(deps.live, request.uuids) };
  if (earlier !== undefined && offsetMs !== undefined) response.compare = { ...earlier.window, offsetMs };
  return response;
}

async function readWindow(
  deps: GetHistoryDeps,
  request: WindowRequest,
): Promise<{ window: HistoryWindow; found: ReadonlySet<string> }> {
  const plan = planHistoryWindow(deps, request.from, request.to, request.points);
  const result: SeriesResult =
    request.uuids.length === 0
      ? new Map<string, Map<NumericMetric, HistorySeries>>()
      : await deps.store.readSeries({
          uuids: request.uuids,
          metrics: request.metrics,
          ...plan,
          from: request.from,
          to: request.to,
        });
  return {
    window: {
      from: request.from,
      to: request.to,
      tier: plan.tier,
      bucketMs: plan.bucketMs,
      series: seriesRecord(result, request),
    },
    found: new Set(result.keys()),
  };
}

/** A GPU that is live but not stored yet answers empty series, like one with no rows in the range. */
function seriesRecord(result: SeriesResult, request: WindowRequest): HistorySeriesByGpu {
  const series: HistorySeriesByGpu = {};
  for (const uuid of request.uuids) {
    const stored = result.get(uuid);
    series[uuid] = Object.fromEntries(
      request.metrics.map((metric) => [metric, stored?.get(metric) ?? { ts: [], min: [], avg: [], max: [] }]),
    );
  }
  return series;
}

/** Every uuid asked for must be live or stored (in either window); otherwise 404 naming `gpus`. */
function requireKnown(
  live: LiveState,
  uuids: readonly string[],
  found: readonly (ReadonlySet<string> | undefined)[],
): void {
  const unknown = uuids.filter((uuid) => live.gpuView(uuid) === undefined && !found.some((set) => set?.has(uuid)));
  if (unknown.length > 0) throw new NotFoundError(`gpus: no GPU with uuid ${unknown.join(', ')}`, 'gpus');
}

/** A GPU's data is simulated when its host's source is; with no GPU asked for, the fleet view decides. */
function isSimulated(live: LiveState, uuids: readonly string[]): boolean {
  return uuids.length === 0 ? live.isSimulated() : uuids.some((uuid) => live.isGpuSimulated(uuid));
}
