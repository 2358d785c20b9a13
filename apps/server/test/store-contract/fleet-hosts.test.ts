import { ManualClock } from '@gpu-sentinel/core';
import { describe, expect, it } from 'vitest';
import {
  GPU_A,
  GPU_B,
  GPU_UNKNOWN,
  gpuInfo,
  materialise,
  replay,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const HOST = {
  hostId: 'host-a',
  hostname: 'workstation',
  labels: { rack: 'r1', team: 'vision' },
  agentVersion: '1.4.0',
};

describe.each(ENGINES)('$name store: fleet hosts', (engine) => {
  const open = storeOpener(engine);

  it('registers a host with its labels and agent version, and lists them back', async () => {
    const store = await open();
    await store.upsertHost({ ...HOST, seenAt: T0 });
    expect(await store.listHosts()).toEqual([
      {
        hostId: 'host-a',
        hostname: 'workstation',
        driverVersion: null,
        cudaVersion: null,
        gpuCount: 0,
        lastSeenAt: T0,
        firstSeenAt: T0,
        labels: { rack: 'r1', team: 'vision' },
        agentVersion: '1.4.0',
      },
    ]);
  });

  it('updates name, labels and version; first seen stays, last seen never moves back', async () => {
    const store = await open();
    await store.upsertHost({ ...HOST, seenAt: T0 + 10_000 });
    await store.upsertHost({ ...HOST, hostname: 'ws-2', labels: { rack: 'r2' }, agentVersion: '1.5.0', seenAt: T0 });
    expect(await store.listHosts()).toEqual([
      expect.objectContaining({
        hostname: 'ws-2',
        labels: { rack: 'r2' },
        agentVersion: '1.5.0',
        firstSeenAt: T0 + 10_000,
        lastSeenAt: T0 + 10_000,
      }),
    ]);
    await store.upsertHost({ ...HOST, labels: {}, agentVersion: null, seenAt: T0 + 20_000 });
    expect(await store.listHosts()).toEqual([
      expect.objectContaining({ labels: {}, agentVersion: null, lastSeenAt: T0 + 20_000 }),
    ]);
  });

  it('lists the stored inventory of the hosts heard from since a time, as it was stored', async () => {
    const store = await open({ clock: new ManualClock(T0) });
    const gpus = [
      gpuInfo({ uuid: GPU_A }),
      gpuInfo({ uuid: GPU_B, index: 1, persistenceMode: null, migMode: 'Enabled' }),
    ];
    await store.upsertInventory(gpus);
    await store.upsertInventory([gpuInfo({ uuid: GPU_UNKNOWN, hostId: 'host-gone', hostname: 'retired' })]);
    await store.upsertHost({ ...HOST, seenAt: T0 + 60_000 });
    expect(await store.listInventory(T0 + 30_000)).toEqual(gpus);
    expect((await store.listInventory(T0)).map((gpu) => gpu.hostId)).toEqual(['host-gone', 'host-a', 'host-a']);
  });

  it('keeps what the inventory and the registration each know of a host', async () => {
    const store = await open({ clock: new ManualClock(T0) });
    await store.upsertHost({ ...HOST, seenAt: T0 });
    await withTwoGpus(store);
    await store.upsertHost({ ...HOST, seenAt: T0 + 1_000 });
    expect(await store.listHosts()).toEqual([
      expect.objectContaining({
        driverVersion: '550.54.15',
        cudaVersion: '12.4',
        gpuCount: 2,
        labels: HOST.labels,
        agentVersion: '1.4.0',
        lastSeenAt: T0 + 1_000,
      }),
    ]);
    // A host first known from its inventory or an alert has no labels and no agent version.
    await store.upsertInventory([gpuInfo({ uuid: 'GPU-c', hostId: 'host-c', hostname: 'rack-3' })]);
    expect((await store.listHosts()).find((host) => host.hostId === 'host-c')).toMatchObject({
      labels: {},
      agentVersion: null,
    });
  });

  it('reads labels that are not valid stored JSON labels as none', async () => {
    const source = await open();
    await source.upsertHost({ ...HOST, seenAt: T0 });
    await source.upsertHost({ ...HOST, hostId: 'host-b', hostname: 'other', seenAt: T0 });
    const dump = await materialise(source.dumpTables());
    const hosts = dump.find((table) => table.table === 'hosts');
    if (hosts === undefined) throw new Error('the dump holds no hosts');
    const labelsAt = hosts.columns.indexOf('labels');
    const corrupt = ['{not json', '{"Bad Key!":"x"}'];
    hosts.rows = hosts.rows.map((row, i) =>
      row.map((value, column) => (column === labelsAt ? (corrupt[i] ?? value) : value)),
    );

    const target = await open();
    await target.restoreTables(replay(dump), { replace: true });
    expect((await target.listHosts()).map((host) => [host.hostId, host.labels])).toEqual([
      ['host-b', {}],
      ['host-a', {}],
    ]);
  });

  it('backs up and restores labels, agent versions and stream marks', async () => {
    const source = await withTwoGpus(await open());
    await source.upsertHost({ ...HOST, seenAt: T0 });
    const mark = { streamId: '7f1c3a52-0000-4000-8000-000000000001', hostId: 'host-a', seq: 12 };
    await source.writeSegments([{ samples: [], mark }]);
    const target = await open();
    await target.restoreTables(replay(await materialise(source.dumpTables())), { replace: false });
    expect(await target.listHosts()).toEqual(await source.listHosts());
    expect(await target.streamMark(mark.streamId)).toBe(12);
    expect(await target.writeSegments([{ samples: [], mark }])).toMatchObject({ duplicateSegments: 1 });
    expect((await target.listHosts())[0]?.labels).toEqual(HOST.labels);
  });
});
