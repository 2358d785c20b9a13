import type { UsersResponse } from '@gpu-sentinel/protocol';
import type { IdentityDeps } from './identity-deps.js';
import { userView } from './identity-views.js';

/** `GET /users`, by username. */
export async function listUsers(deps: Pick<IdentityDeps, 'store'>): Promise<UsersResponse> {
  return { items: (await deps.store.listUsers()).map(userView) };
}
