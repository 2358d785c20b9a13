import { sql } from 'kysely';
import type { BucketIndexSql } from '../history.js';

/**
 * What SQLite spells differently from Postgres, in one place. better-sqlite3 binds every JS
 * number as REAL, so the bucket maths casts its parameters to get integer division.
 */
export const sqliteBucketIndex: BucketIndexSql = (fromMs, bucketMs) =>
  sql<number>`(ts - cast(${fromMs} as integer)) / cast(${bucketMs} as integer)`;

/** Connection settings: WAL for concurrent readers and crash safety, NORMAL sync (safe with WAL). */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  // Wait for a lock (a backup, a second process) instead of failing at once.
  'busy_timeout = 5000',
  'foreign_keys = ON',
] as const;
