import type { GpusResponse } from '@gpu-sentinel/protocol';
import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { gpusQueryOptions } from '../api/get-gpus';
import { liveStoreOf } from '../live/live-store';
import { createQueryClient } from '../query-client';
import { gpuInfo, gpuSample, systemStatus } from '../../test/fixtures';
import { gpuViewOf } from './gpus-cache';
import { createStreamApplier } from './stream-applier';

const HOSTS = ['host-a', 'host-b', 'host-c'];
const info = (host: string, index: number) => gpuInfo(index, { hostId: host, uuid: `${host}/${String(index)}` });
const sample = (host: string, index: number, ts: number, utilizationGpuPct = 50) =>
  gpuSample(index, ts, { hostId: host, uuid: `${host}/${String(index)}`, utilizationGpuPct });

/** A fleet applier whose flush timer the test fires by hand. */
function fleetApplier() {
  const client = createQueryClient();
  const timers: (() => void)[] = [];
  const applier = createStreamApplier(client, 100, {
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => timers.splice(0),
  });
  applier.apply({
    type: 'snapshot',
    system: systemStatus(),
    inventory: HOSTS.flatMap((host) => [info(host, 0), info(host, 1)]),
    samples: HOSTS.flatMap((host) => [sample(host, 0, 1_000), sample(host, 1, 1_000)]),
  });
  const fireTimer = () => timers.splice(0).forEach((callback) => callback());
  return { client, applier, fireTimer };
}

const latestUtil = (client: ReturnType<typeof createQueryClient>, uuid: string) => {
  const response = client.getQueryData(gpusQueryOptions().queryKey);
  return response ? gpuViewOf(response, uuid)?.latest?.utilizationGpuPct : undefined;
};

describe('applying a fleet’s stream', () => {
  it('puts samples in the live store at once and the GPU list once per flush, newest per GPU', () => {
    const { client, applier, fireTimer } = fleetApplier();
    applier.apply({ type: 'samples', ts: 1_250, samples: [sample('host-a', 0, 1_250, 70)] });
    applier.apply({ type: 'samples', ts: 1_300, samples: [sample('host-b', 0, 1_300, 80)] });
    applier.apply({ type: 'samples', ts: 1_500, samples: [sample('host-a', 0, 1_500, 90)] });
    expect(
      liveStoreOf(client)
        .samples('host-a/0')
        .map((s) => s.ts),
    ).toEqual([1_000, 1_250, 1_500]);
    expect(latestUtil(client, 'host-a/0')).toBe(50);

    fireTimer();
    expect(latestUtil(client, 'host-a/0')).toBe(90);
    expect(latestUtil(client, 'host-b/0')).toBe(80);
  });

  it('writes what it gathered before a message that is not samples', () => {
    const { client, applier } = fleetApplier();
    applier.apply({ type: 'samples', ts: 1_250, samples: [sample('host-c', 1, 1_250, 5)] });
    applier.apply({ type: 'inventory', inventory: [info('host-c', 1)] });
    expect(latestUtil(client, 'host-c/1')).toBe(5);
    expect(client.getQueryData(gpusQueryOptions().queryKey)?.gpus).toHaveLength(1);
  });

  it('a tick of one host does not wake the cards of other hosts', () => {
    const { client, applier, fireTimer } = fleetApplier();
    const wakes = new Map<string, number>();
    const observers = HOSTS.flatMap((host) =>
      [0, 1].map((index) => {
        const uuid = `${host}/${String(index)}`;
        const observer = new QueryObserver(client, {
          ...gpusQueryOptions(),
          select: (response: GpusResponse) => gpuViewOf(response, uuid),
          // What `useQuery(...).data` tracks: a card reads only its data.
          notifyOnChangeProps: ['data'],
        });
        return observer.subscribe(() => wakes.set(uuid, (wakes.get(uuid) ?? 0) + 1));
      }),
    );
    applier.apply({ type: 'samples', ts: 1_250, samples: [sample('host-b', 0, 1_250), sample('host-b', 1, 1_250)] });
    fireTimer();
    observers.forEach((unsubscribe) => unsubscribe());
    expect(Object.fromEntries(wakes)).toEqual({ 'host-b/0': 1, 'host-b/1': 1 });
  });
});
