import { Alert, AlertPage } from '@gpu-sentinel/protocol';
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { writeAlert, type AlertHistoryFilters } from '../../../lib/alerts/alerts-cache';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The active list is read whole: more than this many open alerts at once is a fire, not a list. */
const ACTIVE_LIMIT = 500;
/** History page size: a few screens of rows per request. */
export const HISTORY_PAGE_SIZE = 200;

/** `GET /api/v1/alerts?active=true`; the stream's `alert` messages keep it current. */
export function activeAlertsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.activeAlerts,
    queryFn: ({ signal }) => apiRequest(`/alerts?active=true&limit=${ACTIVE_LIMIT}`, AlertPage, { signal }),
    staleTime: 60_000,
  });
}

export function useActiveAlerts() {
  return useQuery(activeAlertsQueryOptions());
}

/** How many alerts are active, for the header; without re-rendering on each change of one. */
export function useActiveAlertCount(): number | undefined {
  return useQuery({ ...activeAlertsQueryOptions(), select: (page) => page.total }).data;
}

export function useAlert(id: number) {
  return useQuery({
    queryKey: queryKeys.alert(id),
    queryFn: ({ signal }) => apiRequest(`/alerts/${id}`, Alert, { signal }),
  });
}

function historySearch(filters: AlertHistoryFilters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(HISTORY_PAGE_SIZE) });
  if (filters.state !== null) params.set('state', filters.state);
  if (filters.severity !== null) params.set('severity', filters.severity);
  if (cursor !== null) params.set('cursor', cursor);
  return params.toString();
}

/** `GET /api/v1/alerts`, newest first, one cursor page at a time. */
export function alertHistoryQueryOptions(filters: AlertHistoryFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.alertHistory(filters),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(`/alerts?${historySearch(filters, pageParam)}`, AlertPage, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}

export function useAlertHistory(filters: AlertHistoryFilters) {
  return useInfiniteQuery(alertHistoryQueryOptions(filters));
}

type AlertAction =
  | { kind: 'ack'; id: number }
  | { kind: 'silence'; id: number; durationSeconds: number }
  | { kind: 'unsilence'; id: number };

function sendAlertAction(action: AlertAction): Promise<Alert> {
  switch (action.kind) {
    case 'ack':
      return apiRequest(`/alerts/${action.id}/ack`, Alert, { method: 'POST' });
    case 'silence':
      return apiRequest(`/alerts/${action.id}/silence`, Alert, {
        method: 'POST',
        body: { durationSeconds: action.durationSeconds },
      });
    case 'unsilence':
      return apiRequest(`/alerts/${action.id}/silence`, Alert, { method: 'DELETE' });
  }
}

/** Acknowledge, silence or unsilence: the answer (the alert as it is now) goes straight into the cache. */
export function useAlertAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sendAlertAction,
    onSuccess: (alert) => writeAlert(client, alert),
  });
}
