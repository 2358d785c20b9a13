import { SystemStatus } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

export function getSystem(signal?: AbortSignal): Promise<SystemStatus> {
  return apiRequest('/system', SystemStatus, signal ? { signal } : {});
}

/** `GET /api/v1/system`; the stream's snapshot, `source` and `system` messages keep it current. */
export function systemQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.system,
    queryFn: ({ signal }) => getSystem(signal),
    staleTime: Infinity,
  });
}

export function useSystem() {
  return useQuery(systemQueryOptions());
}

/** The sampling interval, with the server default until the system status is known. */
export function useIntervalMs(): number {
  return useQuery({ ...systemQueryOptions(), select: (system) => system.intervalMs }).data ?? 250;
}

/** Simulated data is always labelled: either the source says so or a response does. */
export function isSimulatedSystem(system: SystemStatus | undefined): boolean {
  return system !== undefined && (system.simulated || system.source.isSimulated);
}
