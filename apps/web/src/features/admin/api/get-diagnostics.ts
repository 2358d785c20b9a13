import { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** The System page follows the server as it runs: queues, restarts and errors move by the second. */
const DIAGNOSTICS_REFRESH_MS = 5_000;

const diagnosticsKey = [...adminKeys.root, 'diagnostics'] as const;

/** `GET /api/v1/system/diagnostics` */
export function getDiagnostics(signal?: AbortSignal): Promise<SystemDiagnostics> {
  return apiRequest('/system/diagnostics', SystemDiagnostics, signal ? { signal } : {});
}

export function diagnosticsQueryOptions() {
  return queryOptions({
    queryKey: diagnosticsKey,
    queryFn: ({ signal }) => getDiagnostics(signal),
    refetchInterval: DIAGNOSTICS_REFRESH_MS,
  });
}

/** Only for those allowed to see it: a signed-in non-admin never asks. */
export function useDiagnostics(isAllowed: boolean) {
  return useQuery({ ...diagnosticsQueryOptions(), enabled: isAllowed });
}
