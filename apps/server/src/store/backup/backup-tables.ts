import type { Kysely, Transaction } from 'kysely';
import { ROLLUP_TABLE_NAMES, type StoreDb } from '../db.js';
import type { Database } from '../schema.js';

export type BackupTable = keyof Database;

/**
 * The tables a backup holds, parents before children, so a restore inserts in this order and
 * deletes in the reverse. Migration bookkeeping is not data: the target keeps its own.
 */
export const BACKUP_TABLES: readonly BackupTable[] = [
  'hosts',
  'ingest_streams',
  'gpus',
  'gpu_metrics',
  ...ROLLUP_TABLE_NAMES,
  'alert_rules',
  'notification_channels',
  'alerts',
  'notification_outbox',
  'users',
  'refresh_tokens',
  'api_keys',
  'audit_log',
  'settings',
];

const ROLLUP_KEY = { columns: ['gpu_id', 'ts'], isUnique: true } as const;

/** The key each table is read in order of (keyset pagination), and whether it is unique. */
export const BACKUP_TABLE_KEYS: Readonly<Record<BackupTable, { columns: readonly string[]; isUnique: boolean }>> = {
  hosts: { columns: ['host_id'], isUnique: true },
  ingest_streams: { columns: ['stream_id'], isUnique: true },
  gpus: { columns: ['gpu_id'], isUnique: true },
  gpu_metrics: { columns: ['gpu_id', 'ts'], isUnique: false },
  gpu_metrics_1m: ROLLUP_KEY,
  gpu_metrics_10m: ROLLUP_KEY,
  gpu_metrics_1h: ROLLUP_KEY,
  alert_rules: { columns: ['id'], isUnique: true },
  notification_channels: { columns: ['id'], isUnique: true },
  alerts: { columns: ['id'], isUnique: true },
  notification_outbox: { columns: ['id'], isUnique: true },
  users: { columns: ['id'], isUnique: true },
  refresh_tokens: { columns: ['id'], isUnique: true },
  api_keys: { columns: ['id'], isUnique: true },
  audit_log: { columns: ['id'], isUnique: true },
  settings: { columns: ['key'], isUnique: true },
};

/**
 * Columns a backup leaves out: the raw table's row id (the Postgres raw table has none, and
 * nothing refers to it; the target numbers its own rows).
 */
export const BACKUP_OMITTED_COLUMNS: Readonly<Partial<Record<BackupTable, readonly string[]>>> = {
  gpu_metrics: ['id'],
};

/**
 * Tables a migration fills with shipped rows (the default alert rules), with the column that
 * marks such a row. A database holding only those is still empty to a restore, and a backup that
 * holds the table replaces them; one made before the table existed leaves them.
 */
export const BACKUP_SEEDED_TABLES: Readonly<Partial<Record<BackupTable, string>>> = {
  alert_rules: 'is_default',
};

export function isBackupTable(name: string): name is BackupTable {
  return (BACKUP_TABLES as readonly string[]).includes(name);
}

/** The engine's answer to "which columns does this table have, in order" (pragma table_info, information_schema). */
export type TableColumnsFn = (db: StoreDb, table: BackupTable) => Promise<string[]>;

export type SqlCell = number | string | null;
/** The tables seen without their row types: a backup moves rows it does not interpret. */
export type UntypedTables = Record<string, Record<string, SqlCell>>;

export function untyped(db: StoreDb): Kysely<UntypedTables> | Transaction<UntypedTables> {
  return db as unknown as Kysely<UntypedTables>;
}
