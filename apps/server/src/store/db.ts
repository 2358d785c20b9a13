import { ROLLUP_TIERS, type RollupTier } from '@gpu-sentinel/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** What the shared (engine-neutral) store modules run on: the database or a transaction on it. */
export type StoreDb = Kysely<Database> | Transaction<Database>;

/** The table of each rollup tier. */
export const ROLLUP_TABLES = {
  '1m': 'gpu_metrics_1m',
  '10m': 'gpu_metrics_10m',
  '1h': 'gpu_metrics_1h',
} as const satisfies Record<RollupTier, keyof Database>;
export type RollupTableName = (typeof ROLLUP_TABLES)[RollupTier];
/** Every rollup table, finest tier first. */
export const ROLLUP_TABLE_NAMES: readonly RollupTableName[] = ROLLUP_TIERS.map((tier) => ROLLUP_TABLES[tier]);

/**
 * Most bind parameters one statement may carry on both engines (SQLite allows 32,766, Postgres
 * 65,535): multi-row statements are chunked to stay under it.
 */
export const MAX_BIND_PARAMS = 32_000;

/** pg returns bigint and numeric aggregates as strings; SQLite returns numbers. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNumberOrNull(value: number | string | bigint | null): number | null {
  return value === null ? null : toNumber(value);
}

/** Split `items` into runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
