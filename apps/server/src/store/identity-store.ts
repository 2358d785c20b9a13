import type { ApiKeyScope, AuditEventType, Role } from '@gpu-sentinel/protocol';
import { ConflictError } from '../errors/app-error.js';

/** Rows as the identity services see them: camelCase, booleans as booleans, times in epoch ms. */
export interface UserRecord {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  isDisabled: boolean;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
}

export interface UserPatch {
  role?: Role;
  isDisabled?: boolean;
  passwordHash?: string;
}

export interface RefreshTokenRecord {
  id: number;
  tokenHash: string;
  familyId: string;
  userId: number;
  sessionId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

export type NewRefreshToken = Pick<RefreshTokenRecord, 'tokenHash' | 'familyId' | 'userId' | 'sessionId' | 'expiresAt'>;

export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  keyHash: string;
  scope: ApiKeyScope;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export type NewApiKey = Pick<ApiKeyRecord, 'name' | 'prefix' | 'keyHash' | 'scope' | 'createdBy' | 'expiresAt'>;

export interface AuditRecord {
  id: number;
  ts: number;
  type: AuditEventType;
  actor: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/** A page of the audit log, newest first; `nextCursor` is the id to pass for the next (older) page. */
export interface AuditPage {
  items: AuditRecord[];
  nextCursor: number | null;
}

/** Inserting a user whose name (case-insensitively) is taken; the HTTP edge maps it to 409. */
export class UsernameTakenError extends ConflictError {
  constructor(readonly username: string) {
    super(`the username ${username} is taken`, 'username');
  }
}

/** What the identity services need of storage: users, refresh-token families, API keys, audit, settings. */
export interface IdentityStore {
  countUsers(): Promise<number>;
  findUserById(id: number): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Throws UsernameTakenError when the name is taken. */
  insertUser(user: NewUser, now: number): Promise<UserRecord>;
  updateUser(id: number, patch: UserPatch, now: number): Promise<UserRecord | undefined>;
  recordLogin(id: number, now: number): Promise<void>;

  insertRefreshToken(token: NewRefreshToken, now: number): Promise<void>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /** Mark a token spent; false when it already was (a concurrent refresh won), so rotation happens once. */
  markRefreshTokenUsed(id: number, now: number): Promise<boolean>;
  /** Revoke every live token of a family; returns the session ids it covered. */
  revokeFamily(familyId: string, now: number): Promise<string[]>;
  /** Revoke every token of one session (logout). */
  revokeSession(sessionId: string, now: number): Promise<void>;
  /** Revoke every live token of a user (disabled, password or role changed); returns their session ids. */
  revokeUserSessions(userId: number, now: number): Promise<string[]>;
  /** Sessions revoked at or after `since`: seeds the in-memory revocation cache at start. */
  listRevokedSessionIds(since: number): Promise<string[]>;

  insertApiKey(key: NewApiKey, now: number): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Returns the key as revoked, or undefined when there is no such key. Revoking twice keeps the first time. */
  revokeApiKey(id: number, now: number): Promise<ApiKeyRecord | undefined>;
  touchApiKey(id: number, now: number): Promise<void>;

  insertAudit(event: NewAuditRecord): Promise<AuditRecord>;
  /** Newest first; `cursor` is an id: only older events. */
  listAudit(query: { cursor?: number | undefined; limit: number }): Promise<AuditPage>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  deleteSetting(key: string): Promise<boolean>;
}
