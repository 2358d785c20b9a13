import { GpusResponse } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, promtoolCheck, type ExposedSample } from './metrics-text.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const CONTEXT = { actor: 'test', ip: null };

/** The server's own health in /metrics: what an operator charts next to the GPUs. */
describe("/metrics: the server's send lag, query times, writer lag and token cache", () => {
  let server: TestServer;
  let stream: TestStreamClient;
  let readKey: string;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 200 });
    readKey = (await server.identity.createApiKey({ name: 'prometheus', scope: 'read' }, CONTEXT)).key;
    stream = await TestStreamClient.connect(await server.streamUrl());
  });
  afterAll(async () => {
    stream.close();
    await server.stop();
  });

  const scrape = async (): Promise<ExposedSample[]> => {
    const response = await server.request('/metrics', { headers: { authorization: `Bearer ${readKey}` } });
    return parseExposition(await response.text());
  };
  const value = (samples: ExposedSample[], name: string, labels: Record<string, string> = {}): number | undefined =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([key, v]) => s.labels[key] === v))?.value;

  it('times each tick sent to a dashboard stream, from sampling to socket', async () => {
    const before = value(await scrape(), 'gpu_sentinel_websocket_send_lag_seconds_count') ?? 0;
    const since = Date.now();
    // Five ticks arrive after that scrape: at least four of them were sent after it (one may have been in flight).
    await eventually('five more ticks', () => (stream.ticksSince(since) >= 5 ? true : undefined));
    const samples = await scrape();
    const count = value(samples, 'gpu_sentinel_websocket_send_lag_seconds_count') ?? 0;
    expect(count).toBeGreaterThanOrEqual(before + 4);
    // Every tick went out within 5 s of being sampled (the +Inf bucket holds all of them).
    expect(value(samples, 'gpu_sentinel_websocket_send_lag_seconds_bucket', { le: '5' })).toBe(count);
    expect(value(samples, 'gpu_sentinel_websocket_clients')).toBe(1);
    expect(value(samples, 'gpu_sentinel_websocket_buffered_bytes')).toBeGreaterThanOrEqual(0);
  });

  it('times history queries by name, and tells the writer lag', async () => {
    const { gpus } = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
    const uuid = encodeURIComponent(gpus[0]?.info.uuid ?? '');
    for (let i = 0; i < 3; i += 1) expect((await server.get(`/api/v1/gpus/${uuid}/history`)).status).toBe(200);
    const samples = await scrape();
    expect(value(samples, 'gpu_sentinel_store_query_duration_seconds_count', { query: 'history' })).toBe(3);
    const lag = value(samples, 'gpu_sentinel_writer_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(5); // the test server flushes every 100 ms
  });

  it('counts access-token checks the revocation cache answered without the store', async () => {
    const count = async (result: string): Promise<number> =>
      value(await scrape(), 'gpu_sentinel_auth_cache_lookups_total', { result }) ?? 0;
    const hitsBefore = await count('hit');
    for (let i = 0; i < 5; i += 1) expect((await server.get('/api/v1/system')).status).toBe(200);
    expect(await count('hit')).toBeGreaterThanOrEqual(hitsBefore + 4);
    expect(await count('miss')).toBeGreaterThanOrEqual(1);
  });

  it('still passes promtool check metrics with every series present', async () => {
    const response = await server.request('/metrics', { headers: { authorization: `Bearer ${readKey}` } });
    const { code, output } = await promtoolCheck(await response.text());
    expect(output.trim()).toBe('');
    expect(code).toBe(0);
  });
});
