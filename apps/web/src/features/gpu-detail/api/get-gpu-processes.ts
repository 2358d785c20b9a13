import { ProcessesResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The server reads compute processes about every 2 s; asking more often would show nothing new. */
const PROCESSES_REFRESH_MS = 2_000;

export function getGpuProcesses(uuid: string, signal?: AbortSignal): Promise<ProcessesResponse> {
  return apiRequest(`/gpus/${encodeURIComponent(uuid)}/processes`, ProcessesResponse, signal ? { signal } : {});
}

/** `GET /api/v1/gpus/:uuid/processes`, refreshed while the GPU page is open. */
export function gpuProcessesQueryOptions(uuid: string) {
  return queryOptions({
    queryKey: queryKeys.processes(uuid),
    queryFn: ({ signal }) => getGpuProcesses(uuid, signal),
    staleTime: PROCESSES_REFRESH_MS,
    refetchInterval: PROCESSES_REFRESH_MS,
  });
}

export function useGpuProcesses(uuid: string) {
  return useQuery(gpuProcessesQueryOptions(uuid));
}
