import { HISTORY_TIERS, retentionMs, type HistoryTier, type RetentionSettings } from '@gpu-sentinel/protocol';

/** A value for every tier. Pure. */
export function perTier<T>(valueOf: (tier: HistoryTier) => T): Record<HistoryTier, T> {
  return Object.fromEntries(HISTORY_TIERS.map((tier) => [tier, valueOf(tier)])) as Record<HistoryTier, T>;
}

/** Per tier, the time before which rows are deleted: `now` minus that tier's retention. Pure. */
export function retentionCutoffs(settings: RetentionSettings, now: number): Record<HistoryTier, number> {
  const keep = retentionMs(settings);
  return perTier((tier) => Math.max(0, now - keep[tier]));
}
