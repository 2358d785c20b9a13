import { IntervalBody, SystemStatus } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { systemQueryOptions } from '../../../lib/api/get-system';

/** `PUT /api/v1/system/interval` */
export function updateInterval(intervalMs: number): Promise<SystemStatus> {
  return apiRequest('/system/interval', SystemStatus, { method: 'PUT', body: IntervalBody.parse({ intervalMs }) });
}

export function useUpdateInterval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateInterval,
    onSuccess: (system) => client.setQueryData(systemQueryOptions().queryKey, system),
  });
}
