import { CreateApiKeyResponse, type CreateApiKeyBody } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from './admin-keys';
import { apiRequest } from '../../../lib/api-client';

/** `POST /api/v1/apikeys`: the answer holds the key itself, the only time it is ever shown. */
export function createApiKey(body: CreateApiKeyBody): Promise<CreateApiKeyResponse> {
  return apiRequest('/apikeys', CreateApiKeyResponse, { method: 'POST', body });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.root }),
  });
}
