import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { LoginResponse, SetupBody } from '@gpu-sentinel/protocol';
import { hashPassword } from '../../auth/password-hash.js';
import { sha256Hex } from '../../auth/opaque-token.js';
import { NotFoundError, UnauthenticatedError } from '../../errors/app-error.js';
import { SETUP_TOKEN_SETTING } from './bootstrap-first-admin.js';
import type { IdentityDeps } from './identity-deps.js';
import { issueTokens } from './issue-tokens.js';
import { recordAudit } from './record-audit.js';

/**
 * `POST /auth/setup`: the setup link's token makes the first admin and signs them in. The token works
 * once; after that (or once any user exists) setup answers 404.
 */
export async function completeSetup(
  deps: IdentityDeps,
  body: SetupBody,
  request: { ip: string | null },
): Promise<LoginResponse> {
  const stored = await deps.store.getSetting(SETUP_TOKEN_SETTING);
  if (stored === undefined || (await deps.store.countUsers()) > 0) throw new NotFoundError('setup is already done');
  const given = Buffer.from(sha256Hex(body.token), 'hex');
  if (given.length !== Buffer.from(stored, 'hex').length || !timingSafeEqual(given, Buffer.from(stored, 'hex'))) {
    throw new UnauthenticatedError('the setup token is not valid', 'token');
  }
  const passwordHash = await hashPassword(body.password);
  // Deleting first makes the token single-use even when two requests race with it.
  if (!(await deps.store.deleteSetting(SETUP_TOKEN_SETTING))) throw new NotFoundError('setup is already done');
  const now = deps.clock.now();
  const user = await deps.store.insertUser({ username: body.username, passwordHash, role: 'admin' }, now);
  const context = { actor: user.username, ip: request.ip };
  await recordAudit(deps, { type: 'setup.completed', context, target: user.username, details: { role: 'admin' } });
  await deps.store.recordLogin(user.id, now);
  return issueTokens(deps, user, { familyId: randomUUID(), sessionId: randomUUID() });
}
