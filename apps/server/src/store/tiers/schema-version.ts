import { MIGRATION_TABLE } from '../migrate.js';
import type { StoreDb } from '../db.js';

// A type alias, not an interface: withTables wants an index-signature-compatible record.
type MigrationTables = Record<typeof MIGRATION_TABLE, { name: string; timestamp: string }>;

/**
 * Shared by both engines: `lastMigrationName(db)` is Store.schemaVersion, the newest migration
 * recorded (names sort in apply order). Throws when none is, which means `migrate()` never ran.
 */
export async function lastMigrationName(db: StoreDb): Promise<string> {
  const row = await db
    .withTables<MigrationTables>()
    .selectFrom(MIGRATION_TABLE)
    .select('name')
    .orderBy('name', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) throw new Error('the store has no migrations applied: run migrate() first');
  return row.name;
}
