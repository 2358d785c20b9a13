import type { HistoryTier, StorageEngine } from '@gpu-sentinel/protocol';
import { formatFixed } from '../../../lib/format';

/** What each stored tier holds, in the words of the storage panel. */
export const TIER_LABELS: Record<HistoryTier, string> = {
  raw: 'raw samples',
  '1m': '1-minute',
  '10m': '10-minute',
  '1h': '1-hour',
};

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** Bytes in decimal units, as disks are sold: "512 B", "12.3 MB"; "—" where the engine cannot tell. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1_000 && unit < BYTE_UNITS.length - 1) {
    value /= 1_000;
    unit += 1;
  }
  return `${formatFixed(value, unit === 0 || value >= 100 ? 0 : 1)} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** A count with thousands separators: "1,234,567". */
export function formatCount(count: number): string {
  return formatFixed(count);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long a tier is kept, in the unit its setting is given in: raw in hours, rollups in days. */
export function formatKeptFor(tier: HistoryTier, retentionMs: number): string {
  if (tier === 'raw') return `${formatFixed(retentionMs / HOUR_MS, retentionMs % HOUR_MS ? 1 : 0)} h`;
  const days = retentionMs / DAY_MS;
  return `${formatFixed(days, retentionMs % DAY_MS ? 1 : 0)} ${days === 1 ? 'day' : 'days'}`;
}

/** How long before `now` a moment was, in its largest whole unit: "just now", "5 min ago", "3 days ago". */
export function formatAgo(ts: number, now: number): string {
  const ms = Math.max(0, now - ts);
  if (ms < 60_000) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ms < HOUR_MS) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** A Postgres URL without its password; anything else (a file path) as it is. */
export function displayLocation(location: string): string {
  try {
    const url = new URL(location);
    if (url.password === '') return location;
    url.password = '';
    return url.toString();
  } catch {
    return location;
  }
}

/** The storage engines as people name them. */
export const ENGINE_NAMES: Record<StorageEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
