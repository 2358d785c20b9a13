import { sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * What SQLite spells differently from Postgres, in one place. better-sqlite3 binds every JS
 * number as REAL, so the bucket maths casts its parameters to get integer division; SQLite's
 * two-argument min()/max() return NULL when either side is NULL, so the merges coalesce.
 */
export const sqliteDialect: SqlDialect = {
  bucketIndex: (originMs, bucketMs) => sql<number>`(ts - cast(${originMs} as integer)) / cast(${bucketMs} as integer)`,
  leastOf: (a, b) => sql<number | null>`coalesce(min(${a}, ${b}), ${a}, ${b})`,
  greatestOf: (a, b) => sql<number | null>`coalesce(max(${a}, ${b}), ${a}, ${b})`,
};

/** Connection settings: WAL for concurrent readers and crash safety, NORMAL sync (safe with WAL). */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  // Wait for a lock (a backup, a second process) instead of failing at once.
  'busy_timeout = 5000',
  'foreign_keys = ON',
] as const;
