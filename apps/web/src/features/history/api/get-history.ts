import { HistoryResponse, type NumericMetric } from '@gpu-sentinel/protocol';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { serverNow } from '../../../lib/stream/server-clock';
import { rangeSpanMs, resolveRange, type HistoryRange } from '../model/history-range';
import type { CompareChoice } from '../model/history-url';
import { historyKeys } from './history-keys';

/** What the view asks for; a preset range is resolved against the server's clock when it is fetched. */
export interface HistoryRequest {
  range: HistoryRange;
  /** null: every GPU the server has history for. */
  gpus: readonly string[] | null;
  metrics: readonly NumericMetric[];
  points: number;
  compare: CompareChoice;
}

/** `/history?…` for a request and a resolved window. */
export function historyPath(request: HistoryRequest, window: { from: number; to: number }): string {
  const params = new URLSearchParams();
  if (request.gpus !== null) params.set('gpus', request.gpus.join(','));
  params.set('metrics', request.metrics.join(','));
  params.set('from', String(window.from));
  params.set('to', String(window.to));
  params.set('points', String(request.points));
  if (request.compare !== 'off') params.set('compare', request.compare);
  return `/history?${params.toString()}`;
}

export function getHistory(request: HistoryRequest, nowMs: number, signal?: AbortSignal): Promise<HistoryResponse> {
  const path = historyPath(request, resolveRange(request.range, nowMs));
  return apiRequest(path, HistoryResponse, signal ? { signal } : {});
}

/** A preset's window slides with time: refetched about once per point, not more often than every 5 s. */
export function refetchIntervalMs(request: HistoryRequest): number | false {
  if (request.range.kind === 'absolute') return false;
  return Math.min(60_000, Math.max(5_000, Math.round(rangeSpanMs(request.range) / request.points)));
}

export function historyQueryOptions(request: HistoryRequest) {
  return queryOptions({
    queryKey: historyKeys.request(request),
    queryFn: ({ signal }) => getHistory(request, serverNow(), signal),
    // The previous answer stays on screen while a new range or width loads, instead of a blank page.
    placeholderData: keepPreviousData,
    refetchInterval: refetchIntervalMs(request),
    staleTime: 5_000,
  });
}

/** `isEnabled` false (no GPU picked): nothing is asked. */
export function useHistory(request: HistoryRequest, isEnabled: boolean) {
  return useQuery({ ...historyQueryOptions(request), enabled: isEnabled });
}
