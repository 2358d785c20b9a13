import type { Kysely } from 'kysely';
import type { IdentityStore } from '../identity-store.js';
import type { Database } from '../schema.js';
import * as apiKeys from './api-key-rows.js';
import * as audit from './audit-rows.js';
import * as refreshTokens from './refresh-token-rows.js';
import * as settings from './setting-rows.js';
import * as users from './user-rows.js';

/** The identity port over the store's Kysely handle (SQLite now; the same queries serve Postgres). */
export function createKyselyIdentityStore(db: Kysely<Database>): IdentityStore {
  return {
    countUsers: () => users.countUsers(db),
    findUserById: (id) => users.findUserById(db, id),
    findUserByUsername: (username) => users.findUserByUsername(db, username),
    listUsers: () => users.listUsers(db),
    insertUser: (user, now) => users.insertUser(db, user, now),
    updateUser: (id, patch, now) => users.updateUser(db, id, patch, now),
    recordLogin: (id, now) => users.recordLogin(db, id, now),

    insertRefreshToken: (token, now) => refreshTokens.insertRefreshToken(db, token, now),
    findRefreshToken: (hash) => refreshTokens.findRefreshToken(db, hash),
    markRefreshTokenUsed: (id, now) => refreshTokens.markRefreshTokenUsed(db, id, now),
    revokeFamily: (familyId, now) => refreshTokens.revokeFamily(db, familyId, now),
    revokeSession: (sessionId, now) => refreshTokens.revokeSession(db, sessionId, now),
    revokeUserSessions: (userId, now) => refreshTokens.revokeUserSessions(db, userId, now),
    listRevokedSessionIds: (since) => refreshTokens.listRevokedSessionIds(db, since),

    insertApiKey: (key, now) => apiKeys.insertApiKey(db, key, now),
    findApiKeyByHash: (hash) => apiKeys.findApiKeyByHash(db, hash),
    listApiKeys: () => apiKeys.listApiKeys(db),
    revokeApiKey: (id, now) => apiKeys.revokeApiKey(db, id, now),
    touchApiKey: (id, now) => apiKeys.touchApiKey(db, id, now),

    insertAudit: (event) => audit.insertAudit(db, event),
    listAudit: (query) => audit.listAudit(db, query),

    getSetting: (key) => settings.getSetting(db, key),
    setSetting: (key, value) => settings.setSetting(db, key, value),
    deleteSetting: (key) => settings.deleteSetting(db, key),
  };
}
