import type { LoginResponse, RefreshBody } from '@gpu-sentinel/protocol';
import { sha256Hex } from '../../auth/opaque-token.js';
import { UnauthenticatedError } from '../../errors/app-error.js';
import type { RefreshTokenRecord } from '../../store/identity-store.js';
import type { IdentityDeps } from './identity-deps.js';
import { issueTokens } from './issue-tokens.js';
import { recordAudit } from './record-audit.js';

const REFRESH_FAILED = 'the refresh token is invalid, expired or revoked; sign in again';

/**
 * `POST /auth/refresh`: trade a refresh token for a new access token and a new refresh token. A token
 * works once: presenting a spent one means it was stolen (or replayed), so its whole family — the
 * session — is revoked, including the newer tokens and the session's access tokens.
 */
export async function refreshSession(
  deps: IdentityDeps,
  body: RefreshBody,
  request: { ip: string | null },
): Promise<LoginResponse> {
  const now = deps.clock.now();
  const token = await deps.store.findRefreshToken(sha256Hex(body.refreshToken));
  // Unknown (undefined) or revoked (a time).
  if (token?.revokedAt !== null) throw new UnauthenticatedError(REFRESH_FAILED);
  if (token.usedAt !== null || !(await deps.store.markRefreshTokenUsed(token.id, now))) {
    await revokeReusedFamily(deps, token, request.ip);
    throw new UnauthenticatedError(REFRESH_FAILED);
  }
  if (token.expiresAt <= now) throw new UnauthenticatedError(REFRESH_FAILED);
  const user = await deps.store.findUserById(token.userId);
  if (user === undefined || user.isDisabled) {
    deps.revocations.revoke(await deps.store.revokeFamily(token.familyId, now));
    throw new UnauthenticatedError(REFRESH_FAILED);
  }
  return issueTokens(deps, user, { familyId: token.familyId, sessionId: token.sessionId });
}

async function revokeReusedFamily(deps: IdentityDeps, token: RefreshTokenRecord, ip: string | null): Promise<void> {
  const sessions = await deps.store.revokeFamily(token.familyId, deps.clock.now());
  deps.revocations.revoke(sessions);
  const user = await deps.store.findUserById(token.userId);
  await recordAudit(deps, {
    type: 'refresh.reuse_detected',
    context: { actor: null, ip },
    target: user?.username ?? null,
    details: { sessionId: token.sessionId },
  });
}
