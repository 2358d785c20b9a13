import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../../../lib/router';

describe('fleet routes', () => {
  it('match the fleet and one host, whatever its id holds', () => {
    expect(matchRoute(paths.fleet)).toEqual({ name: 'fleet' });
    expect(matchRoute('/fleet/')).toEqual({ name: 'fleet' });
    expect(matchRoute(paths.fleetHost('gpu-node-07.lab'))).toEqual({ name: 'fleet-host', hostId: 'gpu-node-07.lab' });
    expect(matchRoute(paths.fleetHost('a/b'))).toEqual({ name: 'fleet-host', hostId: 'a/b' });
    expect(matchRoute('/fleet/%E0%A4%A')).toEqual({ name: 'not-found' });
    expect(matchRoute('/fleet/a/b')).toEqual({ name: 'not-found' });
  });
});
