import { HostsResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Host facts change slowly; the fleet view polls the same entry at the same pace. */
const HOSTS_POLL_MS = 5_000;

/** `GET /api/v1/hosts` (the same cache entry as the fleet view's), for the overview's fleet strip. */
export function overviewHostsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.hosts,
    queryFn: ({ signal }) => apiRequest('/hosts', HostsResponse, { signal }),
    staleTime: HOSTS_POLL_MS,
    refetchInterval: HOSTS_POLL_MS,
  });
}

/** Only while the overview shows a fleet: a single host has no use for the host list. */
export function useOverviewHosts(isEnabled: boolean) {
  return useQuery({ ...overviewHostsQueryOptions(), enabled: isEnabled });
}
