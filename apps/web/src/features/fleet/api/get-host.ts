import { HostResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { HOSTS_POLL_MS } from './get-hosts';

export function getHost(hostId: string, signal?: AbortSignal): Promise<HostResponse> {
  return apiRequest(`/hosts/${encodeURIComponent(hostId)}`, HostResponse, signal ? { signal } : {});
}

/** `GET /api/v1/hosts/:hostId`: the host's facts and its GPUs (a 404 for an unknown host is not retried). */
export function hostQueryOptions(hostId: string) {
  return queryOptions({
    queryKey: queryKeys.host(hostId),
    queryFn: ({ signal }) => getHost(hostId, signal),
    staleTime: HOSTS_POLL_MS,
    refetchInterval: (query) => (query.state.status === 'error' ? false : HOSTS_POLL_MS),
  });
}

export function useHost(hostId: string) {
  return useQuery(hostQueryOptions(hostId));
}
