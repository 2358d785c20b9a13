import { ManualClock } from '@gpu-sentinel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { gpuInfo, gpuSample, makeTempDir, type TempDir } from './test-fixtures.js';

const T0 = 1_767_225_600_000;
const A = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';
const B = 'GPU-bbbbbbbb-0000-0000-0000-000000000002';
const NEW = 'GPU-cccccccc-0000-0000-0000-000000000003';

let dir: TempDir;
let clock: ManualClock;
let store: Store;
const open = async () => {
  store = createSqliteStore({ dataDir: dir.path, clock });
  await store.migrate();
};
beforeEach(async () => {
  dir = makeTempDir();
  clock = new ManualClock(T0);
  await open();
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const everything = (uuid: string) => store.history({ uuid, from: 0, to: T0 + 10_000_000, points: 1 });
/** Each sample in its own 1 ms bucket: the raw rows as written. */
const rawRows = async (uuid: string, from = T0, to = T0 + 100_000) =>
  (await store.history({ uuid, from, to, points: to - from })).points;

describe('sqlite store: inventory and hosts', () => {
  it('lists hosts with their GPU count and the time they were last heard from', async () => {
    await store.upsertInventory([gpuInfo({ uuid: A }), gpuInfo({ uuid: B, index: 1 })]);
    await store.upsertInventory([gpuInfo({ uuid: NEW, hostId: 'host-b', hostname: 'rack-2', cudaVersion: null })]);
    expect(await store.listHosts()).toEqual([
      {
        hostId: 'host-b',
        hostname: 'rack-2',
        driverVersion: '550.54.15',
        cudaVersion: null,
        gpuCount: 1,
        lastSeenAt: T0,
        firstSeenAt: T0,
        labels: {},
        agentVersion: null,
      },
      {
        hostId: 'host-a',
        hostname: 'workstation',
        driverVersion: '550.54.15',
        cudaVersion: '12.4',
        gpuCount: 2,
        lastSeenAt: T0,
        firstSeenAt: T0,
        labels: {},
        agentVersion: null,
      },
    ]);

    await store.insertSamples([gpuSample({ uuid: A, ts: T0 + 5_000 }), gpuSample({ uuid: A, ts: T0 + 4_000 })]);
    await store.insertSamples([gpuSample({ uuid: A, ts: T0 + 1_000 })]); // a late batch never moves it back
    expect((await store.listHosts()).find((host) => host.hostId === 'host-a')?.lastSeenAt).toBe(T0 + 5_000);
  });

  it('keys GPUs by uuid: the same GPU under a new index after a reboot keeps its history', async () => {
    await store.upsertInventory([gpuInfo({ uuid: A, index: 0 }), gpuInfo({ uuid: B, index: 1 })]);
    await store.insertSamples([gpuSample({ uuid: A, ts: T0, temperatureC: 40 })]);
    clock.advance(60_000);
    await store.upsertInventory([
      gpuInfo({ uuid: A, index: 1, driverVersion: '560.35.03' }),
      gpuInfo({ uuid: B, index: 0, driverVersion: '560.35.03' }),
    ]);
    await store.insertSamples([gpuSample({ uuid: A, index: 1, ts: T0 + 1_000, temperatureC: 50 })]);

    expect((await rawRows(A)).map((p) => p.temperatureC)).toEqual([40, 50]);
    expect(await store.listHosts()).toEqual([
      expect.objectContaining({ driverVersion: '560.35.03', gpuCount: 2, lastSeenAt: T0 + 60_000 }),
    ]);
  });

  it('registers a GPU it has never seen from its first sample rather than dropping the samples', async () => {
    await store.insertSamples([gpuSample({ uuid: NEW, hostId: 'host-z', ts: T0, powerDrawW: 123 })]);
    expect((await everything(NEW)).points).toEqual([expect.objectContaining({ powerDrawW: 123 })]);
    expect(await store.listHosts()).toEqual([
      {
        hostId: 'host-z',
        hostname: 'host-z',
        driverVersion: null,
        cudaVersion: null,
        gpuCount: 1,
        lastSeenAt: T0,
        firstSeenAt: T0,
        labels: {},
        agentVersion: null,
      },
    ]);

    await store.upsertInventory([gpuInfo({ uuid: NEW, hostId: 'host-z', hostname: 'lab-box' })]);
    expect(await store.listHosts()).toEqual([expect.objectContaining({ hostname: 'lab-box', gpuCount: 1 })]);
  });
});

describe('sqlite store: writing samples', () => {
  beforeEach(() => store.upsertInventory([gpuInfo({ uuid: A })]));

  it('stores every field a sample carries, nulls as nulls', async () => {
    await store.insertSamples([
      gpuSample({ uuid: A, ts: T0, memoryUsedMiB: 20_480.5, memoryTotalMiB: 24_564, pcieRxKBps: null }),
    ]);
    const [point] = await rawRows(A);
    expect(point).toMatchObject({ ts: T0, memoryUsedMiB: 20_480.5, memoryTotalMiB: 24_564, pcieRxKBps: null });
  });

  it('writes nothing of a batch when one row fails', async () => {
    const batch = Array.from({ length: 1_000 }, (_, i) => gpuSample({ uuid: A, ts: T0 + i, temperatureC: 60 }));
    batch[500] = gpuSample({ uuid: A, ts: Number.NaN }); // NaN binds as NULL: NOT NULL fails mid-batch
    batch.push(gpuSample({ uuid: NEW, hostId: 'host-new', ts: T0 }));

    await expect(store.insertSamples(batch)).rejects.toThrow(/NOT NULL/);
    expect((await everything(A)).points).toEqual([]);
    // The GPU registered inside the failed batch was rolled back with it...
    expect((await store.listHosts()).map((host) => host.hostId)).toEqual(['host-a']);
    // ...and is registered afresh by the next batch that mentions it.
    await store.insertSamples([gpuSample({ uuid: NEW, hostId: 'host-new', ts: T0, fanSpeedPct: 33 })]);
    expect((await everything(NEW)).points).toEqual([expect.objectContaining({ fanSpeedPct: 33 })]);
  });

  it('rejects a batch on a closed store, and the file holds none of it', async () => {
    await store.insertSamples([gpuSample({ uuid: A, ts: T0, temperatureC: 41 })]);
    await store.close();
    await expect(store.insertSamples([gpuSample({ uuid: A, ts: T0 + 1, temperatureC: 99 })])).rejects.toThrow();

    await open();
    expect((await rawRows(A)).map((p) => [p.ts, p.temperatureC])).toEqual([[T0, 41]]);
  });

  it('keeps the data across a close and reopen of the file', async () => {
    const samples = Array.from({ length: 2_400 }, (_, i) =>
      gpuSample({ uuid: A, ts: T0 + i * 250, utilizationGpuPct: i % 100, throttleReasons: ['sw_power_cap'] }),
    );
    await store.insertSamples(samples);
    const before = await store.history({ uuid: A, from: T0, to: T0 + 600_000, points: 10 });
    await store.close();

    await open();
    const after = await store.history({ uuid: A, from: T0, to: T0 + 600_000, points: 10 });
    expect(after).toEqual(before);
    expect(after.points).toHaveLength(10);
    expect(after.points[0]?.utilizationGpuPct).toBeCloseTo(44.5); // 240 samples: 0..99, 0..99, 0..39
  });

  it('accepts an empty batch', async () => {
    await expect(store.insertSamples([])).resolves.toBeUndefined();
  });
});
