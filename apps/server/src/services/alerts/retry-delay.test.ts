import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [6, 160_000],
  ])('after try %i waits between half and all of %i ms', (attempts, ceiling) => {
    expect(retryDelayMs(attempts, 5_000, () => 0)).toBe(ceiling / 2);
    expect(retryDelayMs(attempts, 5_000, () => 0.999_999)).toBeCloseTo(ceiling, -1);
  });

  it('never waits longer than an hour, however many tries', () => {
    expect(retryDelayMs(40, 5_000, () => 0.999_999)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(40, 5_000, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });
});
