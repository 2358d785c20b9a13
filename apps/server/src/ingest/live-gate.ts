import type { GpuSample } from '@gpu-sentinel/protocol';

/** A batch is live when its newest sample is at most this many of its host's intervals old… */
export const LIVE_INTERVALS = 8;
/** …or this old, whichever is longer (an HTTP agent posts every few seconds; clocks drift a little). */
export const MIN_LIVE_WINDOW_MS = 5_000;

/**
 * The samples of a batch to broadcast and feed to the alert engine: none when the batch is a replay
 * (its newest sample is older than the live window), else those newer than what was last published
 * for the host, oldest first. Replayed spool batches are stored but never shown as "now".
 */
export function liveSamples(
  samples: readonly GpuSample[],
  lastPublishedTs: number,
  now: number,
  intervalMs: number,
): GpuSample[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const sample of samples) newest = Math.max(newest, sample.ts);
  const windowMs = Math.max(LIVE_INTERVALS * intervalMs, MIN_LIVE_WINDOW_MS);
  if (newest < now - windowMs || newest <= lastPublishedTs) return [];
  return samples.filter((sample) => sample.ts > lastPublishedTs).sort((a, b) => a.ts - b.ts);
}
