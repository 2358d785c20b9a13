import type { LogoutBody, Principal } from '@gpu-sentinel/protocol';
import { sha256Hex } from '../../auth/opaque-token.js';
import type { IdentityDeps } from './identity-deps.js';
import { recordAudit } from './record-audit.js';

/**
 * `POST /auth/logout`: revoke the caller's session (its refresh tokens, and its access tokens through
 * the revocation cache), plus the session of the given refresh token when it is the same user's.
 * An API key has no session: nothing to end.
 */
export async function logout(
  deps: IdentityDeps,
  principal: Principal,
  body: LogoutBody,
  request: { ip: string | null },
): Promise<void> {
  if (principal.kind !== 'user') return;
  const sessions = new Set([principal.sessionId]);
  if (body.refreshToken !== undefined) {
    const token = await deps.store.findRefreshToken(sha256Hex(body.refreshToken));
    if (token?.userId === principal.userId) sessions.add(token.sessionId);
  }
  const now = deps.clock.now();
  for (const sessionId of sessions) await deps.store.revokeSession(sessionId, now);
  deps.revocations.revoke([...sessions]);
  await recordAudit(deps, {
    type: 'logout',
    context: { actor: principal.username, ip: request.ip },
    target: principal.username,
    details: { sessionId: principal.sessionId },
  });
}
