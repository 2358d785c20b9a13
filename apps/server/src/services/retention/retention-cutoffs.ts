import { HISTORY_TIERS, retentionMs, type HistoryTier, type RetentionSettings } from '@gpu-sentinel/protocol';

/** Per tier, the time before which rows are deleted: `now` minus that tier's retention. Pure. */
export function retentionCutoffs(settings: RetentionSettings, now: number): Record<HistoryTier, number> {
  const keep = retentionMs(settings);
  const cutoffs = { raw: 0, '1m': 0, '1h': 0 };
  for (const tier of HISTORY_TIERS) cutoffs[tier] = Math.max(0, now - keep[tier]);
  return cutoffs;
}
