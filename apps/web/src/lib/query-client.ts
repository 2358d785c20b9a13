import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import { queryKeys } from './query-keys';

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failureCount, error) => !(error instanceof ApiError && error.isClientError) && failureCount < 3,
        refetchOnWindowFocus: false,
      },
    },
  });
  // Entries written only by the stream: kept for the whole session, and replaced wholesale on every
  // tick (a deep compare of thousands of samples four times a second would be wasted work).
  for (const queryKey of [queryKeys.liveRoot, queryKeys.connection, queryKeys.alertToasts]) {
    client.setQueryDefaults(queryKey, { gcTime: Infinity, staleTime: Infinity, structuralSharing: false });
  }
  return client;
}
