import { quantile, round } from './stats.js';

/**
 * Run `fn` one call after another, `times` times — or fewer once `budgetMs` has been spent, but
 * never fewer than `atLeast` — and return each call's wall time in ms.
 */
export async function timeEach(
  fn: () => Promise<unknown>,
  limits: { times: number; budgetMs?: number; atLeast?: number },
): Promise<number[]> {
  const durations: number[] = [];
  const started = performance.now();
  const budgetMs = limits.budgetMs ?? Number.POSITIVE_INFINITY;
  const atLeast = Math.min(limits.times, limits.atLeast ?? 1);
  while (durations.length < limits.times) {
    if (durations.length >= atLeast && performance.now() - started > budgetMs) break;
    const begun = performance.now();
    await fn();
    durations.push(performance.now() - begun);
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
