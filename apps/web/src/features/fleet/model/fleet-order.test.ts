import { describe, expect, it } from 'vitest';
import { snapshotFleet } from './fleet-hosts';
import { labelChoices, orderFleet } from './fleet-order';
import { NOW_TS, gpu, host } from './fleet-test-data';
import { DEFAULT_FLEET_VIEW, type FleetViewState } from './fleet-url';

const fleet = snapshotFleet(
  [
    host('node-2', { labels: { pool: 'training', rack: 'r1' } }),
    host('node-10', { labels: { pool: 'inference', rack: 'r1' } }),
    host('node-1', { labels: { pool: 'training', rack: 'r2' } }),
    host('gone', { status: 'offline', lastSeenAt: NOW_TS - 600_000, labels: { pool: 'training' } }),
  ],
  [
    gpu('node-2', 0, { utilizationGpuPct: 20, temperatureC: 82, memoryUsedMiB: 100 }),
    gpu('node-2', 1, { utilizationGpuPct: 70, temperatureC: 60, memoryUsedMiB: 100 }),
    gpu('node-10', 0, { utilizationGpuPct: 95, temperatureC: 50, memoryUsedMiB: 80_000 }),
    gpu('node-1', 0, { utilizationGpuPct: 5, temperatureC: 40, memoryUsedMiB: 100 }),
    gpu('node-1', 1, { utilizationGpuPct: null, temperatureC: 41, memoryUsedMiB: 100 }),
    gpu('gone', 0, { utilizationGpuPct: 100, ts: NOW_TS - 600_000 }, true),
  ],
  NOW_TS,
  250,
);
const view = (overrides: Partial<FleetViewState>) => orderFleet(fleet, { ...DEFAULT_FLEET_VIEW, ...overrides });

describe('fleet order', () => {
  it('sorts hosts by their highest fresh value, unknown and offline last, GPUs likewise', () => {
    const byUtil = view({ sort: 'util' });
    expect(byUtil.hostIds).toEqual(['node-10', 'node-2', 'node-1', 'gone']);
    expect(byUtil.gpuOrder.get('node-2')).toEqual(['node-2-GPU-1', 'node-2-GPU-0']);
    expect(byUtil.gpuOrder.get('node-1')).toEqual(['node-1-GPU-0', 'node-1-GPU-1']);
    expect(view({ sort: 'temp' }).hostIds).toEqual(['node-2', 'node-10', 'node-1', 'gone']);
    expect(view({ sort: 'mem' }).hostIds[0]).toBe('node-10');
  });

  it('sorts by hostname in natural order, GPUs by index', () => {
    const byName = view({ sort: 'host' });
    expect(byName.hostIds).toEqual(['gone', 'node-1', 'node-2', 'node-10']);
    expect(byName.gpuOrder.get('node-2')).toEqual(['node-2-GPU-0', 'node-2-GPU-1']);
  });

  it('filters by state: host status, or any GPU busy, idle, hot or stale', () => {
    expect(view({ state: 'offline' }).hostIds).toEqual(['gone']);
    expect(view({ state: 'online' }).hostIds).toHaveLength(3);
    expect(view({ state: 'busy' }).hostIds).toEqual(['node-10', 'node-2']);
    expect(view({ state: 'idle' }).hostIds).toEqual(['node-1']);
    expect(view({ state: 'hot' }).hostIds).toEqual(['node-2']);
    expect(view({ state: 'stale' }).hostIds).toEqual(['gone']);
  });

  it('filters by text on hostname or label value, and by every chosen label', () => {
    expect(view({ text: 'NODE-1', sort: 'host' }).hostIds).toEqual(['node-1', 'node-10']);
    expect(view({ text: 'inference' }).hostIds).toEqual(['node-10']);
    expect(view({ text: 'rack=r2' }).hostIds).toEqual(['node-1']);
    expect(view({ labels: ['pool=training'], sort: 'host' }).hostIds).toEqual(['gone', 'node-1', 'node-2']);
    expect(view({ labels: ['pool=training', 'rack=r1'] }).hostIds).toEqual(['node-2']);
    expect(view({ labels: ['pool=gpu'] }).hostIds).toEqual([]);
  });

  it('offers every label present as a chip', () => {
    expect(labelChoices(fleet)).toEqual(['pool=inference', 'pool=training', 'rack=r1', 'rack=r2']);
  });
});
