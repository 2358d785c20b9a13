import type { GpuSample } from '@gpu-sentinel/protocol';
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';

const NO_SAMPLES: readonly GpuSample[] = [];

/**
 * The recent samples of one GPU, oldest first: a ring buffer kept in the query cache and written
 * only by the stream (see lib/stream/apply-stream-message.ts); there is no endpoint behind it.
 */
export function liveSamplesQueryOptions(uuid: string) {
  return queryOptions<readonly GpuSample[]>({ queryKey: queryKeys.live(uuid), queryFn: skipToken });
}

export function useLiveSamples(uuid: string): readonly GpuSample[] {
  return useQuery(liveSamplesQueryOptions(uuid)).data ?? NO_SAMPLES;
}
