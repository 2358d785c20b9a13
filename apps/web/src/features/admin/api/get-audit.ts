import { AuditResponse } from '@gpu-sentinel/protocol';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const AUDIT_PAGE_SIZE = 50;

/** `GET /api/v1/audit?cursor&limit`: newest first; `nextCursor` fetches the older page. */
export function getAudit(cursor: number | null, signal?: AbortSignal): Promise<AuditResponse> {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (cursor !== null) params.set('cursor', String(cursor));
  return apiRequest(`/audit?${params.toString()}`, AuditResponse, signal ? { signal } : {});
}

export function auditQueryOptions() {
  return infiniteQueryOptions({
    queryKey: adminKeys.audit,
    queryFn: ({ pageParam, signal }) => getAudit(pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useAudit() {
  return useInfiniteQuery(auditQueryOptions());
}
