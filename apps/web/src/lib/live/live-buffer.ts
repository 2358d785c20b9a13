import { MIN_INTERVAL_MS, type GpuSample } from '@gpu-sentinel/protocol';

/** How much recent data the client keeps per GPU, for sparklines and the GPU page's charts. */
export const LIVE_WINDOW_MS = 15 * 60_000;

/** A hard bound whatever the timestamps say: the window at the fastest interval the server allows. */
export const LIVE_MAX_SAMPLES = Math.ceil(LIVE_WINDOW_MS / MIN_INTERVAL_MS) + 1;

/**
 * Appends a sample to a GPU's buffer, returning a new array. Samples older than the window are
 * trimmed by time, so the buffer holds the window's worth at whatever the interval is (900 samples
 * at 1 s, 3,600 at 250 ms), and a change of interval keeps the samples already there.
 * Out-of-order or repeated samples are ignored.
 */
export function appendSample(buffer: readonly GpuSample[] | undefined, sample: GpuSample): readonly GpuSample[] {
  if (buffer === undefined || buffer.length === 0) return [sample];
  const last = buffer[buffer.length - 1];
  if (last !== undefined && sample.ts <= last.ts) return buffer;
  const cutoffTs = sample.ts - LIVE_WINDOW_MS;
  let start = Math.max(0, buffer.length + 1 - LIVE_MAX_SAMPLES);
  while (start < buffer.length && (buffer[start]?.ts ?? 0) < cutoffTs) start += 1;
  const next = buffer.slice(start);
  next.push(sample);
  return next;
}

/** The samples at or after `sinceTs` (the buffer is sorted by time). */
export function samplesSince(buffer: readonly GpuSample[], sinceTs: number): readonly GpuSample[] {
  let low = 0;
  let high = buffer.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((buffer[mid]?.ts ?? 0) < sinceTs) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? buffer : buffer.slice(low);
}
