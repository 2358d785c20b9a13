import { describe, expect, it } from 'vitest';
import { fleetCounts, groupViewsByHost, snapshotFleet } from './fleet-hosts';
import { NOW_TS, gpu, host } from './fleet-test-data';

describe('fleet snapshot', () => {
  it('groups the stream’s GPUs by host in index order, and lists hosts the host list does not know yet', () => {
    const views = [gpu('b', 1), gpu('a', 0), gpu('b', 0)];
    expect([...groupViewsByHost(views)].map(([id, group]) => [id, group.map((v) => v.info.index)])).toEqual([
      ['b', [0, 1]],
      ['a', [0]],
    ]);
    const hosts = snapshotFleet([host('a'), host('c', { hostname: 'c.example' })], views, NOW_TS, 250);
    expect(hosts.map((each) => [each.hostId, each.hostname, each.gpus.length, each.facts !== null])).toEqual([
      ['a', 'a', 1, true],
      ['c', 'c.example', 0, true],
      ['b', 'b', 2, false],
    ]);
  });

  it('judges GPUs busy, idle, hot and stale; a stale GPU is none of the others', () => {
    const views = [
      gpu('a', 0, { utilizationGpuPct: 50, temperatureC: 80 }),
      gpu('a', 1, { utilizationGpuPct: 9, temperatureC: 79 }),
      gpu('a', 2, { utilizationGpuPct: 99, temperatureC: 90, ts: NOW_TS - 1_000 }),
      gpu('a', 3, null),
    ];
    const [a] = snapshotFleet([host('a')], views, NOW_TS, 250);
    expect(a?.gpus.map((g) => [g.isBusy, g.isIdle, g.isHot, g.isStale])).toEqual([
      [true, false, true, false],
      [false, true, false, false],
      [false, false, false, true],
      [false, false, false, true],
    ]);
  });

  it('turns a host offline once its newest sample is older than the offline limit, whatever the last poll said', () => {
    const views = [gpu('a', 0, { ts: NOW_TS - 16_000 }), gpu('b', 0, { ts: NOW_TS - 2_000 })];
    const hosts = snapshotFleet(
      [host('a', { lastSeenAt: NOW_TS - 20_000 }), host('b', { status: 'offline' })],
      views,
      NOW_TS,
      250,
    );
    expect(hosts.map((each) => [each.hostId, each.status, each.lastSeenTs])).toEqual([
      ['a', 'offline', NOW_TS - 16_000],
      ['b', 'online', NOW_TS],
    ]);
    // Before the server's time is known, the host list's word stands.
    expect(snapshotFleet([host('b', { status: 'offline' })], [], null, 250)[0]?.status).toBe('offline');
  });

  it('counts hosts online and offline and GPUs busy, idle, hot and stale', () => {
    const views = [
      gpu('a', 0, { utilizationGpuPct: 90, temperatureC: 85 }),
      gpu('a', 1, { utilizationGpuPct: 2 }),
      gpu('b', 0, { ts: NOW_TS - 60_000 }),
    ];
    const hosts = snapshotFleet([host('a'), host('b', { lastSeenAt: NOW_TS - 60_000 })], views, NOW_TS, 250);
    expect(fleetCounts(hosts)).toEqual({
      hostsOnline: 1,
      hostsOffline: 1,
      gpus: 3,
      gpusBusy: 1,
      gpusIdle: 1,
      gpusHot: 1,
      gpusStale: 1,
    });
  });
});
