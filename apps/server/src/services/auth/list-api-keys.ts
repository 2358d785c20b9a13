import type { ApiKeysResponse } from '@gpu-sentinel/protocol';
import type { IdentityDeps } from './identity-deps.js';
import { apiKeyView } from './identity-views.js';

/** `GET /apikeys`: every key, revoked and expired ones included, without the keys themselves. */
export async function listApiKeys(deps: Pick<IdentityDeps, 'store'>): Promise<ApiKeysResponse> {
  return { items: (await deps.store.listApiKeys()).map(apiKeyView) };
}
