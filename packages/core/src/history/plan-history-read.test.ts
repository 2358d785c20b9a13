import { describe, expect, it } from 'vitest';
import { planHistoryRead } from './plan-history-read.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const retentionMs = { raw: 48 * HOUR, '1m': 30 * DAY, '10m': 90 * DAY, '1h': 400 * DAY };
const now = Date.UTC(2026, 10, 26, 12);

describe('planHistoryRead', () => {
  it('reads raw samples when a bucket is narrower than a minute', () => {
    expect(planHistoryRead({ from: now - HOUR, to: now, points: 900, now, retentionMs })).toEqual({
      tier: 'raw',
      bucketMs: 4_000,
      origin: now - HOUR,
    });
  });

  it('reads 1-minute rollups for a day in 1,000 points', () => {
    const plan = planHistoryRead({ from: now - DAY, to: now, points: 1_000, now, retentionMs });
    expect(plan).toEqual({ tier: '1m', bucketMs: 2 * MINUTE, origin: now - DAY });
  });

  it('reads 10-minute rollups for 30 days in 1,000 points, in whole 10-minute buckets', () => {
    const plan = planHistoryRead({ from: now - 30 * DAY, to: now, points: 1_000, now, retentionMs });
    expect(plan.tier).toBe('10m');
    expect(plan.bucketMs % (10 * MINUTE)).toBe(0);
    expect(Math.ceil((now - plan.origin) / plan.bucketMs)).toBeLessThanOrEqual(1_000);
  });

  it('reads 1-hour rollups for a year', () => {
    expect(planHistoryRead({ from: now - 365 * DAY, to: now, points: 1_000, now, retentionMs }).tier).toBe('1h');
  });

  it('falls back to a coarser tier when the finer one has dropped the start of the range', () => {
    const plan = planHistoryRead({ from: now - 3 * DAY, to: now - 3 * DAY + HOUR, points: 900, now, retentionMs });
    expect(plan).toEqual({ tier: '1m', bucketMs: MINUTE, origin: now - 3 * DAY });
  });

  it('falls back to 10-minute rollups past the 1-minute retention, floored to whole 10 minutes', () => {
    const from = now - 40 * DAY + 7 * MINUTE;
    const plan = planHistoryRead({ from, to: from + 10 * HOUR, points: 1_000, now, retentionMs });
    expect(plan).toEqual({ tier: '10m', bucketMs: 10 * MINUTE, origin: from - 7 * MINUTE });
  });

  it('falls back to 1-hour rollups past the 10-minute retention', () => {
    const from = now - 100 * DAY;
    expect(planHistoryRead({ from, to: from + 10 * HOUR, points: 1_000, now, retentionMs })).toEqual({
      tier: '1h',
      bucketMs: HOUR,
      origin: from,
    });
  });

  it('reads 1-hour rollups for 30 days when 10-minute rollups are kept for less', () => {
    const shortTenMinutes = { ...retentionMs, '10m': 20 * DAY };
    const plan = planHistoryRead({ from: now - 30 * DAY, to: now, points: 1_000, now, retentionMs: shortTenMinutes });
    expect(plan.tier).toBe('1h');
  });
});
