import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/** Where applied migrations are recorded (name + time), and the lock that keeps two processes from racing. */
export const MIGRATION_TABLE = 'schema_migration';
export const MIGRATION_LOCK_TABLE = 'schema_migration_lock';

/**
 * Apply every pending migration, in name order. Kysely's Migrator records each one, holds a lock
 * while it runs and, on an engine with transactional DDL (SQLite, Postgres), runs the pending set
 * in a transaction: a failure leaves the schema as it was. Running it again is a no-op.
 */
export async function migrateToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Postgres: without a schema the Migrator would take another schema's migration table for ours.
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'setup';
  throw new Error(`store migration ${failed} failed`, { cause: error });
}
