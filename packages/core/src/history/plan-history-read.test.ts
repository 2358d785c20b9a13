import { describe, expect, it } from 'vitest';
import { planHistoryRead } from './plan-history-read.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const retentionMs = { raw: 48 * HOUR, '1m': 30 * DAY, '1h': 400 * DAY };
const now = Date.UTC(2026, 10, 26, 12);

describe('planHistoryRead', () => {
  it('reads raw samples when a bucket is narrower than a minute', () => {
    expect(planHistoryRead({ from: now - HOUR, to: now, points: 900, now, retentionMs })).toEqual({
      tier: 'raw',
      bucketMs: 4_000,
      origin: now - HOUR,
    });
  });

  it('reads 1-minute rollups for 30 days in 1,000 points, in whole-minute buckets', () => {
    const plan = planHistoryRead({ from: now - 30 * DAY, to: now, points: 1_000, now, retentionMs });
    expect(plan.tier).toBe('1m');
    expect(plan.bucketMs % 60_000).toBe(0);
    expect(Math.ceil((now - plan.origin) / plan.bucketMs)).toBeLessThanOrEqual(1_000);
  });

  it('reads 1-hour rollups for a year', () => {
    expect(planHistoryRead({ from: now - 365 * DAY, to: now, points: 1_000, now, retentionMs }).tier).toBe('1h');
  });

  it('falls back to a coarser tier when the finer one has dropped the start of the range', () => {
    const plan = planHistoryRead({ from: now - 3 * DAY, to: now - 3 * DAY + HOUR, points: 900, now, retentionMs });
    expect(plan).toEqual({ tier: '1m', bucketMs: 60_000, origin: now - 3 * DAY });
  });
});
