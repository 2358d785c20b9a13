import { GpusResponse, HealthResponse, SystemStatus } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, fakeNvidiaSmi, startTestServer, type TestServer } from './support/test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverWithFake(settings: Record<string, string>, source: 'nvidia-smi' | 'auto'): Promise<TestServer> {
  const fake = await fakeNvidiaSmi(settings);
  cleanups.push(fake.remove);
  const server = await startTestServer({ source, nvidiaSmiPath: fake.path, intervalMs: 200 });
  cleanups.push(() => server.stop());
  return server;
}

async function system(server: TestServer): Promise<SystemStatus> {
  return SystemStatus.parse(await (await server.get('/api/v1/system')).json());
}

describe('the nvidia-smi source, against the fake nvidia-smi', () => {
  it('streams every GPU of the loop and lists them from -q -x', async () => {
    const server = await serverWithFake({ FAKE_NVSMI_GPUS: '2' }, 'nvidia-smi');
    const client = await TestStreamClient.connect(await server.streamUrl());
    cleanups.push(() => {
      client.close();
      return Promise.resolve();
    });
    await client.waitForTicks(3);
    const ticks = client.ofType('samples');
    expect(ticks.every((tick) => tick.samples.length === 2)).toBe(true);
    expect(
      ticks
        .at(-1)
        ?.samples.map((sample) => sample.uuid)
        .sort(),
    ).toEqual(['GPU-fake-0000-0000-0000-000000000000', 'GPU-fake-0000-0000-0000-000000000001']);

    const response = await server.get('/api/v1/gpus');
    expect(response.headers.get('x-gpu-sentinel-source')).toBe('nvidia-smi');
    const body = GpusResponse.parse(await response.json());
    expect(body.simulated).toBe(false);
    expect(body.gpus.map((gpu) => gpu.info.name)).toEqual(['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3']);
    expect(body.gpus.every((gpu) => gpu.latest !== null)).toBe(true);

    const status = await system(server);
    expect(status.source).toMatchObject({ kind: 'nvidia-smi', status: 'running', isSimulated: false });
    expect(status.driverVersion).toBe('535.54.03');
  });

  it('survives garbage lines: the stream goes on and /system counts them', async () => {
    const server = await serverWithFake({ FAKE_NVSMI_MODE: 'garbage', FAKE_NVSMI_GPUS: '2' }, 'nvidia-smi');
    const client = await TestStreamClient.connect(await server.streamUrl());
    cleanups.push(() => {
      client.close();
      return Promise.resolve();
    });
    await client.waitForTicks(8);
    const status = await eventually('bad lines counted', async () => {
      const current = await system(server);
      return current.source.badLines > 0 ? current : undefined;
    });
    expect(status.source.status).toBe('running');
    const ticksNow = client.ofType('samples').length;
    await client.waitForTicks(ticksNow + 3);
  });

  it('with auto and no driver, falls back to simulated GPUs and says why', async () => {
    const server = await serverWithFake({ FAKE_NVSMI_MODE: 'no-driver' }, 'auto');
    expect(server.fallbackReason).toMatch(/driver/i);

    const status = await system(server);
    expect(status.simulated).toBe(true);
    expect(status.source.kind).toBe('simulated');
    expect(status.source.reason).toMatch(/driver/i);
    expect(status.source.reason).toMatch(/simulated/i);
    const gpus = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
    expect(gpus.simulated).toBe(true);
    expect(gpus.gpus.length).toBe(4);
  });

  it('with nvidia-smi asked for and no driver, says so and is not ready', async () => {
    const server = await serverWithFake({ FAKE_NVSMI_MODE: 'no-driver' }, 'nvidia-smi');
    const ready = await eventually('not ready', async () => {
      const response = await server.get('/readyz');
      return response.status === 503 ? HealthResponse.parse(await response.json()) : undefined;
    });
    expect(ready.status).toBe('not_ready');
    expect(ready.reason).toMatch(/nvidia-smi/);
    expect((await server.get('/healthz')).status).toBe(200);
  });
});
