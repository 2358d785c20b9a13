import type { Clock } from '@gpu-sentinel/core';
import type { Principal } from '@gpu-sentinel/protocol';
import type { IdentityStore } from '../store/identity-store.js';
import { verifyAccessToken } from './access-token.js';
import { isApiKey, sha256Hex } from './opaque-token.js';
import type { CacheStats, SessionRevocations, SessionRevokedListener } from './session-revocations.js';

/** `last_used_at` of an API key is written at most this often. */
const KEY_TOUCH_INTERVAL_MS = 60_000;

export interface AuthenticatorDeps {
  store: Pick<IdentityStore, 'findApiKeyByHash' | 'touchApiKey'>;
  clock: Clock;
  jwtKey: Uint8Array;
  revocations: SessionRevocations;
}

/** What the HTTP layer calls for every `Authorization: Bearer …`, and where it learns of revoked sessions. */
export interface Authenticator {
  /** A principal for a valid access token or API key; null for anything else (the caller answers 401). */
  authenticate(bearer: string): Promise<Principal | null>;
  /** Called with the session id when a session is logged out or revoked; returns the unsubscribe. */
  onSessionRevoked(listener: SessionRevokedListener): () => void;
  /** How access-token checks used the in-memory revocation cache. */
  cacheStats(): CacheStats;
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  return {
    authenticate: (bearer) => (isApiKey(bearer) ? authenticateKey(deps, bearer) : authenticateJwt(deps, bearer)),
    onSessionRevoked: (listener) => deps.revocations.onRevoked(listener),
    cacheStats: () => deps.revocations.cacheStats(),
  };
}

/**
 * Signature, alg, iss, aud and expiry, then the revocation cache: a disabled user's and a logged-out
 * session's ids are in it (disabling and password or role changes revoke the user's sessions; the
 * cache re-reads the store every few seconds, so the CLI's changes reach a running server too).
 */
async function authenticateJwt(deps: AuthenticatorDeps, token: string): Promise<Principal | null> {
  const claims = await verifyAccessToken(deps.jwtKey, token, deps.clock.now());
  if (claims === null) return null;
  await deps.revocations.syncIfDue();
  if (deps.revocations.isRevoked(claims.sessionId)) return null;
  return {
    kind: 'user',
    userId: claims.userId,
    username: claims.username,
    role: claims.role,
    sessionId: claims.sessionId,
  };
}

async function authenticateKey(deps: AuthenticatorDeps, key: string): Promise<Principal | null> {
  const record = await deps.store.findApiKeyByHash(sha256Hex(key));
  const now = deps.clock.now();
  // Unknown (undefined) or revoked (a time): no principal.
  if (record?.revokedAt !== null) return null;
  if (record.expiresAt !== null && record.expiresAt <= now) return null;
  if (record.lastUsedAt === null || now - record.lastUsedAt >= KEY_TOUCH_INTERVAL_MS) {
    await deps.store.touchApiKey(record.id, now);
  }
  return { kind: 'apiKey', keyId: record.id, name: record.name, scope: record.scope };
}
