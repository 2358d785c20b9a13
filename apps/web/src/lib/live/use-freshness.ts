import type { GpuSample } from '@gpu-sentinel/protocol';
import { useIntervalMs } from '../api/get-system';
import { isStaleAt } from '../stream/gpus-cache';
import { isServerTimeKnown, serverNow } from '../stream/server-clock';
import { useNow } from '../use-now';

export interface Freshness {
  isStale: boolean;
  /** How long ago the newest sample was taken; null when there has never been one. */
  lastSeenAgoMs: number | null;
}

/**
 * Whether a GPU's numbers are current: the server's verdict, and the clock as well, so that a
 * GPU whose samples stop (or a dead connection) turns stale without waiting for another message.
 */
export function useFreshness(latest: GpuSample | null, isStaleOnServer: boolean): Freshness {
  const intervalMs = useIntervalMs();
  const nowMs = serverNow(useNow());
  const isLate = isServerTimeKnown() && isStaleAt(latest, nowMs, intervalMs);
  return {
    isStale: isStaleOnServer || isLate,
    lastSeenAgoMs: latest === null ? null : Math.max(0, nowMs - latest.ts),
  };
}
