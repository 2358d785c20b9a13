import type { UpdateUserBody, User } from '@gpu-sentinel/protocol';
import { hashPassword } from '../../auth/password-hash.js';
import { ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { UserPatch, UserRecord } from '../../store/identity-store.js';
import type { AuditContext, IdentityDeps } from './identity-deps.js';
import { userView } from './identity-views.js';
import { recordAudit } from './record-audit.js';

/**
 * `PATCH /users/:id` (and `gpu-sentinel user passwd|disable`). Disabling, a new password or a new role
 * ends the user's sessions: they sign in again, with the new role. The last enabled admin cannot be
 * disabled or demoted, so the server never locks everyone out.
 */
export async function updateUser(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger' | 'revocations'>,
  id: number,
  body: UpdateUserBody,
  context: AuditContext,
): Promise<User> {
  const user = await deps.store.findUserById(id);
  if (user === undefined) throw new NotFoundError(`unknown user ${id}`, 'id');
  const isDemoted = body.role !== undefined && body.role !== 'admin';
  if (user.role === 'admin' && !user.isDisabled && (isDemoted || body.isDisabled === true)) {
    await ensureAnotherAdmin(deps, user);
  }
  const updated = await deps.store.updateUser(id, await patchOf(body), deps.clock.now());
  if (updated === undefined) throw new NotFoundError(`unknown user ${id}`, 'id');

  const isRoleChanged = body.role !== undefined && body.role !== user.role;
  const isNowDisabled = body.isDisabled === true && !user.isDisabled;
  if (isRoleChanged || isNowDisabled || body.password !== undefined) {
    deps.revocations.revoke(await deps.store.revokeUserSessions(id, deps.clock.now()));
  }
  const target = user.username;
  if (isNowDisabled) await recordAudit(deps, { type: 'user.disabled', context, target });
  if (body.password !== undefined) await recordAudit(deps, { type: 'user.password_changed', context, target });
  if (isRoleChanged || (body.isDisabled === false && user.isDisabled)) {
    const details = { role: { from: user.role, to: updated.role }, isDisabled: updated.isDisabled };
    await recordAudit(deps, { type: 'user.updated', context, target, details });
  }
  return userView(updated);
}

async function patchOf(body: UpdateUserBody): Promise<UserPatch> {
  const patch: UserPatch = {};
  if (body.role !== undefined) patch.role = body.role;
  if (body.isDisabled !== undefined) patch.isDisabled = body.isDisabled;
  if (body.password !== undefined) patch.passwordHash = await hashPassword(body.password);
  return patch;
}

async function ensureAnotherAdmin(deps: Pick<IdentityDeps, 'store'>, user: UserRecord): Promise<void> {
  const users = await deps.store.listUsers();
  const others = users.filter((other) => other.id !== user.id && other.role === 'admin' && !other.isDisabled);
  if (others.length === 0) {
    throw new ConflictError(`${user.username} is the last enabled admin: make another admin first`, 'id');
  }
}
