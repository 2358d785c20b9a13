import type { GpuSample } from '@gpu-sentinel/protocol';
import type { GpuTrack } from './evaluator-state.js';

/** How far back the temperature rise looks, and the least history it needs to say anything. */
export const TEMPERATURE_WINDOW_MS = 60_000;
export const TEMPERATURE_MIN_SPAN_MS = 10_000;

/** part / whole × 100; null when either is unknown or the whole is not positive. */
export function percentOf(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return (part / whole) * 100;
}

/**
 * ECC errors (corrected + uncorrected) added since the previous sample that reported them, and
 * remembers this sample's total. No previous total: null. A counter reset (the total went down): 0.
 */
export function eccIncrease(gpu: GpuTrack, sample: GpuSample): number | null {
  const corrected = sample.eccErrorsCorrected;
  const uncorrected = sample.eccErrorsUncorrected;
  if (corrected === null && uncorrected === null) return null;
  const total = (corrected ?? 0) + (uncorrected ?? 0);
  const previous = gpu.eccTotal;
  gpu.eccTotal = total;
  if (previous === null) return null;
  return total > previous ? total - previous : 0;
}

/**
 * Adds the sample's temperature to the GPU's recent history and returns the rise over that history
 * in °C per minute: (newest − oldest) / their time apart. Null while the history spans under 10 s
 * or the sample has no temperature. A sample older than the newest kept (the clock went back)
 * starts the history over.
 */
export function temperatureRise(gpu: GpuTrack, sample: GpuSample): number | null {
  const celsius = sample.temperatureC;
  if (celsius === null) return null;
  const times = gpu.temperatureTs;
  const temps = gpu.temperatureC;
  const ts = sample.ts;
  const newest = times.length > gpu.temperatureStart ? times[times.length - 1] : undefined;
  if (newest !== undefined && ts < newest) {
    times.length = 0;
    temps.length = 0;
    gpu.temperatureStart = 0;
  }
  times.push(ts);
  temps.push(celsius);
  let start = gpu.temperatureStart;
  const oldestKept = ts - TEMPERATURE_WINDOW_MS;
  while ((times[start] ?? ts) < oldestKept) start++;
  // Drop the expired head in batches, so a push costs O(1) amortised.
  if (start >= 64 && start * 2 >= times.length) {
    times.splice(0, start);
    temps.splice(0, start);
    start = 0;
  }
  gpu.temperatureStart = start;
  const oldestTs = times[start] ?? ts;
  const spanMs = ts - oldestTs;
  if (spanMs < TEMPERATURE_MIN_SPAN_MS) return null;
  return ((celsius - (temps[start] ?? celsius)) / spanMs) * 60_000;
}
