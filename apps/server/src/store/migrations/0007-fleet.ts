import type { Kysely } from 'kysely';
import { epochMsType } from './migration-dialect.js';

/** Critical defaults notify again hourly while unattended (as the ones 0006 ships). */
const CRITICAL_REPEAT_SECONDS = 3_600;

/**
 * Fleet hosts: each host keeps the labels and agent version its agent registers with, and each
 * agent stream keeps its mark (the highest batch seq stored), so a batch replayed after an outage,
 * or written by two server replicas at once, is stored once. A shipped "Host offline" rule joins
 * the 0006 defaults (is_default 1, so a restore still counts the database as empty); a user rule
 * already holding that name keeps it, and the default is left out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  await db.schema
    .alterTable('hosts')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('hosts').addColumn('agent_version', 'text').execute();

  await db.schema
    .createTable('ingest_streams')
    .addColumn('stream_id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('last_seq', epochMsType(db), (c) => c.notNull())
    .addColumn('updated_at', epochMsType(db), (c) => c.notNull())
    .execute();
  // Retention deletes streams not written to since the raw cutoff.
  await db.schema.createIndex('ingest_streams_updated_at_idx').on('ingest_streams').column('updated_at').execute();

  const now = Date.now();
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('alert_rules')
    .values({
      name: 'Host offline',
      metric: 'hostOfflineSeconds',
      op: '>=',
      threshold: 60,
      for_seconds: 0,
      clear_threshold: null,
      severity: 'critical',
      channel_ids: '[]',
      repeat_interval_seconds: CRITICAL_REPEAT_SECONDS,
      enabled: 1,
      is_default: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .deleteFrom('alert_rules')
    .where('name', '=', 'Host offline')
    .where('is_default', '=', 1)
    .execute();
  await db.schema.dropTable('ingest_streams').execute();
  await db.schema.alterTable('hosts').dropColumn('agent_version').execute();
  await db.schema.alterTable('hosts').dropColumn('labels').execute();
}
