import { AuditResponse, GpusResponse, GpuHistoryResponse, SystemStatus } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, sleep, startTestServer, type TestServer } from './support/test-server.js';

const GPU_COUNT = 3;

describe('the live path with the simulated source', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: GPU_COUNT, intervalMs: 200 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends a snapshot on connect, then a tick with every GPU at the interval', async () => {
    const client = await TestStreamClient.connect(await server.streamUrl());
    await client.waitForTicks(5);
    client.close();

    const [first, ...rest] = client.messages;
    expect(first?.type).toBe('snapshot');
    if (first?.type !== 'snapshot') return;
    expect(first.inventory).toHaveLength(GPU_COUNT);
    expect(first.system.simulated).toBe(true);
    expect(first.system.source.kind).toBe('simulated');

    const ticks = client.ofType('samples');
    for (const tick of ticks) {
      expect(new Set(tick.samples.map((sample) => sample.uuid)).size).toBe(GPU_COUNT);
      expect(tick.samples.every((sample) => sample.ts === tick.ts)).toBe(true);
    }
    const gapsMs = ticks.slice(1).map((tick, i) => tick.ts - (ticks[i]?.ts ?? 0));
    expect(Math.min(...gapsMs)).toBeGreaterThanOrEqual(150);
    expect(rest.length).toBeGreaterThanOrEqual(5);
  });

  it('lists one GPU per entry with its latest sample, labelled simulated', async () => {
    const response = await server.get('/api/v1/gpus');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-gpu-sentinel-source')).toBe('simulated');
    const body = GpusResponse.parse(await response.json());
    expect(body.simulated).toBe(true);
    expect(body.gpus).toHaveLength(GPU_COUNT);
    for (const gpu of body.gpus) {
      expect(gpu.latest?.uuid).toBe(gpu.info.uuid);
      expect(gpu.isStale).toBe(false);
    }

    const first = body.gpus[0];
    if (first === undefined) throw new Error('no GPU');
    const one = await server.get(`/api/v1/gpus/${first.info.uuid}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { gpu: { info: { name: string } } }).gpu.info.name).toBe(first.info.name);

    const processes = await server.get(`/api/v1/gpus/${first.info.uuid}/processes`);
    expect(processes.status).toBe(200);
    expect(await processes.json()).toMatchObject({ simulated: true, uuid: first.info.uuid });
  });

  it('returns history points once the writer has flushed', async () => {
    const uuid = await firstUuid(server);
    const startedAt = Date.now() - 5_000;
    const defaults = await eventually('history points', async () => {
      const body = GpuHistoryResponse.parse(await (await server.get(`/api/v1/gpus/${uuid}/history`)).json());
      return body.points.length > 0 ? body : undefined;
    });
    expect(defaults.simulated).toBe(true);
    expect(defaults.to - defaults.from).toBe(15 * 60_000);

    const to = Date.now();
    const narrow = GpuHistoryResponse.parse(
      await (await server.get(`/api/v1/gpus/${uuid}/history?from=${startedAt}&to=${to}&points=50`)).json(),
    );
    expect(narrow.bucketMs).toBeLessThanOrEqual(200);
    expect(narrow.points.length).toBeGreaterThanOrEqual(2);
    expect(narrow.points.every((point) => point.ts >= startedAt && point.ts <= to)).toBe(true);
    expect(narrow.points.some((point) => point.memoryTotalMiB !== null)).toBe(true);
  });

  it('lists this host', async () => {
    const body = (await (await server.get('/api/v1/hosts')).json()) as { hosts: { gpuCount: number }[] };
    expect(body.hosts).toHaveLength(1);
    expect(body.hosts[0]?.gpuCount).toBe(GPU_COUNT);
  });

  it('is live and ready', async () => {
    expect((await server.get('/healthz')).status).toBe(200);
    const ready = await server.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });
});

describe('changing the system settings live', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 1_000 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('PUT /system/interval changes the tick rate seen on the socket', async () => {
    const client = await TestStreamClient.connect(await server.streamUrl());
    await client.waitForTicks(1);
    const slowFrom = Date.now();
    await sleep(1_500);
    const slowTicks = client.ticksSince(slowFrom);

    const response = await server.put('/api/v1/system/interval', JSON.stringify({ intervalMs: 100 }));
    expect(response.status).toBe(200);
    expect(SystemStatus.parse(await response.json()).intervalMs).toBe(100);
    await eventually('a system message', () => (client.ofType('system').length > 0 ? true : undefined));
    expect(client.ofType('system').at(-1)?.system.intervalMs).toBe(100);

    const fastFrom = Date.now();
    await sleep(1_500);
    const fastTicks = client.ticksSince(fastFrom);
    client.close();
    expect(slowTicks).toBeLessThanOrEqual(3);
    expect(fastTicks).toBeGreaterThanOrEqual(6);
    expect(fastTicks).toBeGreaterThan(2 * slowTicks);
  });

  it('with recording off, stores no new rows while the stream goes on', async () => {
    const uuid = await firstUuid(server);
    const client = await TestStreamClient.connect(await server.streamUrl());
    const off = await server.put('/api/v1/system/recording', JSON.stringify({ recording: false }));
    expect(off.status).toBe(200);
    expect(SystemStatus.parse(await off.json()).isRecording).toBe(false);
    // /system carries the writer's counters: what it wrote, and that nothing was dropped.
    const offStatus = SystemStatus.parse(await (await server.get('/api/v1/system')).json());
    expect(offStatus.storage.writer).toMatchObject({
      isRecording: false,
      dropped: 0,
      failedBatches: 0,
      lastError: null,
    });
    expect(offStatus.storage.writer.written).toBeGreaterThan(0);
    const pausedAt = Date.now() + 1;
    const ticksBefore = client.ofType('samples').length;
    await sleep(1_200);

    expect(client.ofType('samples').length).toBeGreaterThan(ticksBefore + 3);
    const during = GpuHistoryResponse.parse(
      await (await server.get(`/api/v1/gpus/${uuid}/history?from=${pausedAt}&to=${Date.now()}`)).json(),
    );
    expect(during.points).toEqual([]);

    const on = await server.put('/api/v1/system/recording', JSON.stringify({ recording: true }));
    expect(SystemStatus.parse(await on.json()).isRecording).toBe(true);
    const resumedAt = Date.now();
    await eventually('rows after resuming', async () => {
      const body = GpuHistoryResponse.parse(
        await (await server.get(`/api/v1/gpus/${uuid}/history?from=${resumedAt}&to=${Date.now() + 1}`)).json(),
      );
      return body.points.length > 0 ? true : undefined;
    });
    client.close();
  });

  it('writes every settings change to the audit log, with who made it', async () => {
    const audit = AuditResponse.parse(await (await server.get('/api/v1/audit')).json());
    const changes = audit.items.filter((event) => event.type === 'settings.changed');
    expect(changes.map((event) => [event.actor, event.target])).toEqual(
      expect.arrayContaining([
        ['admin', 'intervalMs'],
        ['admin', 'recording'],
      ]),
    );
  });
});

async function firstUuid(server: TestServer): Promise<string> {
  const body = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
  const uuid = body.gpus[0]?.info.uuid;
  if (uuid === undefined) throw new Error('no GPU listed');
  return uuid;
}
