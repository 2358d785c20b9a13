import { HISTORY_TIERS, TIER_BUCKET_MS, type HistoryTier } from '@gpu-sentinel/protocol';

export interface HistoryReadInput {
  from: number;
  to: number;
  /** The most buckets the caller wants. */
  points: number;
  now: number;
  /** How long each tier keeps its rows. */
  retentionMs: Readonly<Record<HistoryTier, number>>;
}

export interface HistoryReadPlan {
  tier: HistoryTier;
  bucketMs: number;
  /** Where bucket 0 starts: `from`, floored to the tier's row width so each row falls in one bucket. */
  origin: number;
}

/** HISTORY_TIERS lists the tiers finest first. */
const COARSEST_FIRST: readonly HistoryTier[] = [...HISTORY_TIERS].reverse();

/**
 * Pick the coarsest tier whose rows are no wider than a bucket (fewest rows to read for the
 * requested number of points), then step coarser while that tier has already dropped `from` to
 * retention (old ranges come back coarser rather than empty). Rollup buckets are whole multiples
 * of the tier width, so no row is split across two buckets and there are never more than `points`.
 */
export function planHistoryRead(input: HistoryReadInput): HistoryReadPlan {
  const span = Math.max(1, input.to - input.from);
  const wanted = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(input.points))));
  let index = COARSEST_FIRST.findIndex((tier) => TIER_BUCKET_MS[tier] <= wanted);
  while (index > 0) {
    const tier = COARSEST_FIRST[index] ?? 'raw';
    if (input.from >= input.now - input.retentionMs[tier]) break;
    index -= 1;
  }
  const tier = COARSEST_FIRST[index] ?? 'raw';
  const tierMs = TIER_BUCKET_MS[tier];
  if (tierMs === 0) return { tier, bucketMs: wanted, origin: input.from };
  const origin = input.from - (input.from % tierMs);
  const bucketMs = Math.max(
    tierMs,
    Math.ceil((input.to - origin) / Math.max(1, Math.floor(input.points)) / tierMs) * tierMs,
  );
  return { tier, bucketMs, origin };
}
