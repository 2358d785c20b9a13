import type { LoginResponse } from '@gpu-sentinel/protocol';
import { ACCESS_TOKEN_TTL_S, signAccessToken } from '../../auth/access-token.js';
import { randomToken, sha256Hex } from '../../auth/opaque-token.js';
import type { UserRecord } from '../../store/identity-store.js';
import type { IdentityDeps } from './identity-deps.js';

/** A refresh token lasts this long without use; every use replaces it with a new one. */
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SessionIds {
  familyId: string;
  sessionId: string;
}

/** A new access token and the next refresh token of the session's family (stored as its hash only). */
export async function issueTokens(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'secrets'>,
  user: UserRecord,
  session: SessionIds,
): Promise<LoginResponse> {
  const now = deps.clock.now();
  const refreshToken = randomToken();
  await deps.store.insertRefreshToken(
    { tokenHash: sha256Hex(refreshToken), userId: user.id, ...session, expiresAt: now + REFRESH_TOKEN_TTL_MS },
    now,
  );
  const accessToken = await signAccessToken(
    deps.secrets.jwtKey,
    { userId: user.id, username: user.username, role: user.role, sessionId: session.sessionId },
    now,
  );
  return {
    accessToken,
    refreshToken,
    expiresIn: ACCESS_TOKEN_TTL_S,
    user: { username: user.username, role: user.role },
  };
}
