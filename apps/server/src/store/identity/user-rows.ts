import { sql, type Kysely, type Selectable } from 'kysely';
import { UsernameTakenError, type NewUser, type UserPatch, type UserRecord } from '../identity-store.js';
import type { Database, UsersTable } from '../schema.js';

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    isDisabled: row.is_disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/**
 * `Admin` finds `admin`: lower() on both sides works on both engines (SQLite's column is also
 * COLLATE NOCASE; Postgres has a unique index on lower(username)).
 */
export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', sql<string>`lower(${username})`)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function insertUser(db: Kysely<Database>, user: NewUser, now: number): Promise<UserRecord> {
  try {
    const row = await db
      .insertInto('users')
      .values({
        username: user.username,
        password_hash: user.passwordHash,
        role: user.role,
        is_disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsernameTakenError(user.username);
    throw error;
  }
}

export async function updateUser(
  db: Kysely<Database>,
  id: number,
  patch: UserPatch,
  now: number,
): Promise<UserRecord | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      updated_at: now,
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.isDisabled === undefined ? {} : { is_disabled: patch.isDisabled ? 1 : 0 }),
      ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function recordLogin(db: Kysely<Database>, id: number, now: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
}

/** SQLite's code, or Postgres' SQLSTATE 23505. */
function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === '23505')
  );
}
