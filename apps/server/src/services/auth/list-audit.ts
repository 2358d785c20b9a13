import type { AuditResponse } from '@gpu-sentinel/protocol';
import type { IdentityDeps } from './identity-deps.js';
import { auditView } from './identity-views.js';

export const DEFAULT_AUDIT_PAGE = 100;

/** `GET /audit?cursor&limit`: newest first; pass `nextCursor` back for older events. */
export async function listAudit(
  deps: Pick<IdentityDeps, 'store'>,
  query: { cursor?: number | undefined; limit?: number | undefined },
): Promise<AuditResponse> {
  const page = await deps.store.listAudit({ cursor: query.cursor, limit: query.limit ?? DEFAULT_AUDIT_PAGE });
  return { items: page.items.map(auditView), nextCursor: page.nextCursor };
}
