import { HISTORY_TIERS, ROLLUP_TIERS, type HistoryTier, type RollupTier } from '@gpu-sentinel/protocol';
import { ROLLUP_TABLES, toNumber, toNumberOrNull, type StoreDb } from '../db.js';
import type { RetentionCutoffs } from '../store.js';

export interface TierRowStats {
  tier: HistoryTier;
  rows: number;
  oldest: number | null;
  newest: number | null;
}

/** The table each tier's rows live in. */
export function tierTable(tier: HistoryTier): 'gpu_metrics' | (typeof ROLLUP_TABLES)[RollupTier] {
  return tier === 'raw' ? 'gpu_metrics' : ROLLUP_TABLES[tier];
}

/**
 * Shared by both engines: `tierRowStats(db)` gives rows, oldest and newest `ts` per tier (raw,
 * 1m, 10m, 1h), one query per tier. Sizes are the engine's to add (dbstat, pg_total_relation_size).
 */
export async function tierRowStats(db: StoreDb): Promise<TierRowStats[]> {
  const stats: TierRowStats[] = [];
  for (const tier of HISTORY_TIERS) {
    const row = await db
      .selectFrom(tierTable(tier))
      .select((eb) => [
        eb.fn.countAll<number | string>().as('rows'),
        eb.fn.min<number | string | null>('ts').as('oldest'),
        eb.fn.max<number | string | null>('ts').as('newest'),
      ])
      .executeTakeFirstOrThrow();
    stats.push({
      tier,
      rows: toNumber(row.rows),
      oldest: toNumberOrNull(row.oldest),
      newest: toNumberOrNull(row.newest),
    });
  }
  return stats;
}

/**
 * Shared by both engines: `deleteRollupsBefore(db, tier, cutoffMs)` drops a rollup tier's rows
 * older than the cutoff and returns how many. Rollup tables are small (a row per GPU per minute
 * at most), so one statement is enough; raw retention is the engine's (chunks, partitions).
 */
export async function deleteRollupsBefore(db: StoreDb, tier: RollupTier, cutoffMs: number): Promise<number> {
  const result = await db.deleteFrom(ROLLUP_TABLES[tier]).where('ts', '<', cutoffMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Shared by both engines: every rollup tier's rows older than its cutoff deleted, counts per
 * tier; a tier without a cutoff is left as it is (0 deleted).
 */
export async function deleteAllRollupsBefore(
  db: StoreDb,
  cutoffs: RetentionCutoffs,
): Promise<Record<RollupTier, number>> {
  const deleted = {} as Record<RollupTier, number>;
  for (const tier of ROLLUP_TIERS) {
    const cutoff = cutoffs[tier];
    deleted[tier] = cutoff === undefined ? 0 : await deleteRollupsBefore(db, tier, cutoff);
  }
  return deleted;
}
