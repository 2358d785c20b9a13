import { GpuHistoryResponse, MAX_HISTORY_POINTS } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { serverNow } from '../stream/server-clock';

/** A chart has no use for more points than this, whatever the interval. */
const MAX_SEED_POINTS = Math.min(3_600, MAX_HISTORY_POINTS);

/** One point per interval over the window, capped. */
export function historyPoints(windowMs: number, intervalMs: number): number {
  return Math.max(1, Math.min(MAX_SEED_POINTS, Math.ceil(windowMs / Math.max(intervalMs, 1))));
}

export function getGpuHistory(
  uuid: string,
  query: { from: number; to: number; points: number },
  signal?: AbortSignal,
): Promise<GpuHistoryResponse> {
  const search = new URLSearchParams({ from: String(query.from), to: String(query.to), points: String(query.points) });
  const path = `/gpus/${encodeURIComponent(uuid)}/history?${search.toString()}`;
  return apiRequest(path, GpuHistoryResponse, signal ? { signal } : {});
}

/**
 * `GET /api/v1/gpus/:uuid/history` for the window that ends now (on the server's clock): it seeds
 * charts and sparklines, which the stream's live samples then extend.
 */
export function gpuHistoryQueryOptions(uuid: string, windowMs: number, points: number) {
  return queryOptions({
    queryKey: queryKeys.history(uuid, windowMs, points),
    queryFn: ({ signal }) => {
      const to = Math.round(serverNow());
      return getGpuHistory(uuid, { from: Math.max(0, to - windowMs), to, points }, signal);
    },
    staleTime: 0,
  });
}

export function useGpuHistory(uuid: string, windowMs: number, points: number) {
  return useQuery(gpuHistoryQueryOptions(uuid, windowMs, points));
}
