import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import { ConflictError, ValidationError } from '../../errors/app-error.js';
import type { Database } from '../schema.js';

/** A rule or channel name already in use; the HTTP edge maps it to 409. */
export class NameTakenError extends ConflictError {
  constructor(
    readonly kind: 'rule' | 'channel',
    readonly takenName: string,
  ) {
    super(`a ${kind} named ${takenName} exists`, 'name');
  }
}

/** SQLite's code, or Postgres' SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === '23505')
  );
}

export function isPostgres(db: Kysely<Database> | Transaction<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Page cursors are the last row's id, base64url-encoded: opaque to clients, cheap to check. */
export function encodeIdCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

/** Throws ValidationError (field `cursor`) unless `cursor` is one encodeIdCursor made. */
export function decodeIdCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || encodeIdCursor(id) !== cursor) {
    throw new ValidationError('the cursor is malformed; pass the nextCursor of a previous page', 'cursor');
  }
  return id;
}
