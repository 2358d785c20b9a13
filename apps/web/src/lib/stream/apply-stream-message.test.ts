import { describe, expect, it } from 'vitest';
import { gpusQueryOptions } from '../api/get-gpus';
import { systemQueryOptions } from '../api/get-system';
import { liveStoreOf } from '../live/live-store';
import { createQueryClient } from '../query-client';
import { gpuInfo, gpuSample, systemStatus } from '../../test/fixtures';
import { applyStreamMessage } from './apply-stream-message';

function connectedClient() {
  const client = createQueryClient();
  applyStreamMessage(client, {
    type: 'snapshot',
    system: systemStatus(),
    inventory: [gpuInfo(0), gpuInfo(1)],
    samples: [gpuSample(0, 10_000), gpuSample(1, 10_000)],
  });
  return client;
}

const gpus = (client: ReturnType<typeof createQueryClient>) => client.getQueryData(gpusQueryOptions().queryKey);
const live = (client: ReturnType<typeof createQueryClient>, uuid: string) => liveStoreOf(client).samples(uuid);

describe('stream messages in the query cache', () => {
  it('a snapshot fills the system status, the GPU list and the live buffers', () => {
    const client = connectedClient();
    expect(client.getQueryData(systemQueryOptions().queryKey)?.intervalMs).toBe(250);
    expect(gpus(client)?.simulated).toBe(true);
    expect(gpus(client)?.gpus.map((view) => [view.info.uuid, view.latest?.ts, view.isStale])).toEqual([
      ['GPU-0', 10_000, false],
      ['GPU-1', 10_000, false],
    ]);
    expect(live(client, 'GPU-0')).toHaveLength(1);
  });

  it('a tick updates the latest samples, appends to the buffers, and marks silent GPUs stale', () => {
    const client = connectedClient();
    for (let ts = 10_250; ts <= 11_000; ts += 250) {
      applyStreamMessage(client, { type: 'samples', ts, samples: [gpuSample(0, ts, { utilizationGpuPct: 99 })] });
    }
    const [first, second] = gpus(client)?.gpus ?? [];
    expect(first?.latest?.utilizationGpuPct).toBe(99);
    expect(first?.isStale).toBe(false);
    expect(second?.isStale).toBe(true);
    expect(live(client, 'GPU-0').map((sample) => sample.ts)).toEqual([10_000, 10_250, 10_500, 10_750, 11_000]);
    expect(live(client, 'GPU-1')).toHaveLength(1);
  });

  it('source and system messages update the status; an inventory change drops gone GPUs', () => {
    const client = connectedClient();
    const source = { ...systemStatus().source, status: 'stalled' as const, reason: 'no line for 3 intervals' };
    applyStreamMessage(client, { type: 'source', source });
    expect(client.getQueryData(systemQueryOptions().queryKey)?.source.status).toBe('stalled');
    applyStreamMessage(client, { type: 'system', system: systemStatus({ isRecording: false }) });
    expect(client.getQueryData(systemQueryOptions().queryKey)?.isRecording).toBe(false);

    applyStreamMessage(client, { type: 'inventory', inventory: [gpuInfo(1)] });
    expect(gpus(client)?.gpus.map((view) => view.info.uuid)).toEqual(['GPU-1']);
    expect(gpus(client)?.gpus[0]?.latest?.ts).toBe(10_000);
    expect(live(client, 'GPU-0')).toEqual([]);
    expect(live(client, 'GPU-1')).toHaveLength(1);
  });
});
