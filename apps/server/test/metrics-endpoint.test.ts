import { GpusResponse, ServerConfig, type GpuView } from '@gpu-sentinel/protocol';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeConfig } from '../src/config/merge-config.js';
import { GPU_SERIES, gpuLabels } from '../src/metrics/gpu-metrics.js';
import { parseExposition, promtoolCheck, type ExposedSample } from './metrics-text.js';
import { FIXTURES, eventually, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const CONTEXT = { actor: 'test', ip: null };
const DASHBOARD = fileURLToPath(new URL('../../../deploy/grafana/gpu-sentinel.json', import.meta.url));

describe('GET /metrics', () => {
  let server: TestServer;
  let readKey: string;

  beforeAll(async () => {
    // A long interval: the samples do not change between reading the API and scraping.
    server = await startTestServer({ source: 'simulated', gpus: 3, intervalMs: 60_000 });
    readKey = (await server.identity.createApiKey({ name: 'prometheus', scope: 'read' }, CONTEXT)).key;
  });
  afterAll(async () => {
    await server.stop();
  });

  const scrape = async (): Promise<string> => {
    const response = await server.request('/metrics', { headers: { authorization: `Bearer ${readKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  const freshGpus = (): Promise<GpuView[]> =>
    eventually('a sample of every GPU', async () => {
      const { gpus } = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
      return gpus.length === 3 && gpus.every((gpu) => gpu.latest !== null) ? gpus : undefined;
    });

  it('exports every GPU under dcgm-exporter names and labels, valued as the latest samples', async () => {
    const gpus = await freshGpus();
    const samples = parseExposition(await scrape());
    for (const view of gpus) {
      const latest = view.latest;
      if (latest === null) throw new Error('no sample');
      const labels = gpuLabels(view);
      expect(labels).toEqual({
        gpu: String(view.info.index),
        UUID: view.info.uuid,
        device: `nvidia${String(view.info.index)}`,
        model_name: view.info.name,
        Hostname: view.info.hostname,
      });
      const valueOf = (name: string): number | undefined =>
        samples.find((s) => s.name === name && s.labels.UUID === view.info.uuid)?.value;
      const found = samples.filter((s) => s.labels.UUID === view.info.uuid);
      for (const sample of found) expect(sample.labels).toEqual(labels);
      expect(valueOf('DCGM_FI_DEV_GPU_UTIL')).toBe(latest.utilizationGpuPct);
      expect(valueOf('DCGM_FI_DEV_GPU_TEMP')).toBe(latest.temperatureC);
      expect(valueOf('DCGM_FI_DEV_POWER_USAGE')).toBe(latest.powerDrawW);
      expect(valueOf('DCGM_FI_DEV_FB_USED')).toBe(latest.memoryUsedMiB);
      expect(valueOf('DCGM_FI_DEV_SM_CLOCK')).toBe(latest.clockSmMHz);
      // Every series is the latest value, or absent when the GPU reports N/A (never a made-up 0).
      for (const series of GPU_SERIES) {
        const expected = series.value(latest, view);
        expect(valueOf(series.name), series.name).toBe(expected ?? undefined);
      }
    }
    const hosts = samples.filter((s) => s.name === 'gpu_sentinel_host_up');
    expect(hosts).toContainEqual({
      name: 'gpu_sentinel_host_up',
      labels: { Hostname: gpus[0]?.info.hostname },
      value: 1,
    });
  });

  it('exports the server metrics, the HTTP histogram by route pattern', async () => {
    await server.get(`/api/v1/gpus/${encodeURIComponent((await freshGpus())[0]?.info.uuid ?? '')}`);
    const samples = parseExposition(await scrape());
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'gpu_sentinel_websocket_clients',
      'gpu_sentinel_websocket_skipped_ticks_total',
      'gpu_sentinel_websocket_dropped_slow_clients_total',
      'gpu_sentinel_writer_queued_rows',
      'gpu_sentinel_writer_rows_written_total',
      'gpu_sentinel_writer_rows_dropped_total',
      'gpu_sentinel_writer_duplicate_rows_total',
      'gpu_sentinel_source_restarts',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names, name).toContain(name);
    }
    const routes = samples
      .filter((s) => s.name === 'gpu_sentinel_http_request_duration_seconds_count')
      .map((s) => s.labels.route);
    expect(routes).toContain('/api/v1/gpus/:uuid');
    expect(routes.some((route) => route?.includes('GPU-'))).toBe(false);
  });

  it('passes promtool check metrics: no parse error and no lint finding', async () => {
    const { code, output } = await promtoolCheck(await scrape());
    expect(output.trim()).toBe('');
    expect(code).toBe(0);
  });

  it('answers gzip when asked, as Prometheus asks, and plain text otherwise', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const zipped = await server.request('/metrics', { headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('accept-encoding');
    // fetch inflates it: what arrives is the same exposition.
    expect(parseExposition(await zipped.text()).some((s) => s.name === 'DCGM_FI_DEV_GPU_TEMP')).toBe(true);
    for (const encoding of ['identity', 'gzip;q=0']) {
      const plain = await server.request('/metrics', { headers: { ...auth, 'accept-encoding': encoding } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toContain('# TYPE DCGM_FI_DEV_GPU_TEMP gauge');
    }
  });

  it('needs a read API key: 401 without one or with a wrong one', async () => {
    expect((await server.request('/metrics')).status).toBe(401);
    const wrong = await server.request('/metrics', { headers: { authorization: 'Bearer gs_not-a-real-key' } });
    expect(wrong.status).toBe(401);
  });

  it('queries, in the Grafana dashboard, only metrics /metrics exports', async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
    const queried = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    expect(queried.length).toBeGreaterThan(3);
    const exported = new Set(parseExposition(await scrape()).map((s: ExposedSample) => s.name));
    for (const expr of queried) {
      const names = expr.match(/\b(DCGM_FI_[A-Z_]+|gpu_sentinel_[a-z_]+)\b/g) ?? [];
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${name} in ${expr}`).toContain(name);
    }
  });
});

describe('GET /metrics with --metrics-auth public', () => {
  it('answers without credentials', async () => {
    const server = await startTestServer({ source: 'simulated', gpus: 1, metricsAuth: 'public' });
    try {
      const response = await server.request('/metrics');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('gpu_sentinel_host_up');
    } finally {
      await server.stop();
    }
  });
});

describe('the metricsAuth setting', () => {
  const resolve = (flags: Record<string, string>, env: Record<string, string>): unknown =>
    ServerConfig.safeParse(mergeConfig({ flags, env, file: null }).input);

  it('is key by default, set by GPU_SENTINEL_METRICS_AUTH, and --metrics-auth wins', () => {
    expect(ServerConfig.parse({}).metricsAuth).toBe('key');
    expect(resolve({}, { GPU_SENTINEL_METRICS_AUTH: 'public' })).toMatchObject({ data: { metricsAuth: 'public' } });
    expect(resolve({ metricsAuth: 'key' }, { GPU_SENTINEL_METRICS_AUTH: 'public' })).toMatchObject({
      data: { metricsAuth: 'key' },
    });
  });

  it('refuses anything but key or public', () => {
    expect(resolve({ metricsAuth: 'open' }, {})).toMatchObject({ success: false });
  });
});

describe('GET /metrics on a GPU that reports N/A', () => {
  it('leaves out the series of values the GPU does not report, rather than exporting 0', async () => {
    const captures = await tempDir('metrics-replay');
    await copyFile(join(FIXTURES, 'xml', 'lampaa-smi_test_1-gtx-1050.xml'), join(captures.dir, 'gtx-1050.xml'));
    const server = await startTestServer({
      source: `replay:${captures.dir}`,
      intervalMs: 60_000,
      metricsAuth: 'public',
    });
    try {
      const view = await eventually('a replayed sample', async () => {
        const { gpus } = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
        const first = gpus[0];
        return first?.latest === null ? undefined : first;
      });
      const latest = view.latest;
      if (latest === null) throw new Error('no sample');
      const missing = GPU_SERIES.filter((series) => series.value(latest, view) === null).map((series) => series.name);
      expect(missing.length).toBeGreaterThan(0);
      const exported = new Set(parseExposition(await (await server.request('/metrics')).text()).map((s) => s.name));
      for (const name of missing) expect(exported, name).not.toContain(name);
      expect(exported).toContain('DCGM_FI_DEV_GPU_TEMP');
    } finally {
      await server.stop();
      await captures.remove();
    }
  });
});
