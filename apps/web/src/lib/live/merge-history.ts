import type { HistoryPoint } from '@gpu-sentinel/protocol';
import { LIVE_WINDOW_MS } from './live-buffer';

type Point = Pick<HistoryPoint, 'ts'>;

/**
 * The points a chart shows: history from the server for the time before the live buffer begins,
 * then the live samples; limited to the window that ends at the newest point.
 */
export function mergeHistory<T extends Point>(
  history: readonly T[],
  live: readonly T[],
  windowMs: number = LIVE_WINDOW_MS,
): readonly T[] {
  const firstLiveTs = live[0]?.ts ?? Infinity;
  const newestTs = live.at(-1)?.ts ?? history.at(-1)?.ts ?? 0;
  const older = history.filter((point) => point.ts < firstLiveTs && point.ts >= newestTs - windowMs);
  return older.length === 0 ? live : [...older, ...live];
}
