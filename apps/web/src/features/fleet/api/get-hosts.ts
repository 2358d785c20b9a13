import { HostsResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Host facts change slowly (status, last seen, labels): a poll keeps them current without the stream. */
export const HOSTS_POLL_MS = 5_000;

export function getHosts(signal?: AbortSignal): Promise<HostsResponse> {
  return apiRequest('/hosts', HostsResponse, signal ? { signal } : {});
}

/** `GET /api/v1/hosts`: every host the server knows, online first. */
export function hostsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.hosts,
    queryFn: ({ signal }) => getHosts(signal),
    staleTime: HOSTS_POLL_MS,
    refetchInterval: HOSTS_POLL_MS,
  });
}

export function useHosts() {
  return useQuery(hostsQueryOptions());
}
