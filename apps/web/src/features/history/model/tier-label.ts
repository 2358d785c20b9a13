import type { HistoryTier } from '@gpu-sentinel/protocol';
import { formatDuration } from '../../../lib/format';

const TIER_LABELS: Readonly<Record<HistoryTier, string>> = {
  raw: 'raw samples',
  '1m': '1-minute rollups',
  '10m': '10-minute rollups',
  '1h': '1-hour rollups',
};

export function tierLabel(tier: HistoryTier): string {
  return TIER_LABELS[tier];
}

/** "1-minute rollups, one point per 5 min". */
export function resolutionLabel(tier: HistoryTier, bucketMs: number): string {
  return `${tierLabel(tier)}, one point per ${formatDuration(bucketMs)}`;
}
