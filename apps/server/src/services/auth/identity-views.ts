import type { ApiKey, AuditEvent, User } from '@gpu-sentinel/protocol';
import type { ApiKeyRecord, AuditRecord, UserRecord } from '../../store/identity-store.js';

/** What the API shows of stored rows: never a password hash or a key hash. */
export function userView(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    isDisabled: user.isDisabled,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
  };
}

export function apiKeyView(key: ApiKeyRecord): ApiKey {
  return {
    id: key.id,
    name: key.name,
    scope: key.scope,
    prefix: key.prefix,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

export function auditView(record: AuditRecord): AuditEvent {
  return { ...record };
}
