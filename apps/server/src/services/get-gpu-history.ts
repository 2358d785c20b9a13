import type { Clock } from '@gpu-sentinel/core';
import type { GpuHistoryQuery, GpuHistoryResponse } from '@gpu-sentinel/protocol';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { LiveState } from '../live/live-state.js';
import type { HistoryRequest, HistoryResult, Store } from '../store/store.js';
import { requireGpu } from './get-gpu.js';

export const DEFAULT_HISTORY_WINDOW_MS = 15 * 60_000;
export const DEFAULT_HISTORY_POINTS = 900;

export interface GetGpuHistoryDeps {
  live: LiveState;
  store: Pick<Store, 'history'>;
  clock: Clock;
}

/** `GET /gpus/:uuid/history`: averages per bucket from the store; defaults to the last 15 minutes in 900 points. */
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
  const result = await historyOrEmpty(deps.store, { uuid, from, to, points });
  return {
    simulated: deps.live.source().isSimulated,
    uuid,
    from,
    to,
    bucketMs: result.bucketMs,
    points: result.points,
  };
}

/** A GPU seen live whose inventory row is not written yet has no history: an empty answer, not a 404. */
async function historyOrEmpty(store: Pick<Store, 'history'>, request: HistoryRequest): Promise<HistoryResult> {
  try {
    return await store.history(request);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { bucketMs: Math.max(1, Math.ceil((request.to - request.from) / request.points)), points: [] };
  }
}
