import type { CreateUserBody, User } from '@gpu-sentinel/protocol';
import { hashPassword } from '../../auth/password-hash.js';
import type { AuditContext, IdentityDeps } from './identity-deps.js';
import { userView } from './identity-views.js';
import { recordAudit } from './record-audit.js';

/** `POST /users` (and `gpu-sentinel user add`): a 409 when the name is taken, case-insensitively. */
export async function createUser(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger'>,
  body: CreateUserBody,
  context: AuditContext,
): Promise<User> {
  const passwordHash = await hashPassword(body.password);
  const user = await deps.store.insertUser(
    { username: body.username, passwordHash, role: body.role },
    deps.clock.now(),
  );
  await recordAudit(deps, { type: 'user.created', context, target: user.username, details: { role: user.role } });
  return userView(user);
}
