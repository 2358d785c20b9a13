import { ApiKeysResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** `GET /api/v1/apikeys` */
export function getApiKeys(signal?: AbortSignal): Promise<ApiKeysResponse> {
  return apiRequest('/apikeys', ApiKeysResponse, signal ? { signal } : {});
}

export function apiKeysQueryOptions() {
  return queryOptions({ queryKey: adminKeys.apiKeys, queryFn: ({ signal }) => getApiKeys(signal) });
}

export function useApiKeys() {
  return useQuery(apiKeysQueryOptions());
}
