import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FLEET_VIEW,
  fleetSearch,
  parseFleetSearch,
  toggleLabel,
  withSort,
  withoutFilters,
  type FleetViewState,
} from './fleet-url';

describe('fleet view in the URL', () => {
  it('leaves the defaults out, so the plain page has a plain URL', () => {
    expect(fleetSearch(DEFAULT_FLEET_VIEW)).toBe('');
    expect(parseFleetSearch('')).toEqual(DEFAULT_FLEET_VIEW);
  });

  it('round-trips every filter and sort', () => {
    const state: FleetViewState = {
      text: 'node 7',
      labels: ['pool=training', 'rack=r1'],
      state: 'hot',
      sort: 'host',
      metric: 'temp',
      density: 'compact',
    };
    const search = fleetSearch(state);
    expect(search).toBe('?q=node+7&label=pool=training&label=rack=r1&state=hot&sort=host&metric=temp&density=compact');
    expect(parseFleetSearch(search)).toEqual(state);
  });

  it('lets the metric follow the sort unless it was chosen', () => {
    expect(parseFleetSearch('?sort=temp').metric).toBe('temp');
    expect(fleetSearch({ ...DEFAULT_FLEET_VIEW, sort: 'mem', metric: 'mem' })).toBe('?sort=mem');
    expect(withSort(DEFAULT_FLEET_VIEW, 'temp').metric).toBe('temp');
    expect(withSort({ ...DEFAULT_FLEET_VIEW, metric: 'mem' }, 'temp').metric).toBe('mem');
  });

  it('keeps a chosen density, either one, and leaves it out when it follows the host count', () => {
    for (const density of ['compact', 'comfortable'] as const) {
      const search = fleetSearch({ ...DEFAULT_FLEET_VIEW, density });
      expect(search).toBe(`?density=${density}`);
      expect(parseFleetSearch(search).density).toBe(density);
    }
    expect(parseFleetSearch('?density=tiny').density).toBeNull();
    expect(fleetSearch({ ...DEFAULT_FLEET_VIEW, density: null })).toBe('');
  });

  it('clears the filters but keeps how the fleet is drawn', () => {
    const view = parseFleetSearch('?q=a&label=rack=r1&state=hot&sort=temp&metric=mem&density=compact');
    expect(fleetSearch(withoutFilters(view))).toBe('?sort=temp&metric=mem&density=compact');
  });

  it('falls back to the defaults for anything unreadable, and reads each label once', () => {
    expect(
      parseFleetSearch('?state=melting&sort=price&metric=fan&density=huge&label=nolabel&label=a=1&label=a=1'),
    ).toEqual({
      ...DEFAULT_FLEET_VIEW,
      labels: ['a=1'],
    });
    const withLabel = toggleLabel(DEFAULT_FLEET_VIEW, 'zone=b');
    expect(withLabel.labels).toEqual(['zone=b']);
    expect(toggleLabel(withLabel, 'zone=b').labels).toEqual([]);
  });
});
