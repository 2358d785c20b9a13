import { HISTORY_TIERS } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { resolutionLabel, tierLabel } from './tier-label';

describe('tier labels', () => {
  it('names every tier the server reads from or exports, each differently', () => {
    const labels = HISTORY_TIERS.map(tierLabel);
    expect(labels).toEqual(['raw samples', '1-minute rollups', '10-minute rollups', '1-hour rollups']);
  });

  it('says which rollups a month-long view was read from and how wide a point is', () => {
    expect(resolutionLabel('10m', 50 * 60_000)).toBe('10-minute rollups, one point per 50 min');
  });
});
