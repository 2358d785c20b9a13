import { describe, expect, it } from 'vitest';
import { compactColumns, inRows, isFleetDensity, shownDensity } from './fleet-density';

describe('fleet density', () => {
  it('goes compact for more than 24 hosts shown, unless a density is chosen', () => {
    expect(shownDensity(null, 0)).toBe('comfortable');
    expect(shownDensity(null, 24)).toBe('comfortable');
    expect(shownDensity(null, 25)).toBe('compact');
    expect(shownDensity(null, 640)).toBe('compact');
    expect(shownDensity('comfortable', 640)).toBe('comfortable');
    expect(shownDensity('compact', 3)).toBe('compact');
  });

  it('knows its names and nothing else', () => {
    expect(isFleetDensity('compact')).toBe(true);
    expect(isFleetDensity('comfortable')).toBe(true);
    expect(isFleetDensity('dense')).toBe(false);
    expect(isFleetDensity(null)).toBe(false);
  });

  it('fits several columns of host lines on a wide screen and one on a phone', () => {
    expect(compactColumns(1400)).toBe(4);
    expect(compactColumns(700)).toBe(2);
    expect(compactColumns(692)).toBe(2);
    expect(compactColumns(691)).toBe(1);
    expect(compactColumns(350)).toBe(1);
    expect(compactColumns(0)).toBe(1);
    expect(compactColumns(Number.NaN)).toBe(1);
  });

  it('cuts hosts into rows in reading order, the last row short', () => {
    expect(inRows(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(inRows(['a', 'b'], 4)).toEqual([['a', 'b']]);
    expect(inRows([], 3)).toEqual([]);
    expect(inRows(['a', 'b'], 0)).toEqual([['a'], ['b']]);
  });
});
