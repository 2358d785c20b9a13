import type { Kysely, Selectable } from 'kysely';
import type { NewRefreshToken, RefreshTokenRecord } from '../identity-store.js';
import type { Database, RefreshTokensTable } from '../schema.js';

function toToken(row: Selectable<RefreshTokensTable>): RefreshTokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    familyId: row.family_id,
    userId: row.user_id,
    sessionId: row.session_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertRefreshToken(db: Kysely<Database>, token: NewRefreshToken, now: number): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: token.tokenHash,
      family_id: token.familyId,
      user_id: token.userId,
      session_id: token.sessionId,
      created_at: now,
      expires_at: token.expiresAt,
    })
    .execute();
}

export async function findRefreshToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<RefreshTokenRecord | undefined> {
  const row = await db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? undefined : toToken(row);
}

/** Conditional on `used_at IS NULL`, so of two concurrent refreshes with one token only one rotates. */
export async function markRefreshTokenUsed(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeFamily(db: Kysely<Database>, familyId: string, now: number): Promise<string[]> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
  return sessionIdsWhere(db, 'family_id', familyId);
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, now: number): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: number): Promise<string[]> {
  const live = await db
    .selectFrom('refresh_tokens')
    .select('session_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  return live.map((row) => row.session_id);
}

export async function listRevokedSessionIds(db: Kysely<Database>, since: number): Promise<string[]> {
  const rows = await db
    .selectFrom('refresh_tokens')
    .select('session_id')
    .distinct()
    .where('revoked_at', '>=', since)
    .execute();
  return rows.map((row) => row.session_id);
}

async function sessionIdsWhere(db: Kysely<Database>, column: 'family_id', value: string): Promise<string[]> {
  const rows = await db
    .selectFrom('refresh_tokens')
    .select('session_id')
    .distinct()
    .where(column, '=', value)
    .execute();
  return rows.map((row) => row.session_id);
}
