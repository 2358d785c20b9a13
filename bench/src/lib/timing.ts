import { quantile, round } from './stats.js';

/** Run `fn` `times` times, one after another, and return each run's wall time in ms. */
export async function timeEach(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await fn();
    durations.push(performance.now() - started);
  }
  return durations;
}

export interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function percentiles(durationsMs: readonly number[]): Percentiles {
  return {
    p50Ms: round(quantile(durationsMs, 0.5), 1),
    p95Ms: round(quantile(durationsMs, 0.95), 1),
    maxMs: round(Math.max(...durationsMs), 1),
  };
}
