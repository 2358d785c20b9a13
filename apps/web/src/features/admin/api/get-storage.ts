import { StorageStatus } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** Row counts and the writer's numbers move while samples are written: the panel follows them. */
const STORAGE_REFRESH_MS = 10_000;

/** `GET /api/v1/storage` */
export function getStorage(signal?: AbortSignal): Promise<StorageStatus> {
  return apiRequest('/storage', StorageStatus, signal ? { signal } : {});
}

export function storageQueryOptions() {
  return queryOptions({
    queryKey: adminKeys.storage,
    queryFn: ({ signal }) => getStorage(signal),
    refetchInterval: STORAGE_REFRESH_MS,
  });
}

/** Only for those allowed to see it: a signed-in non-admin never asks. */
export function useStorage(isAllowed: boolean) {
  return useQuery({ ...storageQueryOptions(), enabled: isAllowed });
}
