import { StorageStatus, type StorageSettingsBody } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** `PUT /api/v1/storage`: new retention; the answer is the status after the retention run it starts. */
export function updateStorage(body: StorageSettingsBody): Promise<StorageStatus> {
  return apiRequest('/storage', StorageStatus, { method: 'PUT', body });
}

export function useUpdateStorage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateStorage,
    onSuccess: (status) => client.setQueryData(adminKeys.storage, status),
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.audit }),
  });
}
