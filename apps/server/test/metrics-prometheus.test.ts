import { GpusResponse } from '@gpu-sentinel/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMETHEUS, requireBinary } from './metrics-text.js';
import { eventually, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const CONTEXT = { actor: 'test', ip: null };
const DASHBOARD = fileURLToPath(new URL('../../../deploy/grafana/gpu-sentinel.json', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface QueryResponse {
  status: string;
  data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('a real Prometheus scraping /metrics with a read API key', () => {
  let server: TestServer;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let prometheus: ChildProcess | null = null;
  let prometheusUrl: string;
  let output = '';

  beforeAll(async () => {
    requireBinary(PROMETHEUS);
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 500 });
    const key = (await server.identity.createApiKey({ name: 'prometheus', scope: 'read' }, CONTEXT)).key;
    temp = await tempDir('prometheus');
    const config = [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: gpu-sentinel',
      '    authorization:',
      `      credentials: ${key}`,
      '    static_configs:',
      `      - targets: ['127.0.0.1:${String(server.port)}']`,
      // docs/metrics.md's rule for dashboards that use dcgm-exporter's camelCase `modelName`.
      '    metric_relabel_configs:',
      '      - source_labels: [model_name]',
      '        regex: (.+)',
      '        target_label: modelName',
      '      - regex: model_name',
      '        action: labeldrop',
      '',
    ].join('\n');
    await writeFile(join(temp.dir, 'prometheus.yml'), config);
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${String(port)}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(temp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(temp.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${String(port)}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    prometheus.stdout?.on('data', keep);
    prometheus.stderr?.on('data', keep);
  });

  afterAll(async () => {
    const child = prometheus;
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await server.stop();
    await temp.remove();
  });

  it('stores the dcgm series of every GPU, labelled with their UUIDs, and relabels model_name to modelName', async () => {
    const { gpus } = GpusResponse.parse(await (await server.get('/api/v1/gpus')).json());
    const uuids = gpus.map((gpu) => gpu.info.uuid).sort();
    expect(uuids).toHaveLength(2);
    const stored = await eventually(
      'Prometheus to have scraped DCGM_FI_DEV_GPU_TEMP',
      async () => {
        if (prometheus?.exitCode !== null) throw new Error(`prometheus exited: ${output}`);
        const response = await fetch(`${prometheusUrl}/api/v1/query?query=DCGM_FI_DEV_GPU_TEMP`).catch(() => null);
        if (response?.status !== 200) return undefined;
        const body = (await response.json()) as QueryResponse;
        const found = (body.data?.result ?? []).map((series) => series.metric.UUID ?? '').sort();
        return found.length === uuids.length ? found : undefined;
      },
      60_000,
    );
    expect(stored).toEqual(uuids);
    const model = gpus[0]?.info.name ?? '';
    const byModel = encodeURIComponent(`DCGM_FI_DEV_GPU_TEMP{modelName="${model}"}`);
    const relabelled = (await (await fetch(`${prometheusUrl}/api/v1/query?query=${byModel}`)).json()) as QueryResponse;
    expect(relabelled.data?.result.map((series) => series.metric.UUID).sort()).toEqual(
      gpus
        .filter((gpu) => gpu.info.name === model)
        .map((gpu) => gpu.info.uuid)
        .sort(),
    );
    expect(relabelled.data?.result.every((series) => series.metric.model_name === undefined)).toBe(true);
    const up = (await (await fetch(`${prometheusUrl}/api/v1/query?query=up`)).json()) as QueryResponse;
    expect(up.data?.result.map((series) => series.value[1])).toEqual(['1']);
  }, 90_000);

  it("runs every query of the Grafana dashboard without an error, and the GPU ones return the fleet's series", async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets ?? []) {
        // The dashboard's variables, set to "All" as Grafana does.
        const query = expr.replaceAll('$Hostname', '.+').replaceAll('$gpu', '.+');
        const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
        const body = (await response.json()) as QueryResponse & { error?: string };
        expect(body, `${panel.title}: ${query}`).toMatchObject({ status: 'success' });
        if (query.startsWith('DCGM_FI_DEV_GPU_TEMP')) expect(body.data?.result).toHaveLength(2);
      }
    }
  });
});
