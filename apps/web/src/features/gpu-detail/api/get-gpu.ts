import { GpuResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getGpu(uuid: string, signal?: AbortSignal): Promise<GpuResponse> {
  return apiRequest(`/gpus/${encodeURIComponent(uuid)}`, GpuResponse, signal ? { signal } : {});
}

/** `GET /api/v1/gpus/:uuid`: the static facts; the stream's `inventory` message invalidates it. */
export function gpuQueryOptions(uuid: string) {
  return queryOptions({
    queryKey: queryKeys.gpu(uuid),
    queryFn: ({ signal }) => getGpu(uuid, signal),
    staleTime: 60_000,
  });
}

export function useGpu(uuid: string) {
  return useQuery(gpuQueryOptions(uuid));
}
