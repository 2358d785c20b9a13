import type { CreateApiKeyBody, CreateApiKeyResponse } from '@gpu-sentinel/protocol';
import { generateApiKey } from '../../auth/opaque-token.js';
import { ValidationError } from '../../errors/app-error.js';
import type { AuditContext, IdentityDeps } from './identity-deps.js';
import { apiKeyView } from './identity-views.js';
import { recordAudit } from './record-audit.js';

/** `POST /apikeys` (and `gpu-sentinel apikey create`): the key is in this answer only; the store keeps its hash. */
export async function createApiKey(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger'>,
  body: CreateApiKeyBody,
  context: AuditContext,
): Promise<CreateApiKeyResponse> {
  const now = deps.clock.now();
  const expiresAt = body.expiresAt === undefined ? null : toEpochMs(body.expiresAt);
  if (expiresAt !== null && expiresAt <= now)
    throw new ValidationError('expiresAt: must be in the future', 'expiresAt');
  const { key, prefix, keyHash } = generateApiKey();
  const record = await deps.store.insertApiKey(
    { name: body.name, prefix, keyHash, scope: body.scope, createdBy: context.actor, expiresAt },
    now,
  );
  await recordAudit(deps, {
    type: 'apikey.created',
    context,
    target: record.name,
    details: { keyId: record.id, scope: record.scope, prefix, expiresAt },
  });
  return { ...apiKeyView(record), key };
}

function toEpochMs(value: number | string): number {
  return typeof value === 'number' ? value : Date.parse(value);
}
