import { sql, type Kysely } from 'kysely';
import {
  caseInsensitiveTextType,
  caseInsensitiveUnique,
  createCaseInsensitiveUniqueIndex,
  epochMsType,
  identityKey,
} from './migration-dialect.js';

/** Users, refresh-token families, API keys, the audit log and a key/value settings table. Times are epoch ms. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('username', caseInsensitiveTextType(db), caseInsensitiveUnique(db))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('updated_at', epochMsType(db), (c) => c.notNull())
    .addColumn('last_login_at', epochMsType(db))
    .addCheckConstraint('users_role_check', sql`role in ('admin', 'user', 'reader')`)
    .execute();
  await createCaseInsensitiveUniqueIndex(db, 'users', 'username');

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('expires_at', epochMsType(db), (c) => c.notNull())
    .addColumn('used_at', epochMsType(db))
    .addColumn('revoked_at', epochMsType(db))
    .execute();
  await db.schema.createIndex('refresh_tokens_family_id_idx').on('refresh_tokens').column('family_id').execute();
  await db.schema.createIndex('refresh_tokens_user_id_idx').on('refresh_tokens').column('user_id').execute();
  await db.schema.createIndex('refresh_tokens_revoked_at_idx').on('refresh_tokens').column('revoked_at').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('expires_at', epochMsType(db))
    .addColumn('revoked_at', epochMsType(db))
    .addColumn('last_used_at', epochMsType(db))
    .addCheckConstraint('api_keys_scope_check', sql`scope in ('ingest', 'read', 'admin')`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('ts', epochMsType(db), (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('target', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_ts_idx').on('audit_log').column('ts').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['settings', 'audit_log', 'api_keys', 'refresh_tokens', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
