import { ManualClock } from '@gpu-sentinel/core';
import { GpuInfo, GpuProcess } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { RecordingListener, waitFor } from '../../test/recording-listener.js';
import { Sampler } from '../sampler.js';
import { SimulatedSource } from './simulated-source.js';

const host = { hostId: 'sim-host', hostname: 'sim-box' };

describe('SimulatedSource', () => {
  it('ticks N GPUs at the interval, labelled simulated, with valid inventory, samples and processes', async () => {
    const source = new SimulatedSource({ ...host, gpuCount: 3, intervalMs: 20, processIntervalMs: 100 });
    const listener = new RecordingListener();
    source.start(listener);
    await waitFor('ticks and processes', () => listener.ticks.length >= 10 && listener.processes.length >= 2);
    await source.stop();

    expect(listener.states.map((s) => s.status)).toEqual(['running', 'stopped']);
    expect(listener.states[0]).toMatchObject({ kind: 'simulated', isSimulated: true, reason: null });
    const inventory = listener.inventories[0] ?? [];
    expect(inventory.map((g) => g.name)).toEqual([
      'NVIDIA H100 80GB HBM3',
      'NVIDIA GeForce RTX 4090',
      'NVIDIA A100-SXM4-80GB',
    ]);
    for (const gpu of inventory) expect(GpuInfo.parse(gpu)).toEqual(gpu);
    const sampler = new Sampler({ hostId: host.hostId, clock: new ManualClock(1) });
    for (const tick of listener.ticks) expect(sampler.sample(tick.readings)).toHaveLength(3);
    expect(sampler.invalidCount).toBe(0);
    for (const processes of listener.processes) for (const p of processes) expect(GpuProcess.parse(p)).toEqual(p);
    const leak = listener.processes.flat().find((p) => p.name === '/usr/bin/python3');
    expect(leak?.uuid).toBe(inventory[1]?.uuid);

    const count = listener.ticks.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(listener.ticks).toHaveLength(count);
  });

  it('gives the same GPUs and the same readings for the same seed', async () => {
    const run = async (seed: number) => {
      const source = new SimulatedSource({ ...host, seed, gpuCount: 2, intervalMs: 10 });
      const listener = new RecordingListener();
      source.start(listener);
      await waitFor('ticks', () => listener.ticks.length >= 5);
      await source.stop();
      return {
        uuids: source.inventory().map((g) => g.uuid),
        readings: listener.ticks.slice(0, 5).map((t) => t.readings),
      };
    };
    const [a, b, c] = [await run(1), await run(1), await run(2)];
    expect(a).toEqual(b);
    expect(c.uuids).not.toEqual(a.uuids);
  });

  it('follows a new interval', async () => {
    const source = new SimulatedSource({ ...host, gpuCount: 1, intervalMs: 1_000 });
    const listener = new RecordingListener();
    source.start(listener);
    source.setIntervalMs(10);
    await waitFor('fast ticks', () => listener.ticks.length >= 5, 500);
    await source.stop();
  });
});
