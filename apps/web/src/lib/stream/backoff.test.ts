import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from 500 ms with up to half of it random, capped at 30 s', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(250);
    expect(backoffDelayMs(0, () => 1)).toBe(500);
    expect(backoffDelayMs(3, () => 0)).toBe(2_000);
    expect(backoffDelayMs(3, () => 1)).toBe(4_000);
    expect(backoffDelayMs(20, () => 1)).toBe(30_000);
    expect(backoffDelayMs(20, () => 0)).toBe(15_000);
  });
});
