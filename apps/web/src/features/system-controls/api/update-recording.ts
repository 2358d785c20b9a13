import { RecordingBody, SystemStatus } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { systemQueryOptions } from '../../../lib/api/get-system';

/** `PUT /api/v1/system/recording`: pauses or resumes storing samples; the live view goes on either way. */
export function updateRecording(recording: boolean): Promise<SystemStatus> {
  return apiRequest('/system/recording', SystemStatus, { method: 'PUT', body: RecordingBody.parse({ recording }) });
}

export function useUpdateRecording() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateRecording,
    onSuccess: (system) => client.setQueryData(systemQueryOptions().queryKey, system),
  });
}
