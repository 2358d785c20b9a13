import { GpusResponse, type GpuView } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

export function getGpus(signal?: AbortSignal): Promise<GpusResponse> {
  return apiRequest('/gpus', GpusResponse, signal ? { signal } : {});
}

/** `GET /api/v1/gpus`; the stream's snapshot, `inventory` and `samples` messages keep it current. */
export function gpusQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.gpus,
    queryFn: ({ signal }) => getGpus(signal),
    staleTime: Infinity,
  });
}

export function useGpus() {
  return useQuery(gpusQueryOptions());
}

/** The GPU list's UUIDs in index order; re-renders only when the set changes, not on every tick. */
export function useGpuUuids() {
  return useQuery({
    ...gpusQueryOptions(),
    select: (response) => response.gpus.map((view) => view.info.uuid),
  });
}

/** One GPU of the list, by UUID. */
export function useGpuView(uuid: string): GpuView | undefined {
  return useQuery({
    ...gpusQueryOptions(),
    select: (response) => response.gpus.find((view) => view.info.uuid === uuid),
  }).data;
}

/** Whether the list's data is simulated; without re-rendering on every tick. */
export function useIsGpuListSimulated(): boolean {
  return useQuery({ ...gpusQueryOptions(), select: (response) => response.simulated }).data ?? false;
}
