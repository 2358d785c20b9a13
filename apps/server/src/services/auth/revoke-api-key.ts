import type { ApiKey } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../../errors/app-error.js';
import type { AuditContext, IdentityDeps } from './identity-deps.js';
import { apiKeyView } from './identity-views.js';
import { recordAudit } from './record-audit.js';

/** `DELETE /apikeys/:id` (and `gpu-sentinel apikey revoke`): the key stops working at once; revoking twice is harmless. */
export async function revokeApiKey(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger'>,
  id: number,
  context: AuditContext,
): Promise<ApiKey> {
  const now = deps.clock.now();
  const key = await deps.store.revokeApiKey(id, now);
  if (key === undefined) throw new NotFoundError(`unknown API key ${id}`, 'id');
  if (key.revokedAt === now) {
    await recordAudit(deps, { type: 'apikey.revoked', context, target: key.name, details: { keyId: key.id } });
  }
  return apiKeyView(key);
}
